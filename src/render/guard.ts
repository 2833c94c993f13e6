/**
 * The render stage's leak guard (views/guard.ts does the looking): before an
 * edition's participant pages are written, no page and no slide face may
 * hold a passage that exists only in facilitator-only blocks.
 *
 * A whole page is its skeleton (templates, headers, agenda) and one slot a
 * unit (render/slots.ts). A slot's bytes are named by its unit's slot
 * reference and the page's skeleton key, so a slot found clean under a set of
 * passages is clean again under the same set: that is remembered in the
 * persistent cache (`guard`), and a build that changed one unit scans that
 * unit's slots, not megabytes of pages it already checked. A new or changed
 * facilitator passage changes the set, and every slot is scanned again. A
 * page without slots (a deck, a build without cache keys) is scanned whole.
 */
import type { DiskCache } from '../cache/disk.js';
import { sha1 } from '../cache/memo.js';
import type { Edition } from '../resolve/edition.js';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import type { PassageKind } from '../markdown/passages.js';
import { assertNoLeak, facilitatorPassages, type PassageSet } from '../views/guard.js';
import type { Fragments } from './fragments.js';
import type { Slot } from './slots.js';
import type { Strings } from './templates.js';

/** What the guard needs of an edition: its units' passages and what participants see anyway. */
export interface GuardedEdition {
  edition: Edition;
  parsed: Map<Unit, ParsedUnit>;
  strings: Strings;
}

/** The edition's facilitator-only passages, less those its public text (titles, strings, vars…) also holds. */
export function editionPassages({ edition, parsed, strings }: GuardedEdition, extra: string[] = [], cache?: DiskCache, roles: 'unless-public' | false = 'unless-public'): PassageSet {
  const publicTexts: string[] = [edition.title, edition.curriculum.title, ...(edition.curriculum.authors ?? []).map(String), ...Object.values(strings), ...Object.values(edition.vars).map(String)];
  for (const m of edition.modules) {
    publicTexts.push(m.title, m.summary ?? '');
    for (const u of m.units) publicTexts.push(u.title, ...u.objectives, ...u.materials, ...u.methods);
  }
  publicTexts.push(...extra);
  // Role briefs are printed on role cards (`roles` false), not in the handout, the index or a deck (unless a unit says `roles_in_handout: true`).
  const memo = cache && { get: (key: string) => cache.get<string[]>('guard-shown', key), set: (key: string, found: string[]) => cache.set('guard-shown', key, found) };
  return facilitatorPassages(parsed.values(), { publicTexts, roles, memo });
}

/** The pages of an edition as render made them, with what names their parts. */
export interface GuardInput {
  edition: GuardedEdition;
  files: Map<string, string | Buffer>;
  /** Whole pages' skeleton keys and slots (undefined: scan the page whole). */
  slotted: Map<string, { skeleton: string; slots: Slot[] }>;
  /** The slide faces to check: unit index -> its filled fragments, and each unit's slot reference. */
  slides: { units: number[]; filled: (i: number) => Fragments; ref: (i: number) => string | undefined };
  /** The edition's part of every page key (templates, strings, language…), when pages are keyed. */
  base?: string;
  agenda: string;
  cache?: DiskCache;
}

/**
 * Fail closed: throw a positioned error (views/guard.ts) when a participant
 * page or a slide face holds a facilitator-only passage. Decks carry the
 * presenter's speaker notes, and a quiz question slide's answer in them
 * (FORMAT.md section 3: "the answer only in the speaker notes"); each slide
 * face is checked with nothing allowed.
 */
export function guardEdition(input: GuardInput): void {
  const pages = [...input.files.keys()].filter((p) => p === 'participant-handout.html' || p === 'index.html' || p.startsWith('slides/'));
  if (pages.length === 0 && input.slides.units.length === 0) return;
  const passages = editionPassages(input.edition, [input.agenda], input.cache);
  if (passages.size === 0) return;
  const { cache, base } = input;
  // What a clean part is remembered by: the passages, the edition's part of the page keys, the page, the part.
  const memo = cache && base ? (page: string, part: string) => sha1(`${passages.key}\0${base}\0${page}\0${part}`) : undefined;
  const check = (text: () => string, where: string, allow: PassageKind[], key: string | undefined) => {
    if (key && cache!.get('guard', key)) return;
    assertNoLeak(text(), passages, where, allow);
    if (key) cache!.set('guard', key, 1);
  };
  for (const page of pages) {
    const content = input.files.get(page)!;
    const allow: PassageKind[] = page.startsWith('slides/') ? ['notes', 'key'] : [];
    const parts = input.slotted.get(page);
    if (!memo || !parts || typeof content === 'string') {
      assertNoLeak(String(content), passages, page, allow);
      continue;
    }
    // The skeleton, its pieces between the slots joined, then each slot as its unit's part.
    const between: Buffer[] = [];
    let at = 0;
    for (const [, start, end] of parts.slots) {
      between.push(content.subarray(at, start));
      at = end;
    }
    between.push(content.subarray(at));
    check(() => between.map((b) => b.toString()).join('\n'), page, allow, memo(page, `skeleton:${parts.skeleton}`));
    for (const [ref, start, end] of parts.slots) check(() => content.subarray(start, end).toString(), page, allow, memo(page, `slot:${ref}`));
  }
  for (const i of input.slides.units) {
    const ref = input.slides.ref(i);
    for (const [n, s] of input.slides.filled(i).slides.entries()) check(() => `${s.title}\n${s.body}`, 'a slide', [], memo && ref ? memo('slide', `${ref}:${n}`) : undefined);
  }
}
