/**
 * Slots: each unit's part of a whole page (its section of the guide or the
 * handout, its text in the index's search data). A page is rendered with a
 * token in each slot, then the tokens are replaced by the units' parts,
 * recording where each part's bytes are. The next build, when only some
 * units changed and nothing around them did, copies the last build's page
 * and replaces just those parts (issue 8: one unit changed).
 */
import { readFileSync } from 'node:fs';

/** A slot: what its content is made from (a key), and where its bytes are in the page. */
export type Slot = [ref: string, start: number, end: number];

/** Two noncharacters around a unit's index: no text carries them (see fragments.ts for the markers). */
export const SLOT_OPEN = '\uFDD2';
export const SLOT_CLOSE = '\uFDD3';
const TOKEN = /\uFDD2(\d+)\uFDD3/g;

/** Replace every token of a rendered page by its unit's part; the page as bytes, and its slots. */
export function fillSlots(page: string, refs: string[], part: (i: number) => string): { content: Buffer; slots: Slot[] } {
  const pieces: Buffer[] = [];
  const slots: Slot[] = [];
  let size = 0;
  let last = 0;
  for (const m of page.matchAll(TOKEN)) {
    const before = Buffer.from(page.slice(last, m.index));
    pieces.push(before);
    size += before.length;
    const i = Number(m[1]);
    const bytes = Buffer.from(part(i));
    slots.push([refs[i]!, size, size + bytes.length]);
    pieces.push(bytes);
    size += bytes.length;
    last = m.index! + m[0].length;
  }
  const after = Buffer.from(page.slice(last));
  pieces.push(after);
  return { content: Buffer.concat(pieces, size + after.length), slots };
}

/**
 * The last build's page with the parts of the units whose ref changed
 * replaced, or undefined when it cannot serve: no such page, another
 * skeleton (something around the units changed), a slot missing or out of
 * place, or more than half the units changed (rendering is as quick then).
 */
export function splice(
  previous: { file: string; skeleton: string; slots: Slot[] } | undefined,
  skeleton: string,
  refs: string[],
  part: (i: number) => string,
): { content: Buffer; slots: Slot[] } | undefined {
  if (!previous || previous.skeleton !== skeleton || previous.slots.length !== refs.length || refs.length === 0) return undefined;
  const changed = refs.filter((r, i) => previous.slots[i]![0] !== r).length;
  if (changed > refs.length / 2) return undefined;
  let old: Buffer;
  try {
    old = readFileSync(previous.file);
  } catch {
    return undefined;
  }
  const pieces: Buffer[] = [];
  const slots: Slot[] = [];
  let size = 0;
  let pos = 0;
  for (const [i, [ref, start, end]] of previous.slots.entries()) {
    if (start < pos || end < start || end > old.length) return undefined;
    pieces.push(old.subarray(pos, start));
    size += start - pos;
    const bytes = ref === refs[i] ? old.subarray(start, end) : Buffer.from(part(i));
    slots.push([refs[i]!, size, size + bytes.length]);
    pieces.push(bytes);
    size += bytes.length;
    pos = end;
  }
  pieces.push(old.subarray(pos));
  size += old.length - pos;
  return { content: Buffer.concat(pieces, size), slots };
}
