/**
 * Content rules (issue 6): what a unit must hold to be usable in a room.
 *
 * - `too-few-roles` (error): a role-play with fewer than two `:::role` blocks;
 * - `empty-unit` (error): a unit with no body content;
 * - `untitled-slide` (error): a `:::slide` without a heading of its own
 *   (one inside its `:::notes` does not count);
 * - `missing-solution` (warning): a unit of type exercise without `:::solution`.
 *
 * A quiz question with options and none correct is `quiz-format`, reported
 * by the parse stage.
 */
import type { Element, Root, RootContent } from 'hast';
import { findAll, hasClass } from '../views/tree.js';
import { distinctUnits, placeOf, type CheckContext } from './context.js';

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

export async function checkContent(ctx: CheckContext): Promise<void> {
  const { diags } = ctx;
  for (const parsed of distinctUnits(ctx)) {
    const { unit, tree } = parsed;
    if (!hasContent(tree)) {
      diags.error('empty-unit', `Unit "${unit.id}" has no content below its front matter`, { file: unit.source.rel, line: 1, column: 1 });
      continue;
    }
    if (unit.type === 'roleplay') {
      const roles = findAll(tree, (el) => hasClass(el, 'tp-role'));
      if (roles.length < 2) {
        const what = roles.length === 0 ? 'no `:::role` block' : 'only one `:::role` block';
        diags.error('too-few-roles', `Role-play "${unit.id}" has ${what}; a role-play needs at least two roles`, roles[0] ? placeOf(parsed, roles[0]) : await ctx.unitKey(unit, 'type'));
      }
    }
    if (unit.type === 'exercise' && findAll(tree, (el) => hasClass(el, 'tp-solution')).length === 0) {
      diags.warn('missing-solution', `Exercise "${unit.id}" has no \`:::solution\` for the facilitator`, await ctx.unitKey(unit, 'type'));
    }
    for (const slide of findAll(tree, (el) => hasClass(el, 'tp-slide'))) {
      if (slideHeadings(slide).length === 0) diags.error('untitled-slide', 'This slide has no heading to be its title', placeOf(parsed, slide));
    }
  }
}
