/**
 * PDF stage (issue 3): print each edition's staged HTML pages with one
 * headless Chromium and a small pool of pages, into the same staging folder.
 *
 * Per edition: facilitator-guide.pdf, participant-handout.pdf and
 * slides/<module-id>.pdf (FORMAT.md section 6). Puppeteer is imported only
 * here, and this module only when PDF output is asked for.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { diag, Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import type { Staging } from '../emit/atomic.js';
import type { Edition } from '../resolve/edition.js';
import { Templates } from '../render/templates.js';
import { findBrowser } from './browser.js';
import { launchBrowser } from './launch.js';
import { missingScripts } from './fonts.js';
import { openGuardedPage, type GuardedPage } from './guard.js';
import { Pool } from './pool.js';
import { printDeck, printDocument, type PrintJob, type PrintSettings } from './print.js';

export interface PdfStageOptions {
  browser?: string;
  paper: 'a4' | 'letter';
  notes: boolean;
  onWarning: (d: Diagnostic) => void;
  /** Called for every PDF written, with its path relative to the edition folder. */
  onPdf: (editionId: string, rel: string) => void;
  /** Browser pages printing at once (default 2: one per core here). */
  concurrency?: number;
  /** Milliseconds allowed to load a page, and again to print it (default 60 000). */
  timeoutMs?: number;
}

export interface PdfStats {
  /** Executable that printed. */
  browser: string;
  launchMs: number;
  /** PDF pages written, all files together. */
  pages: number;
  /** PDF files written. */
  files: number;
  /** Wall time of the whole stage, launch included. */
  ms: number;
}

/** One PDF to write: the HTML page it comes from and where it goes, relative to the edition folder. */
interface Task extends PrintJob {
  root: string;
  htmlRel: string;
  pdfRel: string;
}

function tasksOf(staging: Staging, edition: Edition, strings: Record<string, string>): Task[] {
  const root = staging.editionDir(edition.id);
  const task = (kind: Task['kind'], htmlRel: string): Task => ({
    edition, strings, kind, root, htmlRel, html: path.join(root, htmlRel), pdfRel: htmlRel.replace(/\.html$/, '.pdf'),
  });
  return [
    task('guide', 'facilitator-guide.html'),
    task('handout', 'participant-handout.html'),
    ...edition.modules.map((m) => task('deck', `slides/${m.id}.html`)),
  ];
}

/** Print every edition's PDFs. Throws a TrainpackError (rules `browser`/`pdf`) when any could not be printed. */
export async function renderEditionPdfs(
  staging: Staging,
  editions: { edition: Edition; strings: Record<string, string> }[],
  options: PdfStageOptions,
): Promise<PdfStats> {
  const started = performance.now();
  const found = await findBrowser({ explicit: options.browser });
  const { browser, launchMs } = await launchBrowser(found);
  const tasks = editions.flatMap((e) => tasksOf(staging, e.edition, e.strings));
  const css = new Map(editions.map(({ edition }) => [edition.id, new Templates(edition.templateDirs).read('css/print-pdf.css')]));
  const timeout = options.timeoutMs ?? 60_000;
  const pool = new Pool<GuardedPage>(options.concurrency ?? 2, () => openGuardedPage(browser), (p) => p.page.close());
  const errors = new Diagnostics();
  const fontWarned = new Set<string>();
  let pages = 0;
  let files = 0;

  const run = async (task: Task) => {
    const file = `${task.edition.id}/${task.htmlRel}`;
    // One warning per URL and page, however often the page asks for it.
    const seen = new Set<string>();
    const once = (url: string, d: Diagnostic) => {
      if (seen.has(url)) return;
      seen.add(url);
      options.onWarning(d);
    };
    const rules = {
      root: task.root,
      onRemote: (url: string) => once(url, diag('warning', 'remote-asset', `Blocked a request to ${url} while printing the PDF: it is missing from the PDF`, { file })),
      onBlocked: (url: string) => once(url, diag('warning', 'pdf', `Blocked ${url} while printing the PDF: only files inside the edition folder load`, { file })),
    };
    const settings: PrintSettings = { paper: options.paper, notes: options.notes, timeout, css: css.get(task.edition.id)! };
    const [printed] = await Promise.all([
      pool.use(async (gp) => {
        gp.rules = rules;
        try {
          return await (task.kind === 'deck' ? printDeck : printDocument)(gp.page, task, settings);
        } finally {
          gp.rules = undefined;
        }
      }),
      checkFonts(task, file, fontWarned, options.onWarning),
    ]);
    await writeFile(path.join(task.root, task.pdfRel), printed.bytes);
    pages += printed.pages;
    files++;
    options.onPdf(task.edition.id, task.pdfRel);
  };

  try {
    const outcomes = await Promise.allSettled(tasks.map(run));
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') errors.add(printError(tasks[i]!, o.reason, browser.connected));
    });
  } finally {
    await pool.close();
    await browser.close().catch(() => undefined);
  }
  if (errors.list.length > 0) throw new TrainpackError(errors.list);
  return { browser: found.path, launchMs, pages, files, ms: performance.now() - started };
}

/** Warn once per edition and script when a page's text needs a font no installed package covers. */
async function checkFonts(task: Task, file: string, warned: Set<string>, onWarning: (d: Diagnostic) => void): Promise<void> {
  const missing = await missingScripts(await readFile(task.html, 'utf8'));
  for (const script of missing) {
    const key = `${task.edition.id}:${script.lang}`;
    if (warned.has(key)) continue;
    warned.add(key);
    onWarning(
      diag('warning', 'pdf', `No installed font covers ${script.name} text: the PDF will show empty boxes`, { file }, `Install a font for it (Debian/Ubuntu: apt-get install ${script.pkg}), then build again.`),
    );
  }
}

function printError(task: Task, reason: unknown, connected: boolean): Diagnostic {
  const message = (reason instanceof Error ? reason.message : String(reason)).split('\n')[0];
  const file = `${task.edition.id}/${task.pdfRel}`;
  if (!connected) return diag('error', 'browser', `The browser quit while printing ${file}: ${message}`, { file });
  return diag('error', 'pdf', `Could not print ${file}: ${message}`, { file }, 'A page that takes too long to print may hold very large images; the HTML outputs were written.');
}
