/**
 * Load stage: a curriculum folder -> the typed, validated model.
 * Collects every problem it can find before failing, so one run reports all.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, TrainpackError } from '../errors.js';
import type { Curriculum, Module, Unit } from '../model.js';
import { memoTable } from '../cache/memo.js';
import type { z } from 'zod';
import { exists, isDir, listDir, readYamlFile, relPath, splitRaw, stripPrefix, unclosedFrontMatter } from './files.js';
import { refuseOutside } from './inside.js';
import { parseYaml } from './yaml.js';
import { curriculumSchema, moduleSchema, unitSchema } from './schemas.js';
import { validate } from './validate.js';

/** Result of loading: the model (when it could be built) and what was found on the way. */
export interface LoadResult {
  curriculum: Curriculum;
  diagnostics: Diagnostics;
}

type UnitFrontMatter = z.infer<typeof unitSchema>;

/**
 * Valid unit front matter by a hash of its YAML text: parsing YAML with
 * positions and validating it is most of the cost of loading a unit, and the
 * result depends on the text alone (cache/memo.ts). Front matter with any
 * diagnostic is not kept, so its problems are reported every time.
 */
const frontMatters = memoTable<UnitFrontMatter>('frontmatter');

function unitFrontMatter(matter: string, rel: string, diags: Diagnostics): UnitFrontMatter | undefined {
  return frontMatters.checked(matter, diags, (local) => {
    const yaml = parseYaml(matter, rel, local);
    return yaml && validate(unitSchema, yaml, rel, local, 'unit front matter');
  });
}

/**
 * Read one unit file (base or overlay). Returns undefined when its front
 * matter is invalid; the reasons are in `diags`. `text` is the file's content
 * when the caller has read it already.
 */
export async function loadUnit(
  file: string,
  root: string,
  moduleId: string,
  diags: Diagnostics,
  layer = 'base',
  text?: string,
): Promise<Unit | undefined> {
  return unitOf(file, root, moduleId, diags, layer, text ?? (await readFile(file, 'utf8')));
}

function unitOf(file: string, root: string, moduleId: string, diags: Diagnostics, layer: string, text: string): Unit | undefined {
  const rel = relPath(root, file);
  const split = splitRaw(text);
  if (!split.hasFrontMatter) {
    diags.error('schema', 'A unit needs YAML front matter between --- lines (title and duration at least)', {
      file: rel,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  if (unclosedFrontMatter(split, rel, diags)) return undefined;
  const fm = unitFrontMatter(split.matter, rel, diags);
  if (!fm) return undefined;
  return {
    id: fm.id ?? stripPrefix(path.basename(file, '.md')),
    title: fm.title,
    type: fm.type,
    duration: fm.duration,
    objectives: fm.objectives,
    materials: fm.materials,
    methods: fm.methods,
    selfCheck: fm.self_check,
    upstream: fm.upstream,
    moduleId,
    source: { path: file, rel },
    text,
    body: split.body,
    provenance: [layer],
  };
}

/** Order names by an explicit list (reporting unknown entries), else by name. */
function order(
  names: string[],
  explicit: string[] | undefined,
  diags: Diagnostics,
  where: { file: string; locate: (i: number) => { line: number; column: number } },
  what: string,
): string[] {
  if (!explicit) return names;
  const out: string[] = [];
  explicit.forEach((name, i) => {
    const match = names.find((n) => n === name || n === `${name}.md` || stripPrefix(n) === name || stripPrefix(n) === `${name}.md`);
    if (match) out.push(match);
    else diags.error('unknown-id', `${what} "${name}" is listed but does not exist`, { file: where.file, ...where.locate(i) });
  });
  // Files not named in the list are still part of the curriculum: appended in name order.
  for (const n of names) if (!out.includes(n)) out.push(n);
  return out;
}

/** Load a module folder: module.yml and its unit files. */
async function loadModule(dir: string, root: string, diags: Diagnostics): Promise<Module | undefined> {
  const dirName = path.basename(dir);
  const ymlPath = path.join(dir, 'module.yml');
  const rel = relPath(root, ymlPath);
  if (!(await exists(ymlPath))) {
    diags.error('missing-file', `Module folder ${relPath(root, dir)} has no module.yml`, { file: relPath(root, dir) });
    return undefined;
  }
  if (refuseOutside(dir, root, diags, { file: relPath(root, dir) }, 'module folder')) return undefined;
  const yaml = await readYamlFile(ymlPath, rel, diags, root);
  const meta = yaml && validate(moduleSchema, yaml, rel, diags, 'module.yml');
  const id = meta?.id ?? stripPrefix(dirName);
  const files = (await listDir(dir)).filter((e) => !e.dir && e.name.endsWith('.md') && !e.name.endsWith('.patch.md'));
  const ordered = order(
    files.map((f) => f.name),
    meta?.units,
    diags,
    { file: rel, locate: (i) => yaml!.locate(['units', i]) },
    'Unit',
  );
  // Small files read synchronously: a thread-pool round trip per file costs more than the read.
  const inside = ordered.filter((name) => !refuseOutside(path.join(dir, name), root, diags, { file: relPath(root, path.join(dir, name)) }, 'unit'));
  const texts = inside.map((name) => readFileSync(path.join(dir, name), 'utf8'));
  const units: Unit[] = [];
  inside.forEach((name, i) => {
    const unit = unitOf(path.join(dir, name), root, id, diags, 'base', texts[i]!);
    if (unit) units.push(unit);
  });
  if (!meta) return undefined;
  return { id, title: meta.title, summary: meta.summary, audience: meta.audience, starts: meta.starts, minutes: meta.minutes, dirName, source: { path: ymlPath, rel }, units };
}

/** Report units sharing an id, naming both files. */
export function checkDuplicateIds(modules: Module[], diags: Diagnostics): void {
  const seen = new Map<string, Unit>();
  for (const unit of modules.flatMap((m) => m.units)) {
    const first = seen.get(unit.id);
    if (first) {
      diags.error(
        'duplicate-id',
        `Unit id "${unit.id}" is used by both ${first.source.rel} and ${unit.source.rel}`,
        { file: unit.source.rel, line: 1, column: 1 },
      );
    } else seen.set(unit.id, unit);
  }
  const modIds = new Map<string, Module>();
  for (const m of modules) {
    const first = modIds.get(m.id);
    if (first) diags.error('duplicate-id', `Module id "${m.id}" is used by both ${first.source.rel} and ${m.source.rel}`, { file: m.source.rel, line: 1, column: 1 });
    else modIds.set(m.id, m);
  }
}

/** Options of loadCurriculum. */
export interface LoadOptions {
  /**
   * Throw on any error (default). With false, units and modules that failed
   * are left out and the caller throws later, so that one run reports the
   * problems of later stages too; curriculum.yml errors always throw.
   */
  strict?: boolean;
}

/**
 * Load a curriculum folder into the typed model.
 * @throws TrainpackError with every diagnostic when an error was found (see LoadOptions).
 */
export async function loadCurriculum(dir: string, diags = new Diagnostics(), options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(dir);
  const ymlPath = path.join(root, 'curriculum.yml');
  if (!(await exists(ymlPath))) {
    diags.error('missing-file', `No curriculum.yml in ${root}`, { file: 'curriculum.yml' }, 'Run trainpack in a curriculum folder, name one (`trainpack build <dir>`), or start one with `trainpack init <dir>`.');
    throw new TrainpackError(diags.list);
  }
  const yaml = await readYamlFile(ymlPath, 'curriculum.yml', diags, root);
  const meta = yaml && validate(curriculumSchema, yaml, 'curriculum.yml', diags, 'curriculum.yml');
  const modulesDir = path.join(root, 'modules');
  const folders = (await isDir(modulesDir)) ? (await listDir(modulesDir)).filter((e) => e.dir).map((e) => e.name) : [];
  if (folders.length === 0) diags.error('missing-file', 'The curriculum has no modules: add modules/<module>/module.yml', { file: 'curriculum.yml', line: 1, column: 1 });
  const ordered = order(folders, meta?.modules, diags, { file: 'curriculum.yml', locate: (i) => yaml!.locate(['modules', i]) }, 'Module');
  const modules: Module[] = [];
  for (const name of ordered) {
    const mod = await loadModule(path.join(modulesDir, name), root, diags);
    if (mod) modules.push(mod);
  }
  checkDuplicateIds(modules, diags);
  // elearning.required names modules (by id or folder name, as `modules:` does): anything else is an error at its place.
  meta?.elearning?.required.forEach((id, i) => {
    if (!modules.some((mod) => mod.id === id || mod.dirName === id)) {
      diags.error('unknown-id', `elearning.required: no module "${id}" (modules: ${modules.map((mod) => mod.id).join(', ')})`, { file: 'curriculum.yml', ...yaml!.locate(['elearning', 'required', i]) }, 'Use a module id (module.yml `id:`, else its folder name without the number prefix).');
    }
  });
  if (options.strict !== false || !meta) diags.throwIfErrors();
  const m = meta!;
  // Every unit and module knows the language its text is written in (fallbacks keep theirs in other editions).
  for (const mod of modules) {
    mod.language = m.language;
    for (const u of mod.units) {
      u.language = m.language;
      u.typography = m.typography ?? true;
    }
  }
  const curriculum: Curriculum = {
    root,
    source: { path: ymlPath, rel: 'curriculum.yml' },
    id: m.id,
    title: m.title,
    version: m.version,
    language: m.language,
    license: m.license,
    description: m.description,
    authors: m.authors,
    vars: Object.fromEntries(Object.entries(m.vars).map(([k, v]) => [k, String(v)])),
    workshop: m.workshop,
    theme: m.theme,
    elearning: m.elearning,
    numbers: m.numbers,
    typography: m.typography,
    modules,
  };
  return { curriculum, diagnostics: diags };
}
