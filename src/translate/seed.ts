/**
 * `translate extract --seed`: a team moving from Markdown replacement files
 * to a catalogue keeps its work. For each unit the overlay replaces, the
 * file below and the replacement are read block by block; where both have
 * the same blocks of the same kinds in the same order (one to one), each
 * replacement block is the translation of the block below. Front-matter
 * lists are taken when they have the same length. A stale replacement's
 * translations are flagged fuzzy.
 */
import { readFileSync } from 'node:fs';
import { Diagnostics } from '../errors.js';
import { loadUnit } from '../load/curriculum.js';
import type { Unit } from '../model.js';
import { fileBelow } from '../resolve/status.js';
import { keyOf } from './catalogue.js';
import { blocksOfText } from './blocks.js';
import type { Source } from './extract.js';

/** The unit below each unit the overlay replaces (not patches). */
export async function replacedUnits(src: Source): Promise<Map<Unit, Unit>> {
  const out = new Map<Unit, Unit>();
  const prefix = `overlays/${src.overlay.id}/`;
  for (const m of src.edition.modules) {
    for (const u of m.units) {
      if (!u.source.rel.startsWith(prefix) || u.provenance.length < 2) continue;
      const key = u.source.rel.slice(prefix.length);
      const below = await fileBelow(src.curriculum.root, src.chain, key);
      if (!below) continue;
      const unit = await loadUnit(below, src.curriculum.root, u.moduleId, new Diagnostics(), 'below', readFileSync(below, 'utf8'));
      if (unit) out.set(u, { ...unit, id: u.id });
    }
  }
  return out;
}

/** Translations found in replacement files, by keyOf(unit id, source text). */
export function seedTranslations(pairs: Map<Unit, Unit>): Map<string, { text: string; stale: boolean }> {
  const out = new Map<string, { text: string; stale: boolean }>();
  for (const [repl, below] of pairs) {
    const stale = repl.stale === true;
    const put = (from: string, to: string) => {
      if (from.trim() && to.trim() && !out.has(keyOf(repl.id, from))) out.set(keyOf(repl.id, from), { text: to, stale });
    };
    put(below.title, repl.title);
    for (const k of ['objectives', 'materials', 'methods'] as const) {
      if (below[k].length === repl[k].length) below[k].forEach((v, i) => put(v, repl[k][i]!));
    }
    const a = blocksOfText(below.body, below.type);
    const b = blocksOfText(repl.body, repl.type);
    if (a.length !== b.length || a.some((x, i) => x.kind !== b[i]!.kind)) continue;
    a.forEach((x, i) => put(x.msgid, b[i]!.msgid));
  }
  return out;
}
