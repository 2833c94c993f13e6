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
 * by the parse stage. The rules read each unit's facts (markdown/facts.ts),
 * never its tree.
 */
import { distinctUnits, type CheckContext } from './context.js';

export async function checkContent(ctx: CheckContext): Promise<void> {
  const { diags } = ctx;
  for (const { unit, facts } of distinctUnits(ctx)) {
    const file = unit.source.rel;
    if (!facts.content) {
      diags.error('empty-unit', `Unit "${unit.id}" has no content below its front matter`, { file, line: 1, column: 1 });
      continue;
    }
    if (unit.type === 'roleplay' && facts.roles.length < 2) {
      const what = facts.roles.length === 0 ? 'no `:::role` block' : 'only one `:::role` block';
      diags.error('too-few-roles', `Role-play "${unit.id}" has ${what}; a role-play needs at least two roles`, facts.roles[0] ? { file, ...facts.roles[0] } : await ctx.unitKey(unit, 'type'));
    }
    if (unit.type === 'exercise' && facts.solutions === 0) {
      diags.warn('missing-solution', `Exercise "${unit.id}" has no \`:::solution\` for the facilitator`, await ctx.unitKey(unit, 'type'));
    }
    for (const place of facts.untitledSlides) diags.error('untitled-slide', 'This slide has no heading to be its title', { file, ...place });
  }
}
