/**
 * The PDFs of an edition as tasks, and the diagnostics a task can raise:
 * blocked requests, missing fonts, a failed print.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diag, type Diagnostic } from '../errors.js';
import type { Staging } from '../emit/atomic.js';
import type { Edition } from '../resolve/edition.js';
import { missingScripts } from './fonts.js';
import type { GuardRules } from './guard.js';
import type { PrintJob } from './print.js';

/** One PDF to write: the staged HTML page it comes from and where it goes. */
export interface Task extends PrintJob {
  /** The edition's staging folder. */
  root: string;
  /** `slides/m.pdf`: relative to the edition folder, as `onPdf` reports it. */
  pdfRel: string;
  /** `base/slides/m.html`: the page as diagnostics name it. */
  file: string;
}

/** Another page of an edition to print as a document (a workshop pack's role cards, agenda, …). */
export interface ExtraDocument {
  /** HTML page relative to the edition folder; the PDF goes beside it. */
  html: string;
  /** Header and PDF subject. */
  label: string;
  /** Printed on landscape paper (the attendance sheet). */
  landscape?: boolean;
}

/** Guide, handout and one deck a module (FORMAT.md section 6), then any extra documents. */
export function tasksOf(staging: Staging, edition: Edition, strings: Record<string, string>, extra: ExtraDocument[] = []): Task[] {
  const root = staging.editionDir(edition.id);
  const task = (kind: Task['kind'], htmlRel: string, label?: string): Task => ({
    edition, strings, kind, root, html: path.join(root, htmlRel), pdfRel: htmlRel.replace(/\.html$/, '.pdf'), file: `${edition.id}/${htmlRel}`, label,
  });
  return [
    task('guide', 'facilitator-guide.html'),
    task('handout', 'participant-handout.html'),
    ...edition.modules.map((m) => task('deck', `slides/${m.id}.html`)),
    ...extra.map((x) => ({ ...task('handout', x.html, x.label), landscape: x.landscape })),
  ];
}

/** Guard rules of a task: what its page may load, and one warning per refused URL. */
export function guardRules(task: Task, onWarning: (d: Diagnostic) => void): GuardRules {
  const seen = new Set<string>();
  const once = (url: string, d: Diagnostic) => {
    if (seen.has(url)) return;
    seen.add(url);
    onWarning(d);
  };
  const { file } = task;
  return {
    root: task.root,
    onRemote: (url) => once(url, diag('warning', 'remote-asset', `Blocked a request to ${url} while printing the PDF: it is missing from the PDF`, { file })),
    onBlocked: (url) => once(url, diag('warning', 'pdf', `Blocked ${url} while printing the PDF: only files inside the edition folder load`, { file })),
  };
}

/** Warnings for scripts in the page that no installed font covers; `warned` keeps it to one per edition and script. */
export async function fontWarnings(task: Task, warned: Set<string>): Promise<Diagnostic[]> {
  const missing = await missingScripts(await readFile(task.html, 'utf8'));
  const fresh = missing.filter((s) => !warned.has(`${task.edition.id}:${s.lang}`));
  for (const s of fresh) warned.add(`${task.edition.id}:${s.lang}`);
  return fresh.map((s) =>
    diag('warning', 'pdf', `No installed font covers ${s.name} text: the PDF will show empty boxes`, { file: task.file }, `Install a font for it (Debian/Ubuntu: apt-get install ${s.pkg}), then build again.`),
  );
}

/** The error of a task that could not be printed; a browser that died is a `browser` error. */
export function printError(task: Task, reason: unknown, browserAlive: boolean): Diagnostic {
  const message = (reason instanceof Error ? reason.message : String(reason)).split('\n')[0];
  const file = `${task.edition.id}/${task.pdfRel}`;
  if (!browserAlive) return diag('error', 'browser', `The browser quit while printing ${file}: ${message}`, { file });
  return diag('error', 'pdf', `Could not print ${file}: ${message}`, { file }, 'A page that takes too long to print may hold very large images; the HTML outputs were written.');
}
