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
import { diag, TrainpackError } from '../errors.js';
import { MIN_PASSAGE, type HiddenPassage, type PassageKind, type UnitPassages } from '../markdown/passages.js';
import { decodeEntities, normalizeSpace, unescapeJson } from './text.js';

/** A facilitator-only passage and the file it is in. */
export interface Passage extends HiddenPassage {
  file: string;
}

/** What the guard needs of a unit: its file, whether it is a self-check quiz, and its passages (UnitFacts has them). */
export interface GuardUnit {
  unit: { source: { rel: string }; selfCheck: boolean };
  facts: Partial<UnitPassages>;
}

export interface PassageOptions {
  /** Role briefs are secret too (FORMAT.md: unless the unit says `roles_in_handout: true`). Default false. */
  roles?: boolean;
  /** Other text participants see: titles, objectives, UI strings, var values… */
  publicTexts?: Iterable<string>;
}

const W = MIN_PASSAGE;
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

/** Passages to look for, indexed by a hash of their first W characters. */
export class PassageSet {
  private readonly byHash = new Map<number, Passage[]>();
  readonly size: number;

  constructor(readonly passages: Passage[]) {
    const seen = new Set<string>();
    let size = 0;
    for (const p of passages) {
      if (p.text.length < W || seen.has(p.text)) continue;
      seen.add(p.text);
      const h = hashAt(p.text, 0);
      const list = this.byHash.get(h);
      if (list) list.push(p);
      else this.byHash.set(h, [p]);
      size++;
    }
    this.size = size;
  }

  /** Every passage found in `text` (already normalised), each once. */
  findIn(text: string, stopAtFirst = false, skip?: (p: Passage) => boolean): Passage[] {
    const found = new Set<Passage>();
    if (this.size === 0 || text.length < W) return [];
    let h = hashAt(text, 0);
    for (let i = 0; ; i++) {
      const candidates = this.byHash.get(h);
      if (candidates) {
        for (const p of candidates) {
          if (found.has(p) || skip?.(p) || !text.startsWith(p.text, i)) continue;
          found.add(p);
          if (stopAtFirst) return [p];
        }
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
      if (p.kind === 'role' && !options.roles) continue;
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
