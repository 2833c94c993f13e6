/**
 * The library face of trainpack. The CLI and the tests call these.
 *
 * build(): load -> resolve -> parse -> view -> render -> emit -> pdf.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Diagnostics, TrainpackError, type Diagnostic } from './errors.js';
import { loadCurriculum } from './load/curriculum.js';
import { createProcessor, parseUnit, type ParsedUnit } from './markdown/processor.js';
import type { Unit } from './model.js';
import { resolveEditions } from './resolve/overlays.js';
import type { Edition } from './resolve/edition.js';
import { renderEdition } from './render/pages.js';
import { Templates } from './render/templates.js';
import { Staging } from './emit/atomic.js';
import type { PdfStats } from './pdf/index.js';

export { loadCurriculum } from './load/curriculum.js';
export { TrainpackError, formatDiagnostic, type Diagnostic } from './errors.js';

export type Format = 'html' | 'pdf';

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
}

/** What one edition produced. */
export interface EditionResult {
  id: string;
  dir: string;
  files: string[];
  units: number;
  slides: number;
}

export interface BuildResult {
  editions: EditionResult[];
  /** Warnings found on the way (errors throw). */
  diagnostics: Diagnostic[];
  ms: number;
  pdf?: PdfStats;
}

/** Parse every unit of an edition; the processor is shared. */
async function parseEdition(edition: Edition, templates: Templates, diags: Diagnostics) {
  const { strings, missing } = templates.strings(edition.language, edition.stringOverrides);
  void missing; // reported by `trainpack check`
  const processor = createProcessor();
  const units = edition.modules.flatMap((m) => m.units);
  const unitsByPath = new Map<string, string>();
  const baseOf = (u: Unit) => path.join(edition.curriculum.root, 'modules', ...u.source.rel.split('/').slice(-2));
  for (const u of units) unitsByPath.set(baseOf(u), u.id);
  const parsed = new Map<Unit, ParsedUnit>();
  const results = await Promise.all(
    units.map((unit) =>
      parseUnit(processor, { unit, root: edition.curriculum.root, basePath: baseOf(unit), unitsByPath, vars: edition.vars, strings }),
    ),
  );
  for (const r of results) {
    parsed.set(r.unit, r);
    for (const d of r.diagnostics) diags.add(d);
  }
  return { parsed, strings };
}

/** Build HTML (and PDF) for the chosen editions. Throws TrainpackError on any error. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const formats = options.formats ?? ['html'];
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(options.dir, diags, { strict: false });
  const editions = await resolveEditions(curriculum, { overlays: options.overlays ?? [], all: options.all ?? false }, diags);
  const rendered = [];
  for (const edition of editions) {
    const templates = new Templates(edition.templateDirs);
    const { parsed, strings } = await parseEdition(edition, templates, diags);
    rendered.push({ edition, parsed, strings, templates });
  }
  diags.throwIfErrors();

  const out = path.resolve(options.out ?? 'out');
  const staging = await Staging.open(out, curriculum.root);
  const results: EditionResult[] = [];
  let pdf: BuildResult['pdf'];
  try {
    const all = editions.map((e) => ({ id: e.id, title: e.title, language: e.language }));
    for (const { edition, parsed, strings, templates } of rendered) {
      const page = renderEdition({ edition, parsed, strings, templates, pdf: formats.includes('pdf'), editions: all, inject: options.inject });
      const copies = new Map<string, string>();
      for (const p of parsed.values()) for (const [k, v] of p.assets) copies.set(k, v);
      const files = await staging.write({ id: edition.id, files: page.files, copies });
      results.push({ id: edition.id, dir: path.join(out, edition.id), files, units: page.stats.units, slides: page.stats.slides });
    }
    if (formats.includes('pdf')) {
      const { renderEditionPdfs } = await import('./pdf/index.js');
      pdf = await renderEditionPdfs(staging, rendered.map((r) => ({ edition: r.edition, strings: r.strings })), {
        browser: options.browser,
        paper: options.paper ?? 'a4',
        notes: options.notes ?? false,
        onWarning: (d) => diags.add(d),
        onPdf: (id, rel) => results.find((r) => r.id === id)?.files.push(rel),
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
  await staging.commit();
  return { editions: results, diagnostics: diags.list, ms: performance.now() - started, pdf };
}
