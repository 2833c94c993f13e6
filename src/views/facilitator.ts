/**
 * Facilitator view: everything but participant-only blocks. Each slide is
 * replaced by a "Slide N — title" marker carrying its speaker notes; quiz
 * answers are marked in text as well as by class, so the key survives
 * black-and-white printing and screen readers.
 */
import type { Element, ElementContent, Root } from 'hast';
import { slidesIn } from './slides.js';
import { findAll, hasClass, para, rewrite, slideHeading, textOf } from './tree.js';

export interface FacilitatorOptions {
  /** Deck number of each slide of the unit, in order (or a marker that stands for it, render/pages.ts). */
  slideNumbers: (number | string)[];
  strings: Record<string, string>;
}

export function facilitatorView(tree: Root, { slideNumbers, strings }: FacilitatorOptions): Root {
  let slide = 0;
  const projected = new Set(slidesIn(tree));
  return rewrite(tree, (node) => {
    if (node.type !== 'element') return undefined;
    if (hasClass(node, 'tp-participant')) return null;
    if (hasClass(node, 'tp-slide') && projected.has(node)) {
      const heading = slideHeading(node);
      const number = slideNumbers[slide++] ?? slide;
      const notes = findAll(node, (el) => hasClass(el, 'tp-notes'));
      const marker: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['tp-slide-marker'] },
        children: [para('tp-slide-label', `${strings.slide} ${number} — ${heading ? textOf(heading).trim() : ''}`), ...notes],
      };
      return marker;
    }
    if (hasClass(node, 'tp-quiz')) return [para('tp-answer-key-label', strings.answer_key!), node];
    if (hasClass(node, 'tp-unknown')) {
      return { ...node, children: [para('tp-label', strings.unknown_block!), ...node.children] };
    }
    if (hasClass(node, 'tp-correct')) {
      const mark: ElementContent = {
        type: 'element',
        tagName: 'strong',
        properties: { className: ['tp-correct-mark'] },
        children: [{ type: 'text', value: `✓ ${strings.correct}` }],
      };
      return { ...node, children: [...node.children, { type: 'text', value: ' ' }, mark] };
    }
    return undefined;
  });
}
