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
  /** Where the passages found in each unit's shown text are remembered (the persistent cache). */
  memo?: { get(key: string): string[] | undefined; set(key: string, found: string[]): void };
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
 * The passages sharing a hash of their first W characters, as a trie of W-character
 * chunks: at depth d, those shorter than (d + 1) W are listed, the longer ones go
 * on by their next chunk. A curriculum's notes often start alike ("Ask the group
 * to…"): a window of a page that starts like them is then compared with the few
 * passages that go on like it, not with each.
 */
interface Bucket {
  short: Passage[];
  long: Map<string, Bucket>;
}

const bucket = (): Bucket => ({ short: [], long: new Map() });

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
      const all = this.unique.map((p) => `${[...this.kindsOf(p.text)].sort().join(',')}\0${p.text}`);
      this.named = createHash('sha1').update(all.sort().join('\n')).digest('hex');
    }
    return this.named;
  }

  private readonly unique: Passage[] = [];
  /**
   * Every kind of block each text is in. The same sentence can be a speaker
   * note in one unit and a solution in another: where speaker notes are
   * allowed (a deck page), finding it proves nothing.
   */
  private readonly kinds = new Map<string, Set<PassageKind>>();

  /** The kinds of block a passage's text is in (its own and those of passages with the same text). */
  kindsOf(text: string): ReadonlySet<PassageKind> {
    return this.kinds.get(text) ?? new Set();
  }

  constructor(readonly passages: Passage[]) {
    for (const p of passages) {
      if (p.text.length < W) continue;
      const kinds = this.kinds.get(p.text);
      if (kinds) {
        kinds.add(p.kind);
        continue;
      }
      this.kinds.set(p.text, new Set([p.kind]));
      this.unique.push(p);
      const h = hashAt(p.text, 0);
      const bit = h >>> (32 - FILTER_BITS);
      this.filter[bit >>> 5]! |= 1 << (bit & 31);
      let node = this.byHash.get(h);
      if (!node) this.byHash.set(h, (node = bucket()));
      for (let d = 1; ; d++) {
        if (p.text.length < (d + 1) * W) {
          node.short.push(p);
          break;
        }
        const chunk = p.text.slice(d * W, (d + 1) * W);
        let next = node.long.get(chunk);
        if (!next) node.long.set(chunk, (next = bucket()));
        node = next;
      }
    }
    this.size = this.unique.length;
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
      let node = filter[bit >>> 5]! & (1 << (bit & 31)) ? this.byHash.get(h) : undefined;
      for (let d = 1; node; d++) {
        if (look(node.short, i)) return [...found];
        node = node.long.size && i + (d + 1) * W <= text.length ? node.long.get(text.slice(i + d * W, i + (d + 1) * W)) : undefined;
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
      if (p.kind === 'role' && (!options.roles || (options.roles === 'unless-public' && unit.rolesInHandout))) {
        // A brief shown where this output is read (the role cards; the handout of a unit that says so) is
        // participant text there, like any other: a note elsewhere with the same words proves nothing.
        shown.push(p.text);
        continue;
      }
      list.push({ ...p, file: unit.source.rel });
    }
  }
  const publicTexts: string[] = [];
  for (const t of options.publicTexts ?? []) if (t) publicTexts.push(normalizeSpace(t));
  const all = new PassageSet(list);
  const inPublic = new Set<string>();
  if (all.size) {
    // Each unit's shown text on its own, remembered by its text and the passages looked for
    // (a build that changed one unit's text scans that one), then the public texts.
    const memo = options.memo;
    for (const text of shown) {
      const key = memo && createHash('sha1').update(all.key).update('\0').update(text).digest('hex');
      let found = key ? memo!.get(key) : undefined;
      if (!found) {
        found = all.findIn(text).map((p) => p.text);
        if (key) memo!.set(key, found);
      }
      for (const t of found) inPublic.add(t);
    }
    for (const p of all.findIn(publicTexts.join('\n'))) inPublic.add(p.text);
  }
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
  // A text also found in an allowed kind of block is allowed (a speaker note in one unit, a solution in another).
  const skip = allow.length ? (p: Passage) => [...passages.kindsOf(p.text)].some((k) => allow.includes(k)) : undefined;
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
