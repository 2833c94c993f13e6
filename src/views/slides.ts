/**
 * Slides view: the `:::slide` blocks of a unit, each with its title, body
 * (callouts included, nothing else that is not slide content) and speaker
 * notes. A unit without slides gets one title slide (FORMAT.md section 3).
 */
import type { Element, Root } from 'hast';
import { findAll, hasClass, rewrite, slideHeading, textOf } from './tree.js';

/** One slide of a deck. */
export interface SlideView {
  title: string;
  /** Slide body without its title heading; undefined for a generated title slide. */
  body?: Root;
  notes?: Root;
  /** Set for the title slide generated for a unit without slides. */
  unitTitle?: boolean;
}

const NOT_ON_SLIDES = ['tp-notes', 'tp-facilitator', 'tp-participant', 'tp-solution', 'tp-debrief', 'tp-unknown', 'tp-role'];

const HIDDEN_AROUND = ['tp-facilitator', 'tp-participant', 'tp-notes', 'tp-solution', 'tp-debrief', 'tp-unknown', 'tp-role'];

/** The slides of a tree that are projected: none inside a facilitator note, a solution, … */
export function slidesIn(node: Root | Element, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element' || HIDDEN_AROUND.some((c) => hasClass(child, c))) continue;
    if (hasClass(child, 'tp-slide')) out.push(child);
    else slidesIn(child, out);
  }
  return out;
}

/** The slides of one unit in order. */
export function slidesOf(tree: Root): SlideView[] {
  // A slide inside a block that is not projected (a facilitator note, …) stays off the deck.
  const blocks = slidesIn(tree);
  return blocks.map((slide) => {
    const heading = slideHeading(slide);
    const title = heading ? textOf(heading).trim() : '';
    const body = rewrite({ type: 'root', children: slide.children } as Root, (n) => {
      if (n === heading) return null;
      if (n.type === 'element' && NOT_ON_SLIDES.some((c) => hasClass(n, c))) return null;
      if (n.type === 'element' && /^h[1-6]$/.test(n.tagName)) return { ...n, tagName: 'h3' };
      return undefined;
    });
    const notesEls = findAll(slide, (el) => hasClass(el, 'tp-notes'));
    const notes: Root | undefined = notesEls.length
      ? rewrite({ type: 'root', children: notesEls.flatMap((e) => e.children) } as Root, (n) =>
          hasClass(n as Element, 'tp-label') ? null : undefined,
        )
      : undefined;
    return { title, body, notes };
  });
}
