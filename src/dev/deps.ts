/**
 * The dependency map of `trainpack dev` (issue 5): which inputs reach which
 * pages, so that saving one unit re-renders only the pages that hold it.
 *
 * Two halves. `classify` says what kind of input a changed path is: a unit
 * is local, while templates, string catalogues and the YAML files shape
 * every page. `pagesToRender` then compares the edition the served pages
 * came from with the new one, unit by unit: a unit reaches the guide, the
 * handout and its module's deck, and the index too when its text (the
 * search index) or its title, duration or other header field (the agenda)
 * changed; a theme change reaches every page. Comparing editions rather than
 * trusting file names also catches what a save does through overlays (a
 * base edit that makes an overlay file stale, a patched unit, a fallback).
 */
import path from 'node:path';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Module, Unit } from '../model.js';
import type { PreparedEdition } from '../pipeline.js';

/** What a changed file is to the build. */
export type InputKind =
  /** A unit file of the base curriculum, edited in place. */
  | 'unit'
  /** A unit or patch file of an overlay (matters only when the overlay is in the served chain). */
  | 'overlay-unit'
  /** curriculum.yml, module.yml, overlay.yml, or a unit added or removed: reload the model. */
  | 'structure'
  /** Layouts, partials, CSS, scripts, string catalogues: every page. */
  | 'templates'
  /** Any other file: an image or a linked file a unit may inline or copy. */
  | 'asset'
  | 'ignore';

/** One changed path, classified. */
export interface ChangedInput {
  path: string;
  kind: InputKind;
  /** The overlay the file belongs to, for overlay-scoped kinds. */
  overlay?: string;
}

/** A file-system event as the watcher reports it. */
export type FileEvent = 'add' | 'change' | 'unlink';

/** Editor droppings and tool folders: never an input. */
export function isNoise(rel: string): boolean {
  return rel.split(/[\\/]/).some((s) => s.startsWith('.') || s === 'node_modules') || rel.endsWith('~') || /^\d+$/.test(path.basename(rel));
}

/** Classify a changed path of the curriculum `root` (or of trainpack's own `builtin` templates). */
export function classify(event: FileEvent, file: string, root: string, builtin: string): ChangedInput {
  const inBuiltin = path.relative(builtin, file);
  if (!inBuiltin.startsWith('..') && !path.isAbsolute(inBuiltin)) {
    // templates/init is the starter curriculum of `trainpack init`, not a template.
    return { path: file, kind: inBuiltin.split(path.sep)[0] === 'init' || isNoise(inBuiltin) ? 'ignore' : 'templates' };
  }
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || isNoise(rel)) return { path: file, kind: 'ignore' };
  const parts = rel.split(path.sep);
  const name = parts[parts.length - 1]!;
  const isUnit = name.endsWith('.md');
  // A unit appearing or disappearing changes a module's order and the agenda: reload the model.
  const unitKind = event === 'change' ? 'unit' : 'structure';
  if (rel === 'curriculum.yml') return { path: file, kind: 'structure' };
  if (parts[0] === 'templates') return { path: file, kind: 'templates' };
  if (parts[0] === 'modules' && parts.length === 3) {
    if (name === 'module.yml') return { path: file, kind: 'structure' };
    // The loader skips *.patch.md in the base; other Markdown files are units.
    if (isUnit) return { path: file, kind: name.endsWith('.patch.md') ? 'ignore' : unitKind };
  }
  if (parts[0] === 'overlays' && parts.length >= 3) {
    const overlay = parts[1]!;
    // Every overlay.yml is read whatever the edition (a broken one is reported for all).
    if (parts.length === 3 && name === 'overlay.yml') return { path: file, kind: 'structure' };
    if (parts[2] === 'templates') return { path: file, kind: 'templates', overlay };
    if (parts[2] === 'modules' && parts.length === 5 && (isUnit || name === 'module.yml')) return { path: file, kind: 'overlay-unit', overlay };
  }
  return { path: file, kind: isUnit && parts[0] !== 'modules' && parts[0] !== 'overlays' ? 'ignore' : 'asset' };
}

/** The facilitator guide, as `renderEdition` names it. */
export const GUIDE = 'facilitator-guide.html';
/** The participant handout. */
export const HANDOUT = 'participant-handout.html';
/** The index: contents and agenda. */
export const INDEX = 'index.html';
/** The deck of a module. */
export const deckOf = (m: Module) => `slides/${m.id}.html`;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What names a parse result: its cache key, else its tree (never loading a lazy tree when there is a key). */
const parseId = (p: ParsedUnit | undefined): unknown => p && (p.key || p.tree);

/** Fields of a unit that the index (titles, agenda) and every unit header show. */
function headerChanged(a: Unit, b: Unit): boolean {
  return a.id !== b.id || a.title !== b.title || a.type !== b.type || a.duration !== b.duration
    || !same(a.objectives, b.objectives) || !same(a.materials, b.materials) || !same(a.methods, b.methods)
    || a.fallback !== b.fallback || a.stale !== b.stale;
}

/**
 * The pages that differ between the edition the served pages came from
 * (`old`) and the new one: `'all'` when something every page shows changed.
 */
export function pagesToRender(old: PreparedEdition | undefined, next: PreparedEdition): Set<string> | 'all' {
  if (!old || old.templates !== next.templates || old.strings !== next.strings) return 'all';
  const [a, b] = [old.edition, next.edition];
  const c = [a.curriculum, b.curriculum];
  if (a.title !== b.title || a.language !== b.language || a.country !== b.country || !same(a.vars, b.vars) || !same(a.theme, b.theme)
    || c[0]!.version !== c[1]!.version || c[0]!.license !== c[1]!.license || !same(c[0]!.authors, c[1]!.authors) || !same(c[0]!.workshop, c[1]!.workshop)
    || a.modules.length !== b.modules.length || a.modules.some((m, i) => m.id !== b.modules[i]!.id)) return 'all';
  const pages = new Set<string>();
  const touch = (m: Module, index: boolean) => {
    pages.add(GUIDE).add(HANDOUT).add(deckOf(m));
    if (index) pages.add(INDEX);
  };
  b.modules.forEach((m, i) => {
    const before = a.modules[i]!;
    if (before.title !== m.title || before.summary !== m.summary || before.units.length !== m.units.length
      || before.units.some((u, j) => u.id !== m.units[j]!.id)) return touch(m, true);
    m.units.forEach((u, j) => {
      const was = before.units[j]!;
      const parses = [parseId(old.parsed.get(was)), parseId(next.parsed.get(u))];
      if (was === u && parses[0] === parses[1]) return;
      // The index holds the agenda (header fields) and the search text (the handout): both change with a new parse.
      if (headerChanged(was, u) || parses[0] !== parses[1]) touch(m, true);
      else if (was.selfCheck !== u.selfCheck) touch(m, false);
    });
  });
  return pages;
}

/**
 * The units that read one of these files when parsed (an inlined image, a
 * copied file, one looked for and missing): the parse records them, which
 * makes this the asset half of the dependency map.
 */
export function readersOf(prev: PreparedEdition | undefined, files: string[]): Set<string> {
  const readers = new Set<string>();
  if (!prev || files.length === 0) return readers;
  for (const p of prev.parsed.values()) if (files.some((f) => p.deps.has(f))) readers.add(p.unit.source.path);
  return readers;
}
