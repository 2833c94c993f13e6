/**
 * The library face of trainpack. The CLI and the tests call these.
 *
 * build(): load -> resolve -> parse -> view -> render -> emit -> pdf.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { debuglog } from 'node:util';
import { TrainpackError, type Diagnostic } from './errors.js';
import { DiskCache } from './cache/disk.js';
import { ParseCache, prepare } from './pipeline.js';
import { runChecks } from './check/index.js';
import { prerender, renderEdition } from './render/pages.js';
import { rememberFragments } from './render/fragments.js';
import { ROLE_CARDS, roleCardsPage } from './render/role-cards.js';
import type { WorkshopEvent } from './render/event.js';
import { Staging, recoverInterrupted } from './emit/atomic.js';
import { Reuse } from './emit/reuse.js';
import { releaseGarbage } from './emit/memory.js';
import { rememberBuild, type InputSnapshot } from './emit/unchanged.js';
import type { PdfStats } from './pdf/index.js';
import type { ExtraDocument } from './pdf/tasks.js';
import type { Prepared, PreparedEdition } from './pipeline.js';

export { loadCurriculum } from './load/curriculum.js';
export { prepare, ParseCache, type Prepared, type PreparedEdition } from './pipeline.js';
export { exportQuiz, exportQuizResult, QUIZ_FORMATS, type ExportQuizOptions, type ExportQuizResult, type QuizFormat, type QuizModel } from './export/index.js';
export { exportCourse, type ExportCourseOptions, type ExportCourseResult, type CoursePackage } from './export/course/index.js';
export { check, runChecks, type CheckOptions, type CheckResult, type RunChecksOptions } from './check/index.js';
export { TrainpackError, formatDiagnostic, type Diagnostic } from './errors.js';
export { schedule, type ScheduleOptions, type ScheduleReport } from './schedule/index.js';

/** Output formats: pages, PDFs (printed by Chromium), PowerPoint decks and Word documents (src/office). */
export type Format = 'html' | 'pdf' | 'pptx' | 'docx';

/** Options of `build()`; the CLI flags map one to one. */
export interface BuildOptions {
  /** Curriculum folder. */
  dir: string;
  /** Output folder (default `out` in the current directory). */
  out?: string;
  formats?: Format[];
  /** Overlay ids to build (each as its own edition). Empty: the base only. */
  overlays?: string[];
  /** Build the base and every overlay. */
  all?: boolean;
  /** Chromium/Chrome executable for PDF. */
  browser?: string;
  /** Paper size of guide and handout PDFs (default a4). */
  paper?: 'a4' | 'letter';
  /** Slide PDFs with each slide's speaker notes below it. */
  notes?: boolean;
  /** Markup appended to every page (used by `trainpack dev` for its reload script). */
  inject?: string;
  /** A parse cache to reuse across builds in one process. */
  cache?: ParseCache;
  /** Use the persistent cache in `<dir>/.trainpack-cache/` (default true). */
  persistentCache?: boolean;
  /** Module ids the workshop covers (default all). */
  modules?: string[];
  /** Unit ids the workshop covers besides whole modules (default all). */
  units?: string[];
  /** Days the workshop has: a longer agenda is a warning. */
  days?: number;
  /** First day, YYYY-MM-DD: the agenda shows dates in the edition's language. */
  start?: string;
  /** Venue, organisation and facilitators' names: on covers, the agenda and the attendance sheet. */
  event?: WorkshopEvent;
  /**
   * More pages for each edition (a workshop pack's role cards, attendance
   * sheet, …): HTML by path relative to the edition folder, and which of
   * them to print as PDF documents, with their header label.
   */
  extraPages?: (edition: PreparedEdition) => { files: Map<string, string>; pdf: ExtraDocument[] };
  /** Same input, same PDF bytes (fixed dates; see src/pdf/reproducible.ts). */
  reproducible?: boolean;
  /** Build only this share of the editions (`--shard 2/3`): a CI matrix builds the rest. */
  shard?: { index: number; count: number };
  /** Told how a long build goes (the CLI's progress line on a terminal). */
  onProgress?: (p: BuildProgress) => void;
  /**
   * The signatures of the build's inputs, taken by the caller before the
   * build (emit/unchanged.ts): recorded with the result once the outputs are
   * in place, so that the next build with the same inputs and untouched
   * outputs can report it again without running (the CLI does).
   */
  inputs?: InputSnapshot;
}

/** Where a build is: units parsed so far, the edition being rendered, PDFs written of all. */
export type BuildProgress =
  | { stage: 'parse'; units: number }
  | { stage: 'render'; edition: string; done: number; total: number }
  | { stage: 'pdf'; files: number; total: number; pages: number };

/** What one edition produced. */
export interface EditionResult {
  id: string;
  dir: string;
  files: string[];
  units: number;
  slides: number;
  /** Pages kept from the last build in the output folder (same page key), not rendered again. */
  kept: string[];
  /** Pages made from the last build's by replacing the parts of the units that changed. */
  spliced: string[];
}

export interface BuildResult {
  editions: EditionResult[];
  /** Warnings found on the way (errors throw). */
  diagnostics: Diagnostic[];
  ms: number;
  pdf?: PdfStats;
  /** Units parsed vs reused from the cache (memory or disk); `markdown`, the texts run through the parser, is the same as `parsed` since parses hold no edition data. */
  cache?: { parsed: number; reused: number; markdown: number };
}

/** `NODE_DEBUG=trainpack:time` prints when each stage of a build ends, in ms from its start. */
const timing = debuglog('trainpack:time');
const time = (what: string, since: number) => timing('%s: %d ms', what, Math.round(performance.now() - since));

/** Start the live preview server (`trainpack dev`); loaded only when called, with chokidar. */
export async function dev(options: import('./dev/index.js').DevOptions): Promise<import('./dev/index.js').DevServer> {
  return (await import('./dev/index.js')).startDev(options);
}

/** Build HTML (and PDF) for the chosen editions. Throws TrainpackError on any error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  let cache = options.cache;
  if (!cache) {
    cache = new ParseCache(options.persistentCache === false ? undefined : new DiskCache(path.join(path.resolve(options.dir), '.trainpack-cache')));
    // Each unit's fragments are rendered as soon as it is parsed, and its tree let go.
    const disk = cache.disk;
    cache.afterParse = (p) => prerender(p, disk);
    cache.keepTrees = false;
    cache.workers = { render: true, onFragments: (key, selfCheck, f) => rememberFragments(key, selfCheck, f, disk) };
    const progress = options.onProgress;
    if (progress) cache.onParsed = (units) => progress({ stage: 'parse', units });
  }
  try {
    return await buildWith(options, cache, started);
  } finally {
    if (!options.cache) await cache.close();
    // A failed build keeps what it parsed too.
    await cache.disk?.flush();
  }
}

async function buildWith(options: BuildOptions, cache: ParseCache, started: number): Promise<BuildResult> {
  const formats = options.formats ?? ['html'];
  // A swap a killed build left half done is completed or undone before anything else (emit/recover.ts).
  await recoverInterrupted(path.resolve(options.out ?? 'out'));
  // load -> resolve -> parse
  const prepared = await prepare(options, cache);
  time('load, resolve, parse', started);
  const diags = prepared.diagnostics;
  // check: `build` runs the same checks as `trainpack check` and fails on their errors.
  await runChecks(prepared, diags, { partial: Boolean(options.modules?.length || options.units?.length) });
  time('checks', started);
  diags.throwIfErrors();

  // render -> emit, edition by edition, into a staging folder swapped in at the end.
  const out = path.resolve(options.out ?? 'out');
  const staging = await Staging.open(out, prepared.curriculum.root);
  // With the persistent cache on, a page or PDF whose key is the one the last build recorded is kept, not made again.
  const reuse = new Reuse(staging, Boolean(cache.disk));
  const results: EditionResult[] = [];
  const extraPdf: Record<string, ExtraDocument[]> = {};
  let pdf: BuildResult['pdf'];
  try {
    for (const [i, edition] of prepared.editions.entries()) {
      options.onProgress?.({ stage: 'render', edition: edition.edition.id, done: i, total: prepared.editions.length });
      const result = await renderAndWrite(edition, { options, formats, prepared, cache, staging, reuse, extraPdf, out });
      results.push(result);
      time(`render and write ${result.id} (${result.kept.length} pages kept)`, started);
    }
    // office: editable decks and documents from the pages just written
    const office = formats.filter((f): f is 'pptx' | 'docx' => f === 'pptx' || f === 'docx');
    if (office.length) {
      const { renderEditionOffice } = await import('./office/index.js');
      const written = await renderEditionOffice((id) => staging.editionDir(id), prepared.editions, office);
      for (const r of results) r.files.push(...(written.get(r.id) ?? []));
      time('office files', started);
    }
    // pdf
    if (formats.includes('pdf')) {
      const { renderEditionPdfs } = await import('./pdf/index.js');
      pdf = await renderEditionPdfs(staging, prepared.editions.map((r) => ({ edition: r.edition, strings: r.strings })), {
        browser: options.browser,
        paper: options.paper ?? 'a4',
        notes: options.notes ?? false,
        extra: extraPdf,
        reproducible: options.reproducible,
        reuse: reuse.forPdf(),
        onWarning: (d) => diags.add(d),
        onPdf: (id, rel) => results.find((r) => r.id === id)?.files.push(rel),
        onProgress: options.onProgress && ((p) => options.onProgress!({ stage: 'pdf', ...p })),
      });
    }
  } catch (err) {
    // A PDF failure (no browser, say) still delivers the HTML: swap it in, then report.
    if (err instanceof TrainpackError && err.diagnostics.every((d) => d.rule === 'browser' || d.rule === 'pdf')) {
      await staging.commit();
      throw new TrainpackError([...diags.list, ...err.diagnostics], { cause: err });
    }
    await staging.discard();
    throw err;
  }
  const result: BuildResult = { editions: results, diagnostics: diags.list, ms: 0, pdf, cache: { parsed: cache.misses, reused: cache.hits, markdown: cache.misses } };
  const inputs = options.inputs;
  await staging.commit(inputs && cache.disk ? (ids) => rememberBuild(inputs, ids, result) : undefined);
  result.ms = performance.now() - started;
  return result;
}

/** Render one edition's pages (keeping or splicing the last build's where it can) and write them to staging. */
async function renderAndWrite(
  r: PreparedEdition,
  ctx: { options: BuildOptions; formats: Format[]; prepared: Prepared; cache: ParseCache; staging: Staging; reuse: Reuse; extraPdf: Record<string, ExtraDocument[]>; out: string },
): Promise<EditionResult> {
  const { options, prepared, staging } = ctx;
  const { edition, parsed, strings, templates } = r;
  const last = await ctx.reuse.edition(edition.id);
  const page = renderEdition({ edition, parsed, strings, templates, pdf: ctx.formats.includes('pdf'), editions: prepared.allEditions, inject: options.inject, cache: ctx.cache.disk, start: options.start, event: options.event, keep: last.keep, previous: last.previous });
  if (options.days && page.agenda.length > options.days) {
    prepared.diagnostics.warn('agenda-overflow', `Edition ${edition.id}: the selected units need ${page.agenda.length} days, more than the ${options.days} asked for`, { file: 'curriculum.yml' });
  }
  const extra = options.extraPages?.(r);
  if (extra) {
    for (const [rel, html] of extra.files) page.files.set(rel, html);
    ctx.extraPdf[edition.id] = extra.pdf;
  }
  const cards = roleCardsPage(r, last.keep, ctx.cache.disk);
  if (cards) {
    if (cards.html === undefined) page.kept.add(ROLE_CARDS);
    else page.files.set(ROLE_CARDS, cards.html);
    page.keys.set(ROLE_CARDS, cards.key);
    (ctx.extraPdf[edition.id] ??= []).unshift({ html: ROLE_CARDS, label: strings.role_cards ?? 'Role cards' });
  }
  const copies = new Map<string, string>();
  for (const p of parsed.values()) for (const [k, v] of p.assets) copies.set(k, v);
  const files = await staging.write({ id: edition.id, files: page.files, copies, links: last.links, keys: last.record(page) });
  ctx.reuse.written(edition.id, last, page.keys);
  releaseGarbage();
  return { id: edition.id, dir: path.join(ctx.out, edition.id), files, units: page.stats.units, slides: page.stats.slides, kept: [...page.kept].sort(), spliced: [...page.spliced].sort() };
}
