/**
 * Catalogues as an overlay layer (FORMAT.md section 5, translate), at
 * resolve time: each overlay of the chain with a `translation.po` gives the
 * units below it their translations. Front-matter fields and module titles
 * and summaries are replaced here; body blocks are handed to the parse
 * (`unit.translation`, applied by apply.ts), keyed by a hash of the unit's
 * messages so that a catalogue change re-parses exactly the units whose
 * messages changed.
 *
 * Replace and patch files win: a catalogue applies to a unit only when no
 * file of its own overlay or of one above touched the unit. A catalogue with
 * an error (malformed, a dropped placeholder) is an error and applies to
 * nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { memoTable, sha1 } from '../cache/memo.js';
import { Diagnostics, type Diagnostic } from '../errors.js';
import { relPath } from '../load/files.js';
import type { Module, Unit } from '../model.js';
import { directionOf } from '../resolve/edition.js';
import type { Overlay } from '../resolve/layers.js';
import { parseCatalogue, usable, type Catalogue } from './catalogue.js';
import { translationProblem } from './placeholders.js';

/** The catalogue file of an overlay. */
export const catalogueFile = (overlay: Overlay) => path.join(overlay.dir, 'translation.po');

/** msgctxt of a module's title and summary. */
export const moduleContext = (id: string) => `module:${id}`;

interface Loaded {
  catalogue?: Catalogue;
  /** Errors, each with its place in the PO file. */
  problems: Diagnostic[];
}

/** Catalogues read in this process, by a hash of their text (`trainpack dev` rebuilds read them again). */
const loaded = new Map<string, Loaded>();

/**
 * Catalogues without a problem, by a hash of their place and text, across
 * runs too (a memo table saved in the persistent cache, cache/memo.ts):
 * parsing and checking 60,000 messages takes seconds, reading them back a
 * fraction of one. A catalogue with a problem is never kept, so the problem
 * is found again, with its place, every time.
 */
export const CATALOGUE_MEMO = 'catalogues';

/** Read and check a catalogue; its problems are returned, not reported (callers add them to their diagnostics). */
export function loadCatalogue(text: string, rel: string): Loaded {
  const key = sha1(rel + '\0' + text);
  const hit = loaded.get(key);
  if (hit) return hit;
  const table = memoTable<Catalogue>(CATALOGUE_MEMO);
  const known = table.get(key);
  if (known) {
    const out: Loaded = { catalogue: known, problems: [] };
    loaded.set(key, out);
    return out;
  }
  const local = new Diagnostics();
  const catalogue = parseCatalogue(text, rel, local);
  for (const e of catalogue?.entries ?? []) {
    if (!usable(e)) continue;
    const problem = translationProblem(e.id, e.str);
    if (problem) local.error('translation-placeholder', `${problem} (msgctxt "${e.ctx}")`, { file: rel, line: e.line, column: e.column });
  }
  const out: Loaded = { catalogue: local.errors.length ? undefined : catalogue, problems: local.list };
  if (loaded.size > 64) loaded.clear();
  loaded.set(key, out);
  if (catalogue && local.list.length === 0) table.set(key, catalogue);
  return out;
}

/** Usable translations by context, for one catalogue. */
function byContext(cat: Catalogue): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const e of cat.entries) {
    if (!usable(e)) continue;
    let m = out.get(e.ctx);
    if (!m) out.set(e.ctx, (m = new Map()));
    m.set(e.id, e.str);
  }
  return out;
}

/**
 * Apply the chain's catalogues to an edition's modules (in `language`, the
 * edition's). A unit or module a catalogue translates is in that language;
 * its untranslated blocks keep the language its text came from (`unit.language`).
 */
export function applyCatalogues(root: string, chain: Overlay[], modules: Module[], language: string, diags: Diagnostics): Module[] {
  const layers: { index: number; messages: Map<string, Map<string, string>> }[] = [];
  chain.forEach((overlay, index) => {
    const file = catalogueFile(overlay);
    if (!existsSync(file)) return;
    const rel = relPath(root, file);
    const { catalogue, problems } = loadCatalogue(readFileSync(file, 'utf8'), rel);
    for (const p of problems) diags.add(p);
    if (catalogue) layers.push({ index, messages: byContext(catalogue) });
  });
  if (layers.length === 0) return modules;
  const ids = chain.map((o) => o.id);
  const merged = (ctx: string, above: number) => {
    const out = new Map<string, string>();
    for (const l of layers) if (l.index > above) for (const [k, v] of l.messages.get(ctx) ?? []) out.set(k, v);
    return out;
  };
  return modules.map((m) => {
    const own = merged(moduleContext(m.id), -1);
    const units = m.units.map((u) => {
      // The highest layer whose file touched the unit: catalogues at or below it do not apply.
      const touched = Math.max(-1, ...u.provenance.map((p) => ids.indexOf(p)));
      const messages = merged(u.id, touched);
      if (messages.size === 0) return u;
      const t = (s: string) => messages.get(s) ?? s;
      const fallbackLanguage = u.language ?? language;
      const list = [...messages];
      return {
        ...u,
        title: t(u.title),
        objectives: u.objectives.map(t),
        materials: u.materials.map(t),
        methods: u.methods.map(t),
        language,
        fallback: false,
        translation: { messages: list, fallbackLanguage, fallbackDir: directionOf(fallbackLanguage), key: sha1(JSON.stringify(list)) },
      } satisfies Unit;
    });
    if (own.size === 0) return { ...m, units };
    return { ...m, language, title: own.get(m.title) ?? m.title, summary: m.summary === undefined ? undefined : own.get(m.summary) ?? m.summary, units };
  });
}
