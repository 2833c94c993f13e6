/**
 * Overlay chains -> editions (FORMAT.md section 5). Layers apply in order,
 * base first: a file at the same relative path replaces the one below, a
 * new path adds a unit, `<name>.patch.md` patches the one below; then
 * `exclude` (the union over the chain) removes units and modules. vars,
 * strings and theme cascade, the last layer winning.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Diagnostics } from '../errors.js';
import { exists, isDir, listDir, readYamlFile, relPath, splitFrontMatter, stripPrefix } from '../load/files.js';
import { refuseOutside } from '../load/inside.js';
import { loadUnit } from '../load/curriculum.js';
import { moduleSchema, unitSchema } from '../load/schemas.js';
import { validate } from '../load/validate.js';
import type { Curriculum, Module, Unit, Workshop } from '../model.js';
import { baseEdition, directionOf, type Edition } from './edition.js';
import { fileBlobHash } from './githash.js';
import { chainOf, loadOverlays, type Overlay } from './layers.js';
import { applyPatch, readPatch, type PatchOp } from './patch.js';
import { applyCatalogues } from '../translate/layer.js';
import { memoTable } from '../cache/memo.js';
import type { z } from 'zod';

export interface EditionSelection {
  overlays: string[];
  all: boolean;
}

/** A module while layers are applied: units by file name. */
interface Draft {
  module: Module;
  units: Map<string, Unit>;
  /** Units follow file names (no explicit `units:` list below): added files merge in by name. */
  byName: boolean;
  /** Effective language of the layer each unit's text came from. */
  textLanguage: Map<string, string>;
  /** Effective language of the layer the module's title and summary came from. */
  language: string;
}

/** The editions a build asks for: the base, named overlays, or all. */
export async function resolveEditions(curriculum: Curriculum, selection: EditionSelection, diags: Diagnostics, onEdition?: (edition: Edition) => void): Promise<Edition[]> {
  const overlays = await loadOverlays(curriculum.root, diags);
  const ids = selection.all ? ['base', ...overlays.keys()] : selection.overlays.length ? selection.overlays : ['base'];
  const editions: Edition[] = [];
  // `onEdition` hears of each edition as soon as it is resolved (the pipeline starts parsing it meanwhile).
  const add = (e: Edition) => {
    editions.push(e);
    onEdition?.(e);
  };
  for (const id of ids) {
    if (id === 'base') {
      add(baseEdition(curriculum));
      continue;
    }
    if (!overlays.has(id)) {
      diags.error('overlay', `No overlay "${id}" (known: ${[...overlays.keys()].join(', ') || 'none'})`, { file: `overlays/${id}/overlay.yml` }, 'Create it with `trainpack overlay init ' + id + '`.');
      continue;
    }
    const chain = chainOf(id, overlays, diags);
    if (chain) add(await resolveChain(curriculum, chain, diags));
  }
  return editions;
}

/** Merge the base and a chain of overlays into one edition. */
export async function resolveChain(curriculum: Curriculum, chain: Overlay[], diags: Diagnostics, options: { catalogues?: boolean } = {}): Promise<Edition> {
  const base = baseEdition(curriculum);
  const drafts = new Map<string, Draft>();
  for (const m of curriculum.modules) {
    drafts.set(m.dirName, {
      module: m,
      units: new Map(m.units.map((u) => [path.basename(u.source.path), u])),
      byName: isSortedByName(m.units.map((u) => path.basename(u.source.path))),
      textLanguage: new Map(m.units.map((u) => [u.id, curriculum.language])),
      language: curriculum.language,
    });
  }
  let language = curriculum.language;
  for (const layer of chain) {
    language = layer.meta.language ?? language;
    await applyLayer(curriculum.root, layer, language, drafts, diags);
  }
  const top = chain[chain.length - 1]!;
  const excluded = new Set(chain.flatMap((o) => o.meta.exclude));
  checkExcludes(chain, drafts, diags);

  const modules: Module[] = [];
  for (const draft of drafts.values()) {
    if (excluded.has(draft.module.id)) continue;
    const names = [...draft.units.keys()];
    // Replaced units keep their place (Map order); added ones merge in by name, or come last after an explicit order.
    if (draft.byName) names.sort(compareNames);
    // Each unit knows its text's language: a fallback keeps its own (lang and dir on its container).
    const typography = [curriculum.typography, ...chain.map((o) => o.meta.typography)].reduce<boolean>((on, v) => v ?? on, true);
    const units = names
      .map((n) => draft.units.get(n)!)
      .filter((u) => !excluded.has(u.id))
      .map((u) => {
        const own = draft.textLanguage.get(u.id) ?? curriculum.language;
        return { ...u, language: own, typography, ...(own !== language ? { fallback: true } : {}) };
      });
    modules.push({ ...draft.module, language: draft.language, units });
  }
  // Catalogues (src/translate): off when `translate extract` reads the source texts.
  if (options.catalogues !== false) {
    const textLanguage = new Map([...drafts.values()].flatMap((d) => [...d.textLanguage]));
    modules.splice(0, modules.length, ...applyCatalogues(curriculum.root, chain, modules, (u) => textLanguage.get(u.id) ?? curriculum.language, diags));
  }
  const pick = <K extends 'title' | 'country'>(k: K) => [...chain].reverse().find((o) => o.meta[k])?.meta[k];
  return {
    ...base,
    id: top.id,
    title: pick('title') ?? curriculum.title,
    language,
    dir: directionOf(language),
    country: pick('country'),
    chain: ['base', ...chain.map((o) => o.id)],
    vars: Object.assign({}, curriculum.vars, ...chain.map((o) => stringify(o.meta.vars))),
    stringOverrides: Object.assign({}, ...chain.map((o) => o.meta.strings)),
    theme: Object.assign({}, curriculum.theme, ...chain.map((o) => o.meta.theme ?? {})),
    workshop: mergeWorkshop(curriculum.workshop, chain, curriculum.language),
    numbers: [...chain].reverse().find((o) => o.meta.numbers)?.meta.numbers ?? curriculum.numbers ?? 'latin',
    typography: [curriculum.typography, ...chain.map((o) => o.meta.typography)].reduce<boolean>((on, v) => v ?? on, true),
    modules,
    templateDirs: [...chain].reverse().map((o) => path.join(o.dir, 'templates')).concat(base.templateDirs),
  };
}

/**
 * The workshop day of an edition: each overlay's `workshop:` keys over its
 * parent's, one by one; a `breaks` list replaces the parent's whole. A break
 * given without a label is named in the edition's language when rendered.
 */
export function mergeWorkshop(base: Workshop | undefined, chain: Overlay[], baseLanguage: string): Workshop | undefined {
  // Each label keeps the language of the layer that wrote it (a fallback label carries its own lang).
  const labelled = (w: Workshop, language: string): Workshop => ({ ...w, breaks: w.breaks.map((b) => (b.label === undefined || b.language ? b : { ...b, language })) });
  let merged = base && labelled(base, baseLanguage);
  let language = baseLanguage;
  for (const o of chain) {
    language = o.meta.language ?? language;
    const w = o.meta.workshop;
    if (!w) continue;
    const parent: Workshop = merged ?? { day_start: '09:00', day_end: '17:00', breaks: [] };
    const given = Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as Partial<Workshop>;
    merged = labelled({ ...parent, ...given }, language);
  }
  return merged;
}

const compareNames = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function isSortedByName(names: string[]): boolean {
  return names.every((n, i) => i === 0 || compareNames(names[i - 1]!, n) <= 0);
}

function stringify(vars: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
}

/** Apply one overlay's files to the drafts. */
async function applyLayer(root: string, layer: Overlay, language: string, drafts: Map<string, Draft>, diags: Diagnostics): Promise<void> {
  const modulesDir = path.join(layer.dir, 'modules');
  if (!(await isDir(modulesDir))) return;
  for (const entry of await listDir(modulesDir)) {
    if (!entry.dir) continue;
    const dir = path.join(modulesDir, entry.name);
    let draft = drafts.get(entry.name);
    const ymlPath = path.join(dir, 'module.yml');
    if (await exists(ymlPath)) {
      const rel = relPath(root, ymlPath);
      const yaml = await readYamlFile(ymlPath, rel, diags, root);
      const meta = yaml && validate(moduleSchema, yaml, rel, diags, 'module.yml');
      if (meta) {
        const id = meta.id ?? draft?.module.id ?? stripPrefix(entry.name);
        // The plan (starts, minutes) is not a matter of language: a translated module.yml that leaves it out keeps the layer below's.
        const module: Module = { id, title: meta.title, summary: meta.summary, audience: meta.audience, starts: meta.starts ?? draft?.module.starts, minutes: meta.minutes ?? draft?.module.minutes, dirName: entry.name, source: { path: ymlPath, rel }, units: [] };
        if (draft) {
          draft.module = { ...draft.module, ...module, id: draft.module.id };
          draft.language = language;
        } else drafts.set(entry.name, (draft = { module, units: new Map(), byName: true, textLanguage: new Map(), language }));
      }
    }
    // The folder's Markdown files, read synchronously (small files: cheaper than a thread-pool round trip), applied in name order.
    if (refuseOutside(dir, root, diags, { file: relPath(root, dir) }, 'folder')) continue;
    const names = (await listDir(dir)).filter((f) => !f.dir && f.name.endsWith('.md')).map((f) => f.name).filter((name) => !refuseOutside(path.join(dir, name), root, diags, { file: relPath(root, path.join(dir, name)) }, 'unit'));
    const texts = names.map((name) => readFileSync(path.join(dir, name), 'utf8'));
    for (const [i, name] of names.entries()) {
      const file = { name };
      const text = texts[i]!;
      const abs = path.join(dir, file.name);
      const rel = relPath(root, abs);
      if (!draft) {
        diags.error('overlay', `${rel} adds a unit to a new module folder without module.yml`, { file: rel, line: 1, column: 1 }, `Add overlays/${layer.id}/modules/${entry.name}/module.yml with at least a title.`);
        continue;
      }
      if (file.name.endsWith('.patch.md')) {
        await applyPatchFile(root, layer, abs, file.name.replace(/\.patch\.md$/, '.md'), draft, diags, text);
        continue;
      }
      const below = draft.units.get(file.name);
      const unit = await loadUnit(abs, root, draft.module.id, diags, layer.id, text);
      if (!unit) continue;
      if (below) {
        unit.provenance = [...below.provenance, layer.id];
        unit.stale = await isStale(unit.upstream, below.source.path);
        if (unit.id !== below.id) {
          diags.warn('overlay', `${rel} replaces unit "${below.id}" but has id "${unit.id}"; links to the old id break`, { file: rel, line: 1, column: 1 });
        }
      }
      draft.units.set(file.name, unit);
      draft.textLanguage.set(unit.id, language);
    }
  }
}

/** A patch file read: its front-matter overrides, the keys it sets, its operations. */
interface PatchFile {
  overrides: Partial<z.infer<typeof unitSchema>>;
  given: string[];
  ops: PatchOp[];
}

/** Patch files read without any diagnostic, by a hash of their text (cache/memo.ts). */
const patchFiles = memoTable<PatchFile>('patches');

/** Read a patch file; undefined when it is unusable (the reasons are in `diags`). */
function readPatchFile(text: string, rel: string, diags: Diagnostics): PatchFile | undefined {
  return patchFiles.checked(text, diags, (local) => {
    const split = splitFrontMatter(text, rel, local);
    const overrides = split.yaml && validate(unitSchema.partial(), split.yaml, rel, local, 'patch front matter');
    return overrides ? { overrides, given: Object.keys(split.yaml!.data as object), ops: readPatch(split.body, rel, local) } : undefined;
  });
}

/** Is the recorded upstream hash different from the file below now? */
async function isStale(upstream: string | undefined, below: string): Promise<boolean> {
  return upstream !== undefined && upstream !== (await fileBlobHash(below));
}

async function applyPatchFile(root: string, layer: Overlay, abs: string, target: string, draft: Draft, diags: Diagnostics, text: string): Promise<void> {
  const rel = relPath(root, abs);
  const below = draft.units.get(target);
  if (!below) {
    diags.error('overlay', `${rel} patches ${target}, which no layer below has`, { file: rel, line: 1, column: 1 }, 'Patch an existing unit, or rename the file to add a new unit.');
    return;
  }
  const read = readPatchFile(text, rel, diags);
  if (!read) return;
  const { overrides, given, ops } = read;
  const body = applyPatch(below.body, ops, rel, diags);
  const patched: Unit = { ...below, body, provenance: [...below.provenance, layer.id], stale: (below.stale ?? false) || (await isStale(overrides.upstream, below.source.path)) };
  for (const key of given) {
    const value = (overrides as Record<string, unknown>)[key];
    if (key === 'self_check') patched.selfCheck = value as boolean;
    else if (key !== 'upstream' && key !== 'id') (patched as unknown as Record<string, unknown>)[key] = value;
  }
  draft.units.set(target, patched);
}

/** Every excluded id must name a unit or module of the edition. */
function checkExcludes(chain: Overlay[], drafts: Map<string, Draft>, diags: Diagnostics): void {
  const known = new Set<string>();
  for (const d of drafts.values()) {
    known.add(d.module.id);
    for (const u of d.units.values()) known.add(u.id);
  }
  for (const o of chain) {
    o.meta.exclude.forEach((id, i) => {
      if (!known.has(id)) diags.error('unknown-id', `Excluded id "${id}" is no unit or module of this edition`, { file: o.rel, ...o.yaml.locate(['exclude', i]) });
    });
  }
}

