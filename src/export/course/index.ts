/**
 * `trainpack export course` (issue 19): one edition's participant view as
 * SCORM 1.2 packages for a learning platform. load -> resolve -> parse
 * (src/pipeline.ts), then the course model (model.ts), the module pages
 * (pages.ts), the manifest (manifest.ts) and the zips (package.ts).
 * Everything is built in memory first: a curriculum error writes nothing.
 */
import { Diagnostics, type Diagnostic } from '../../errors.js';
import { ParseCache, prepare } from '../../pipeline.js';
import { buildCourseModel, type CourseModel } from './model.js';
import { packageFiles, zipPackage } from './package.js';
import { editionPassages } from '../../render/guard.js';
import { assertNoLeak } from '../../views/guard.js';

export type CourseFormat = 'scorm12';

export interface ExportCourseOptions {
  dir: string;
  format?: CourseFormat;
  /** Overlay id of the edition (default: the base). */
  overlay?: string;
  /** One package with every module as its own SCO, instead of one a module. */
  whole?: boolean;
  modules?: string[];
  units?: string[];
  cache?: ParseCache;
}

export interface CoursePackage {
  /** File name: `<curriculum>[-<edition>]-<NN>-<module>.zip`, or `…-course.zip` with `whole`. */
  name: string;
  content: Buffer;
  modules: string[];
}

export interface ExportCourseResult {
  packages: CoursePackage[];
  edition: { id: string; language: string };
  model: CourseModel;
  diagnostics: Diagnostic[];
}

/** Build the packages of one edition. Throws TrainpackError on curriculum errors. */
export async function exportCourse(options: ExportCourseOptions): Promise<ExportCourseResult> {
  const diags = new Diagnostics();
  const { editions } = await prepare({ dir: options.dir, overlays: options.overlay ? [options.overlay] : [], all: false, modules: options.modules, units: options.units }, options.cache ?? new ParseCache(), diags);
  diags.throwIfErrors();
  const prepared = editions[0];
  if (!prepared) throw new Error('internal: prepare() returned no edition');
  const { model, problems } = buildCourseModel(prepared);
  for (const p of problems) diags.add(p);
  if (model.modules.length === 0) diags.error('export', `The ${prepared.edition.id} edition has no module with participant content to export`, { file: 'curriculum.yml' }, 'Write participants\' text outside `:::facilitator` and `:::slide` blocks.');
  diags.throwIfErrors();
  const prefix = `${model.curriculum.id}${model.edition.id === 'base' ? '' : `-${model.edition.id}`}`;
  const sets = options.whole
    ? [packageFiles(model, model.modules, prepared.templates, `${prefix}-course.zip`, model.curriculum.title, model.curriculum.description)]
    : model.modules.map((m) => packageFiles(model, [m], prepared.templates, `${prefix}-${String(m.number).padStart(2, '0')}-${m.id}.zip`, `${model.strings.module ?? 'Module'} ${m.number}: ${m.title}`, m.summary ?? model.curriculum.description));
  // Fail closed (views/guard.ts), as the handout does: no page of a package may hold a facilitator-only
  // passage or a role brief. Quiz explanations and model answers are the self-check's feedback here.
  const passages = editionPassages(prepared);
  for (const set of sets) {
    for (const [rel, content] of set.files) if (rel.endsWith('.html')) assertNoLeak(String(content), passages, `${set.name}: ${rel}`, ['key']);
  }
  return {
    packages: sets.map((s) => ({ name: s.name, content: zipPackage(s), modules: s.modules.map((m) => m.id) })),
    edition: { id: prepared.edition.id, language: prepared.edition.language },
    model,
    diagnostics: diags.warnings,
  };
}
