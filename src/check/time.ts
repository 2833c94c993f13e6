/**
 * Time rules (issue 6): unit durations against the workshop days.
 *
 * - `unit-too-long` (error): a unit longer than a whole day
 *   (`day_end - day_start`); points at its `duration:` line;
 * - `agenda-overflow` (warning, as build reports it): the agenda
 *   (render/agenda.ts, the one the index page shows) needs more days than
 *   `workshop.days`, or a day runs past `day_end` for another reason than a
 *   unit longer than a day (that one is `unit-too-long`, at the line to
 *   change); points at `workshop` in curriculum.yml;
 * - `exercise-overrun` (warning): the `:::exercise{minutes}` of a unit add
 *   up to more than its duration (they count inside it, FORMAT.md section 3);
 *   points at the exercise that tips the total over;
 * - `module-overrun` (warning): a module's units need more minutes than its
 *   planned slot (module.yml `minutes`); says by how much, points at
 *   `minutes:`;
 * - `module-start` (warning): the agenda cannot start a module where its
 *   `starts:` plans it (no break left that day, or its first unit no longer
 *   fits after the break); points at `starts:`.
 */
import { DEFAULT_WORKSHOP, planAgenda, toClock, toMinutes } from '../render/agenda.js';
import { agendaInput, editionWorkshop } from '../render/agenda-view.js';
import { distinctUnits, type CheckContext } from './context.js';
import type { Location } from '../errors.js';

/** `minutes="10"`, `minutes=10` on a directive's opening line. */
const MINUTES = /[{\s]minutes\s*=\s*(?:"\s*(\d+)\s*"|'\s*(\d+)\s*'|(\d+))/;

function checkExercises(ctx: CheckContext): void {
  for (const { unit, facts } of distinctUnits(ctx)) {
    const exercises = facts.exercises;
    if (exercises.length === 0) continue;
    const lines = unit.body.split('\n');
    const counted: number[] = [];
    for (const ex of exercises) {
      const m = MINUTES.exec(lines[ex.line - 1] ?? '');
      if (!m) continue;
      counted.push(Number(m[1] ?? m[2] ?? m[3]));
      const total = counted.reduce((a, b) => a + b, 0);
      if (total > unit.duration) {
        const sum = counted.length > 1 ? ` (${counted.join(' + ')})` : '';
        ctx.diags.warn('exercise-overrun', `Exercises in "${unit.id}" add up to ${total} min${sum}, more than the unit's duration of ${unit.duration} min`, { file: unit.source.rel, ...ex });
        break;
      }
    }
  }
}

/** Where an edition's workshop day is set: the highest overlay.yml of its chain with a `workshop:` block, else curriculum.yml. */
async function workshopFile(ctx: CheckContext, chain: string[]): Promise<string> {
  for (const layer of [...chain].reverse()) {
    if (layer === 'base') break;
    const rel = `overlays/${layer}/overlay.yml`;
    const data = (await ctx.yaml(rel))?.data;
    if (data && typeof data === 'object' && 'workshop' in data) return rel;
  }
  return 'curriculum.yml';
}

async function checkAgenda(ctx: CheckContext): Promise<void> {
  const tooLong = new Set<string>();
  const several = ctx.editions.length > 1;
  // One warning a module.yml key and message, naming the editions it holds for when not all.
  const planProblems = new Map<string, { where: Location; key: 'starts' | 'minutes'; message: string; editions: string[] }>();
  for (const { edition } of ctx.editions) {
    const workshop = editionWorkshop(edition) ?? DEFAULT_WORKSHOP;
    const file = await workshopFile(ctx, edition.chain);
    const dayStart = toMinutes(workshop.day_start);
    const dayEnd = toMinutes(workshop.day_end);
    const length = dayEnd - dayStart;
    const units = edition.modules.flatMap((m) => m.units);
    for (const unit of units) {
      if (unit.duration <= length || tooLong.has(`${unit.id}:${unit.duration}:${length}`)) continue;
      tooLong.add(`${unit.id}:${unit.duration}:${length}`);
      const day = `${workshop.day_start}–${workshop.day_end}`;
      ctx.diags.error('unit-too-long', `Unit "${unit.id}" lasts ${unit.duration} min, longer than a whole workshop day (${length} min, ${day})`, await ctx.unitKey(unit, 'duration'));
    }
    const { units: planned, modules } = agendaInput(edition);
    const { days, problems } = planAgenda(planned, workshop, modules);
    const name = several ? ` of edition ${edition.id}` : '';
    for (const problem of problems) {
      const module = edition.modules.find((m) => m.id === problem.moduleId)!;
      const where = await ctx.yamlKey(module.source.rel, [problem.key]);
      const id = `${where.file}:${where.line}:${problem.message}`;
      const seen = planProblems.get(id) ?? { where, key: problem.key, message: problem.message, editions: [] };
      seen.editions.push(edition.id);
      planProblems.set(id, seen);
    }
    for (const day of days) {
      if (!day.overflow) continue;
      const last = day.items.filter((i) => i.kind === 'unit').at(-1)!;
      if (last.end - last.start > length) continue;
      const end = Math.max(...day.items.map((i) => i.end));
      ctx.diags.warn('agenda-overflow', `Day ${day.number}${name} runs until ${toClock(end)}, past day_end ${workshop.day_end}`, await ctx.yamlKey(file, ['workshop']));
    }
    if (workshop.days !== undefined && days.length > workshop.days) {
      const total = units.reduce((a, u) => a + u.duration, 0);
      ctx.diags.warn(
        'agenda-overflow',
        `The agenda${name} needs ${days.length} days (${total} min of units), but workshop.days is ${workshop.days}`,
        await ctx.yamlKey(file, ['workshop', 'days']),
      );
    }
  }
  for (const p of planProblems.values()) {
    const which = several && p.editions.length < ctx.editions.length ? ` (edition${p.editions.length === 1 ? '' : 's'} ${p.editions.join(', ')})` : '';
    ctx.diags.warn(p.key === 'minutes' ? 'module-overrun' : 'module-start', p.message + which, p.where);
  }
}

export async function checkTime(ctx: CheckContext): Promise<void> {
  checkExercises(ctx);
  await checkAgenda(ctx);
}
