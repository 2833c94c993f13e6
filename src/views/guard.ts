/**
 * The leak guard: the last check before a participant output is written.
 * The views remove facilitator-only blocks by construction; this module
 * fails closed if one got through anyway, whatever the bug.
 *
 * facilitatorPassages() gathers, from every unit's source structure
 * (markdown/passages.ts, read before raw HTML is parsed and independent of
 * the views), the passages that exist only in facilitator-only blocks:
 * facilitator notes, speaker notes, solutions, debriefs, unknown blocks,
 * quiz explanations (unless the unit says `self_check: true`) and, when
 * asked, role briefs. A passage that also occurs in text participants may
 * see (any unit's shown text, titles, UI strings: `publicTexts`) is left
 * out: it would prove nothing.
 *
 * assertNoLeak() looks for every passage in an output's text, as is, with
 * HTML character references decoded and with JSON string escapes undone
 * (the search data), white space collapsed, in one linear pass (a rolling
 * hash over the passages' first characters), and throws a TrainpackError
 * naming the passage's file, line and column when one is there.
 *
 * Exporters (SCORM, Office) call the same two functions on what they write.
 */
import { createHash } from 'node:crypto';
import { diag, TrainpackError } from '../errors.js';
import { MIN_PASSAGE, type HiddenPassage, type PassageKind, type UnitPassages } from '../markdown/passages.js';
import { decodeEntities, normalizeSpace, unescapeJson } from './text.js';

/** A facilitator-only passage and the file it is in. */
export interface Passage extends HiddenPassage {
  file: string;
}

/** What the guard needs of a unit: its file, whether it is a self-check quiz, and its passages (UnitFacts has them). */
export interface GuardUnit {
  unit: { source: { rel: string }; selfCheck: boolean; rolesInHandout?: boolean };
  facts: Partial<UnitPassages>;
}

export interface PassageOptions {
  /**
   * Role briefs are secret too: true for every unit, or `'unless-public'` for
   * every unit but those whose front matter says `roles_in_handout: true`
   * (FORMAT.md section 3: the handout shows who plays whom, not the briefs).
   * Default false (the facilitator guide and the role cards show them).
   */
  roles?: boolean | 'unless-public';
  /** Other text participants see: titles, objectives, UI strings, var values… */
  publicTexts?: Iterable<string>;
}

const W = MIN_PASSAGE;
/** log2 of the number of buckets in a PassageSet's filter (2^20 bits: 128 KB). */
const FILTER_BITS = 20;
const B = 31;
// B^(W-1) mod 2^32, to take the first character out of the window.
const OUT = (() => {
  let p = 1;
  for (let i = 1; i < W; i++) p = Math.imul(p, B) >>> 0;
  return p;
})();

function hashAt(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + W; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * The passages sharing a hash of their first W characters: those shorter
 * than 2W, and the longer ones by their next W characters (a curriculum's
 * notes often start alike, "Ask the group…": one look-up then replaces a
 * comparison with each of them).
 */
interface Bucket {
  short: Passage[];
  long: Map<string, Passage[]>;
}

/** Passages to look for, indexed by a hash of their first W characters. */
export class PassageSet {
  private readonly byHash = new Map<number, Bucket>();
  /**
   * One bit per hash bucket (2^FILTER_BITS of them): most windows of a page
   * start no passage, and a bit test costs a fraction of a Map lookup.
   */
  private readonly filter = new Uint32Array(1 << (FILTER_BITS - 5));
  readonly size: number;
  private named?: string;

  /** A name for the set: the same passages of the same kinds, the same key (what a clean check is remembered by). */
  get key(): string {
    if (this.named === undefined) {
      const all = [...this.byHash.values()].flatMap((b) => [...b.short, ...[...b.long.values()].flat()]).map((p) => `${p.kind}\0${p.text}`);
      this.named = createHash('sha1').update(all.sort().join('\n')).digest('hex');
    }
    return this.named;
  }

  constructor(readonly passages: Passage[]) {
    const seen = new Set<string>();
    let size = 0;
    for (const p of passages) {
      if (p.text.length < W || seen.has(p.text)) continue;
      seen.add(p.text);
      const h = hashAt(p.text, 0);
      const bit = h >>> (32 - FILTER_BITS);
      this.filter[bit >>> 5]! |= 1 << (bit & 31);
      let bucket = this.byHash.get(h);
      if (!bucket) this.byHash.set(h, (bucket = { short: [], long: new Map() }));
      if (p.text.length < 2 * W) bucket.short.push(p);
      else {
        const next = p.text.slice(W, 2 * W);
        const list = bucket.long.get(next);
        if (list) list.push(p);
        else bucket.long.set(next, [p]);
      }
      size++;
    }
    this.size = size;
  }

  /** Every passage found in `text` (already normalised), each once. */
  findIn(text: string, stopAtFirst = false, skip?: (p: Passage) => boolean): Passage[] {
    const found = new Set<Passage>();
    if (this.size === 0 || text.length < W) return [];
    const filter = this.filter;
    const look = (candidates: Passage[] | undefined, i: number): Passage | undefined => {
      if (!candidates) return undefined;
      for (const p of candidates) {
        if (found.has(p) || skip?.(p) || !text.startsWith(p.text, i)) continue;
        found.add(p);
        if (stopAtFirst) return p;
      }
      return undefined;
    };
    let h = hashAt(text, 0);
    for (let i = 0; ; i++) {
      const bit = h >>> (32 - FILTER_BITS);
      const bucket = filter[bit >>> 5]! & (1 << (bit & 31)) ? this.byHash.get(h) : undefined;
      if (bucket) {
        const hit = look(bucket.short, i) ?? (bucket.long.size && i + 2 * W <= text.length ? look(bucket.long.get(text.slice(i + W, i + 2 * W)), i) : undefined);
        if (hit) return [hit];
      }
      if (i + W >= text.length) break;
      h = (Math.imul((h - Math.imul(text.charCodeAt(i), OUT)) >>> 0, B) + text.charCodeAt(i + W)) >>> 0;
    }
    return [...found];
  }
}

/** The passages of these units that exist only in facilitator-only blocks. */
export function facilitatorPassages(units: Iterable<GuardUnit>, options: PassageOptions = {}): PassageSet {
  const list: Passage[] = [];
  const shown: string[] = [];
  for (const { unit, facts } of units) {
    if (facts.shown) shown.push(facts.shown);
    for (const p of facts.hidden ?? []) {
      if (p.kind === 'key' && unit.selfCheck) continue;
      if (p.kind === 'role' && (!options.roles || (options.roles === 'unless-public' && unit.rolesInHandout))) continue;
      list.push({ ...p, file: unit.source.rel });
    }
  }
  for (const t of options.publicTexts ?? []) if (t) shown.push(normalizeSpace(t));
  const all = new PassageSet(list);
  const inPublic = new Set(all.findIn(shown.join('\n')).map((p) => p.text));
  return new PassageSet(inPublic.size ? list.filter((p) => !inPublic.has(p.text)) : list);
}

/** The forms a passage may take in an output: as is, entity-decoded, JSON-unescaped. */
function projections(output: string): string[] {
  const out = [normalizeSpace(output)];
  if (output.includes('&')) out.push(normalizeSpace(decodeEntities(output)));
  if (output.includes('\\')) out.push(normalizeSpace(decodeEntities(unescapeJson(output))));
  return out;
}

/** The first passage `output` holds, if any (kinds in `allow` are not looked for). */
export function findLeak(output: string, passages: PassageSet, allow: PassageKind[] = []): Passage | undefined {
  const skip = allow.length ? (p: Passage) => allow.includes(p.kind) : undefined;
  for (const text of projections(output)) {
    const [hit] = passages.findIn(text, true, skip);
    if (hit) return hit;
  }
  return undefined;
}

const BLOCK_NAME: Record<PassageKind, string> = {
  facilitator: '`:::facilitator` block',
  notes: '`:::notes` block (speaker notes)',
  solution: '`:::solution` block',
  debrief: '`:::debrief` block',
  unknown: 'block trainpack does not know (facilitator guide only)',
  role: '`:::role` brief',
  key: 'quiz explanation (answer key)',
};

/**
 * Throw when `output` (a participant page, its search data, a slide face…)
 * holds a facilitator-only passage. `where` names the output in the message.
 */
export function assertNoLeak(output: string, passages: PassageSet, where: string, allow: PassageKind[] = []): void {
  const leak = findLeak(output, passages, allow);
  if (!leak) return;
  const quoted = leak.text.length > 60 ? `${leak.text.slice(0, 57)}…` : leak.text;
  throw new TrainpackError([
    diag('error', 'leak', `Text of a ${BLOCK_NAME[leak.kind]} ("${quoted}") would reach ${where}, which participants see: the build stops`, { file: leak.file, line: leak.line, column: leak.column }),
  ]);
}
