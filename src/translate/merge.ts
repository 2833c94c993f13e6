/**
 * Updating a catalogue from the current sources the way GNU gettext's
 * `msgmerge` does: a message whose source is unchanged keeps its
 * translation; a new one is added empty; a changed source keeps the old
 * translation of the most similar vanished message of the same context,
 * flagged `fuzzy` with the old source as `#| msgid`; a vanished message with
 * a translation is kept as obsolete (`#~`), and comes back if its block does.
 */
import { keyOf, type Catalogue, type Entry } from './catalogue.js';

/** A message as the sources give it. */
export interface Message {
  ctx: string;
  id: string;
  /** What the block is (`#.`), one per kind of block holding this text. */
  kinds: string[];
  /** `file:line` of each block holding it (`#:`). */
  refs: string[];
}

/** Below this similarity, a changed source is a new message (gettext's own threshold). */
const FUZZY_THRESHOLD = 0.6;

function bigrams(s: string): Map<string, number> {
  const t = s.toLowerCase().replace(/\s+/g, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i < t.length - 1; i++) {
    const b = t.slice(i, i + 2);
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const [k, n] of y) {
    total += n;
    common += Math.min(n, x.get(k) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

/** The catalogue for `messages`, keeping what `old` knew. Headers: `old`'s, else `headers`. */
export function mergeCatalogue(old: Catalogue | undefined, messages: Message[], headers: Record<string, string>): Catalogue {
  const active = old?.entries ?? [];
  const known = new Map<string, Entry>();
  for (const e of [...(old?.obsolete ?? []), ...active]) known.set(keyOf(e.ctx, e.id), e);
  const wanted = new Set(messages.map((m) => keyOf(m.ctx, m.id)));
  // Translated messages whose source is gone: candidates for a fuzzy match, by context.
  const gone = new Map<string, Entry[]>();
  for (const e of active) {
    if (wanted.has(keyOf(e.ctx, e.id)) || e.str === '') continue;
    gone.set(e.ctx, [...(gone.get(e.ctx) ?? []), e]);
  }
  const used = new Set<Entry>();
  const entries = messages.map((m): Entry => {
    const fresh = { ctx: m.ctx, id: m.id, refs: m.refs, notes: m.kinds };
    const same = known.get(keyOf(m.ctx, m.id));
    if (same) {
      used.add(same);
      return { ...same, ...fresh, line: undefined, column: undefined, previous: same.fuzzy ? same.previous : undefined };
    }
    let best: Entry | undefined;
    let score = FUZZY_THRESHOLD;
    for (const e of gone.get(m.ctx) ?? []) {
      const s = similarity(e.id, m.id);
      if (s >= score) [best, score] = [e, s];
    }
    if (best) {
      used.add(best);
      return { ...fresh, str: best.str, fuzzy: true, previous: best.id, comments: best.comments, flags: best.flags };
    }
    return { ...fresh, str: '', fuzzy: false, comments: [], flags: [] };
  });
  const obsolete = new Map<string, Entry>();
  for (const e of [...(old?.obsolete ?? []), ...active]) {
    const k = keyOf(e.ctx, e.id);
    if (wanted.has(k) || e.str === '' || (used.has(e) && active.includes(e))) continue;
    obsolete.set(k, { ...e, refs: [], line: undefined, column: undefined, previous: undefined });
  }
  return { headers: old?.headers ?? headers, entries, obsolete: [...obsolete.values()] };
}
