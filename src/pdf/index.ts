/**
 * PDF stage (issue 3): print each edition's staged HTML pages with one
 * headless Chromium and a small pool of pages, into the same staging folder.
 *
 * Per edition: facilitator-guide.pdf, participant-handout.pdf and
 * slides/<module-id>.pdf (FORMAT.md section 6). api.ts imports this module
 * only when PDF output is asked for, and puppeteer loads on launch (launch.ts).
 */
import { createHash } from 'node:crypto';
import { copyFile, link, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { debuglog } from 'node:util';
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import type { Staging } from '../emit/atomic.js';
import type { Edition } from '../resolve/edition.js';
import { Templates } from '../render/templates.js';
import { findBrowser } from './browser.js';
import { closeBrowser, closePage, launchBrowser, type LaunchedBrowser } from './launch.js';
import { openGuardedPage, type GuardedPage } from './guard.js';
import { Pool } from './pool.js';
import { printDeck, printDocument, type PrintSettings } from './print.js';
import { reproducible } from './reproducible.js';
import { fontWarnings, guardRules, printError, tasksOf, type ExtraDocument, type Task } from './tasks.js';
import { installedFonts } from './fonts.js';

/** `NODE_DEBUG=trainpack:pdf` prints the browser and each PDF's pages, passes and time. */
const debug = debuglog('trainpack:pdf');

/** Options of the PDF stage; `build()` fills them from its own options. */
export interface PdfStageOptions {
  /** Chromium/Chrome executable (`--browser`); else discovered (browser.ts). */
  browser?: string;
  /** Paper of guides, handouts and `--notes` slide pages. */
  paper: 'a4' | 'letter';
  /** Slide PDFs as notes pages: each slide with its speaker notes below. */
  notes: boolean;
  /** Called for each warning (rules `pdf`, `remote-asset`). */
  onWarning: (d: Diagnostic) => void;
  /** Called for every PDF written, with its path relative to the edition folder. */
  onPdf: (editionId: string, rel: string) => void;
  /** Called after each PDF written or kept: files done of all to do, pages printed so far (the CLI's progress line). */
  onProgress?: (p: { files: number; total: number; pages: number }) => void;
  /** Browser pages printing at once (default: $TRAINPACK_PDF_CONCURRENCY, else 2). */
  concurrency?: number;
  /** Milliseconds allowed to load a page, and again to print it (default 60 000). */
  timeoutMs?: number;
  /** Extra pages of each edition to print as documents, by edition id. */
  extra?: Record<string, ExtraDocument[]>;
  /** Same input, same bytes: fixed dates and renumbered tag ids (see reproducible.ts). */
  reproducible?: boolean;
  /** PDFs kept from the last build: when every PDF is kept, no browser starts. */
  reuse?: PdfReuse;
}

/** How the build lets the PDF stage keep the last build's PDFs. */
export interface PdfReuse {
  /** The key of an edition's HTML page (render/pages.ts), if it has one. */
  htmlKey(editionId: string, htmlRel: string): string | undefined;
  /** The last build's PDF recorded with this key, if it is still there untouched. */
  keep(editionId: string, pdfRel: string, key: string): { file: string; notes: Diagnostic[] } | undefined;
  /** Record the PDFs' keys (and the warnings printing them gave) for the next build. */
  record(editionId: string, keys: Map<string, { key: string; notes: Diagnostic[] }>): Promise<void>;
}

/** What the PDF stage did, for the build summary and `npm run bench`. */
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
  /** PDFs kept from the last build (their HTML and the print settings did not change). */
  kept: number;
}

/** Print every edition's PDFs. Throws a TrainpackError (rules `browser`/`pdf`) when any could not be printed. */
export async function renderEditionPdfs(
  staging: Staging,
  editions: { edition: Edition; strings: Record<string, string> }[],
  options: PdfStageOptions,
): Promise<PdfStats> {
  const started = performance.now();
  // Everything that can fail without a browser comes first: a launched browser is closed only in `finally`.
  const tasks = editions.flatMap((e) => tasksOf(staging, e.edition, e.strings, options.extra?.[e.edition.id]));
  const css = new Map(editions.map(({ edition }) => [edition.id, new Templates(edition.templateDirs).read('css/print-pdf.css')]));
  const timeout = options.timeoutMs ?? 60_000;
  const size = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency())) || 2;
  const found = await findBrowser({ explicit: options.browser });
  // The browser starts with the first PDF that has to be printed.
  let launched: Promise<LaunchedBrowser> | undefined;
  const browserOf = async () => {
    if (!launched) {
      launched = launchBrowser(found);
      const { launchMs } = await launched;
      debug('%s (%s) launched in %d ms', found.path, found.source, Math.round(launchMs));
    }
    return (await launched).browser;
  };
  const pool = new Pool<GuardedPage>(size, async () => openGuardedPage(await browserOf()), (p) => closePage(p.page));
  const errors = new Diagnostics();
  const fontWarned = new Set<string>();
  let pages = 0;
  let files = 0;
  let kept = 0;
  const keys = new Map<string, Map<string, { key: string; notes: Diagnostic[] }>>();

  const run = async (task: Task) => {
    const editionId = task.edition.id;
    const htmlKey = options.reuse?.htmlKey(editionId, path.relative(task.root, task.html).split(path.sep).join('/'));
    const key = htmlKey && pdfKey([htmlKey, task.kind, task.label ?? '', options.paper, options.notes, css.get(editionId), Boolean(options.reproducible), found.path, await installedFonts()]);
    const old = key ? options.reuse!.keep(editionId, task.pdfRel, key) : undefined;
    const byEdition = keys.get(editionId) ?? keys.set(editionId, new Map()).get(editionId)!;
    if (old) {
      const dest = path.join(task.root, task.pdfRel);
      await link(old.file, dest).catch(() => copyFile(old.file, dest));
      // What printing it warned about then still holds: the page is the same.
      old.notes.forEach(options.onWarning);
      (await fontWarnings(task, fontWarned)).forEach(options.onWarning);
      byEdition.set(task.pdfRel, { key: key!, notes: old.notes });
      kept++;
      files++;
      options.onPdf(editionId, task.pdfRel);
      options.onProgress?.({ files, total: tasks.length, pages });
      return;
    }
    const notes: Diagnostic[] = [];
    const rules = guardRules(task, (d) => {
      notes.push(d);
      options.onWarning(d);
    });
    const settings: PrintSettings = { paper: options.paper, notes: options.notes, timeout, css: css.get(task.edition.id)! };
    const taskStarted = performance.now();
    const [printed, fontDiags] = await Promise.all([
      pool.use(async (gp) => {
        gp.rules = rules;
        try {
          return await (task.kind === 'deck' ? printDeck : printDocument)(gp.page, task, settings);
        } finally {
          gp.rules = undefined;
        }
      }),
      fontWarnings(task, fontWarned),
    ]);
    fontDiags.forEach(options.onWarning);
    await writeFile(path.join(task.root, task.pdfRel), options.reproducible ? reproducible(printed.bytes) : printed.bytes);
    debug('%s/%s: %d pages, %d pass(es), %d ms', task.edition.id, task.pdfRel, printed.pages, printed.passes, Math.round(performance.now() - taskStarted));
    pages += printed.pages;
    files++;
    if (key) byEdition.set(task.pdfRel, { key, notes });
    options.onPdf(task.edition.id, task.pdfRel);
    options.onProgress?.({ files, total: tasks.length, pages });
  };

  let browser: LaunchedBrowser | undefined;
  try {
    const outcomes = await Promise.allSettled(tasks.map(run));
    // A browser that would not start is the error, not each page it did not print.
    browser = launched && (await launched);
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') errors.add(printError(tasks[i]!, o.reason, browser?.browser.connected ?? true));
    });
  } finally {
    await pool.close();
    const b = browser ?? (launched && (await launched.catch(() => undefined)));
    if (b) await closeBrowser(b.browser);
  }
  if (errors.list.length > 0) throw new TrainpackError(errors.list);
  if (options.reuse) for (const [id, k] of keys) await options.reuse.record(id, k);
  const launchMs = browser?.launchMs ?? 0;
  return { browser: found.path, launchMs, pages, files, kept, ms: performance.now() - started };
}

function pdfKey(parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Two pages keep two cores busy: while one page prints, Node post-processes
 * the other's PDF. Machines with more cores may set TRAINPACK_PDF_CONCURRENCY.
 */
function defaultConcurrency(): number {
  const n = Number.parseInt(process.env.TRAINPACK_PDF_CONCURRENCY ?? '', 10);
  return Number.isInteger(n) && n >= 1 ? n : 2;
}
