/**
 * What the check rules need to know about a parsed unit, read off its tree
 * once when it is parsed and kept with it in the persistent cache. A warm
 * build or check then runs every rule without loading a single tree
 * (issues 6 and 8): the rules read these facts, never the tree.
 */
import type { Element, Root, RootContent } from 'hast';
import { findAll, hasClass } from '../views/tree.js';
import { slidesIn } from '../views/slides.js';
import type { UnitPassages } from './passages.js';

/** A place in the unit's file. */
export interface Place {
  line: number;
  column: number;
}

export interface UnitFacts extends Partial<UnitPassages> {
  /** The unit holds text or an image written by the author (not only inserted labels). */
  content: boolean;
  /** `:::role` blocks, in order. */
  roles: Place[];
  /** `:::exercise` blocks, in order. */
  exercises: Place[];
  /** How many `:::solution` blocks. */
  solutions: number;
  /** How many `:::slide` blocks (the unit's slides in its module's deck; none means one title slide). */
  slides: number;
  /** Slides with no heading of their own (outside their notes). */
  untitledSlides: Place[];
  /** Every element id. */
  ids: string[];
  /** Links to a fragment (`#…`, already rewritten to page ids), with their places. */
  anchors: { target: string; place: Place }[];
  /** Images without alt text, with the path they were written with when it can be recovered. */
  imagesWithoutAlt: { src?: string; place: Place }[];
}

/** Text the parse stage inserts (block labels, role names): not the author's content. */
const INSERTED = ['tp-label', 'tp-block-title', 'tp-role-name'];

/** Does the node hold text or an image written by the author? */
function hasContent(node: Root | RootContent): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  if (node.type === 'element') {
    if (INSERTED.some((c) => hasClass(node, c))) return false;
    if (node.tagName === 'img') return true;
  }
  return 'children' in node && (node.children as RootContent[]).some(hasContent);
}

const isHeading = (el: Element) => /^h[1-6]$/.test(el.tagName);

/** Headings of a slide outside its speaker notes. */
function slideHeadings(slide: Element): Element[] {
  const out: Element[] = [];
  for (const child of slide.children) {
    if (child.type !== 'element' || hasClass(child, 'tp-notes')) continue;
    if (isHeading(child)) out.push(child);
    out.push(...slideHeadings(child));
  }
  return out;
}

function placeOf(node: { position?: Element['position'] }): Place {
  const start = node.position?.start;
  return { line: start?.line ?? 1, column: start?.column ?? 1 };
}

/** The path an image was written with (its src is a data URI by now). */
function sourceOf(body: string, img: Element): string | undefined {
  const { start, end } = img.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const raw = body.slice(start.offset, end.offset);
  return (/\]\(\s*<?([^)\s>]+)/.exec(raw) ?? /src\s*=\s*["']?([^"'\s>]+)/i.exec(raw))?.[1];
}

/** Read the facts off a unit's canonical tree; `body` is the text it was parsed from. */
export function factsOf(tree: Root, body: string): UnitFacts {
  const facts: UnitFacts = { content: hasContent(tree), roles: [], exercises: [], solutions: 0, slides: 0, untitledSlides: [], ids: [], anchors: [], imagesWithoutAlt: [] };
  for (const el of findAll(tree, () => true)) {
    const id = el.properties?.id;
    if (typeof id === 'string') facts.ids.push(id);
    if (hasClass(el, 'tp-role')) facts.roles.push(placeOf(el));
    if (hasClass(el, 'tp-exercise')) facts.exercises.push(placeOf(el));
    if (hasClass(el, 'tp-solution')) facts.solutions++;
    if (el.tagName === 'a') {
      const href = el.properties?.href;
      if (typeof href === 'string' && href.startsWith('#') && href !== '#') facts.anchors.push({ target: href.slice(1), place: placeOf(el) });
    } else if (el.tagName === 'img') {
      const alt = el.properties?.alt;
      if (typeof alt !== 'string' || alt.trim() === '') facts.imagesWithoutAlt.push({ src: sourceOf(body, el), place: placeOf(el) });
    }
  }
  // The slides the deck shows (views/slides.ts): their count numbers the module's deck.
  for (const el of slidesIn(tree)) {
    facts.slides++;
    if (slideHeadings(el).length === 0) facts.untitledSlides.push(placeOf(el));
  }
  return facts;
}
