import { describe, expect, it } from 'vitest';
import { computeAgenda, planAgenda, toClock, type AgendaModule, type AgendaUnit } from '../../src/render/agenda.js';

const u = (id: string, duration: number): AgendaUnit => ({ id, title: id, duration, moduleId: 'm', materials: [id + '-kit'] });
const workshop = {
  day_start: '09:00',
  day_end: '17:00',
  breaks: [
    { at: '10:30', minutes: 15, label: 'Coffee' },
    { at: '12:30', minutes: 60, label: 'Lunch' },
  ],
};
const show = (days: ReturnType<typeof computeAgenda>) =>
  days.map((d) => d.items.map((i) => `${toClock(i.start)} ${i.title}`));

describe('agenda', () => {
  it('takes breaks at their time when a unit ends there', () => {
    const days = computeAgenda([u('a', 90), u('b', 120), u('c', 60)], workshop);
    expect(show(days)).toEqual([['09:00 a', '10:30 Coffee', '10:45 b', '12:45 Lunch', '13:45 c']]);
  });

  it('moves a break to the nearer unit boundary, never splitting a unit', () => {
    // b would straddle 10:30: starting 10:00, ending 11:00 -> equal distance, break first.
    expect(show(computeAgenda([u('a', 60), u('b', 60)], workshop))[0]).toEqual(['09:00 a', '10:00 Coffee', '10:15 b']);
    // b from 10:20 to 10:40: 10 before, 10 after -> break first.
    expect(show(computeAgenda([u('a', 80), u('b', 20)], workshop))[0]).toEqual(['09:00 a', '10:20 Coffee', '10:35 b']);
    // b from 10:20 to 11:20: 10 before, 50 after -> break first; from 10:00 to 10:35: after.
    expect(show(computeAgenda([u('a', 60), u('b', 35), u('c', 30)], workshop))[0]).toEqual(['09:00 a', '10:00 b', '10:35 Coffee', '10:50 c']);
    // Never a break before the first unit of the day.
    expect(show(computeAgenda([u('a', 120)], workshop))[0]).toEqual(['09:00 a']);
  });

  it('starts a new day when a unit does not fit, and lists materials per day', () => {
    const days = computeAgenda([u('a', 240), u('b', 180), u('c', 60)], workshop);
    expect(days).toHaveLength(2);
    expect(days[1]!.items[0]).toMatchObject({ title: 'c', start: 9 * 60 });
    expect(days[0]!.materials).toEqual(['a-kit', 'b-kit']);
    // a ran through coffee and lunch: only lunch follows it.
    expect(show(days)[0]).toEqual(['09:00 a', '13:00 Lunch', '14:00 b']);
    expect(days.every((d) => !d.overflow)).toBe(true);
  });

  it('never opens a day with a break set at or before day_start (bug found by check fixtures)', () => {
    const early = { ...workshop, breaks: [{ at: '09:00', minutes: 30, label: 'Welcome coffee' }, ...workshop.breaks] };
    expect(show(computeAgenda([u('a', 60), u('b', 60)], early))[0]).toEqual(['09:00 a', '10:00 Coffee', '10:15 b']);
  });

  it('flags a unit longer than a day', () => {
    const days = computeAgenda([u('a', 30), u('long', 600)], workshop);
    expect(days).toHaveLength(2);
    expect(days[1]!.overflow).toBe(true);
  });
});

describe('agenda plan (module.yml starts and minutes)', () => {
  const day = { day_start: '09:00', day_end: '17:00', breaks: [{ at: '10:30', minutes: 15, label: 'Coffee' }, { at: '12:30', minutes: 60, label: 'Lunch' }, { at: '15:15', minutes: 15, label: 'Tea' }] };
  const mu = (module: string, id: string, duration: number): AgendaUnit => ({ id, title: id, duration, moduleId: module, materials: [] });
  // Four sessions over two days: m1 morning, m2 afternoon (after lunch), m3 a new day, m4 after lunch.
  const units = [mu('m1', 'a', 60), mu('m1', 'b', 60), mu('m2', 'c', 90), mu('m2', 'd', 60), mu('m3', 'e', 150), mu('m3', 'g', 45), mu('m4', 'f', 90)];
  const modules: AgendaModule[] = [
    { id: 'm1', title: 'Morning one' },
    { id: 'm2', title: 'Afternoon one', starts: 'break' },
    { id: 'm3', title: 'Morning two', starts: 'day', minutes: 180 },
    { id: 'm4', title: 'Afternoon two', starts: 'break', minutes: 60 },
  ];

  it('opens a day for starts: day and starts after the next break for starts: break', () => {
    const { days, problems } = planAgenda(units, day, modules);
    expect(show(days)).toEqual([
      ['09:00 a', '10:00 Coffee', '10:15 b', '12:30 Lunch', '13:30 c', '15:00 Tea', '15:15 d'],
      ['09:00 e', '11:30 Coffee', '11:45 g', '12:30 Lunch', '13:30 f'],
    ]);
    // m1 ends at 11:15; m2 waits for lunch at 12:30 (never pulled forward), m3 opens day 2.
    expect(days[0]!.sessions.map((s) => [s.moduleId, toClock(s.start), toClock(s.end)])).toEqual([['m1', '09:00', '11:15'], ['m2', '13:30', '16:15']]);
    expect(days[1]!.sessions.map((s) => [s.moduleId, toClock(s.start)])).toEqual([['m3', '09:00'], ['m4', '13:30']]);
    // m4 needs 90 min in a 60-minute slot: reported with the amount.
    expect(problems).toEqual([
      { moduleId: 'm3', key: 'minutes', message: 'Module "m3" needs 195 min, 15 min more than its planned slot of 180 min' },
      { moduleId: 'm4', key: 'minutes', message: 'Module "m4" needs 90 min, 30 min more than its planned slot of 60 min' },
    ]);
    expect(days[1]!.sessions[0]).toMatchObject({ planned: 180, needed: 195, continued: false });

  });

  it('without starts, units flow on as before', () => {
    const flowing = computeAgenda(units, day);
    expect(flowing).toHaveLength(2);
    // m2 follows m1 at once (not after lunch); m3 does not fit the rest of day 1.
    expect(show(flowing)[0]).toEqual(['09:00 a', '10:00 Coffee', '10:15 b', '11:15 c', '12:45 Lunch', '13:45 d']);
    expect(flowing.map((d) => d.sessions.map((s) => s.moduleId))).toEqual([['m1', 'm2'], ['m3', 'm4']]);
  });

  it('a session that spills into the next day is marked as continued there', () => {
    const long = [mu('m1', 'a', 200), mu('m1', 'b', 200), mu('m1', 'c', 100)];
    const days = computeAgenda(long, day, [{ id: 'm1', title: 'Long' }]);
    expect(days).toHaveLength(2);
    expect(days[1]!.sessions[0]).toMatchObject({ moduleId: 'm1', continued: true });
    expect(days[1]!.sessions[0]!.needed).toBeUndefined();
  });

  it('starts: break with no break left that day is a problem, and the module opens the next day', () => {
    // a runs over every break time; tea (the latest) is taken before b; after b no break is left.
    const late = [mu('m1', 'a', 390), mu('m1', 'b', 30), mu('m2', 'c', 30)];
    const { days, problems } = planAgenda(late, day, [{ id: 'm1', title: 'One' }, { id: 'm2', title: 'Two', starts: 'break' }]);
    expect(days).toHaveLength(2);
    expect(days[1]!.sessions[0]!.moduleId).toBe('m2');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ moduleId: 'm2', key: 'starts' });
    expect(problems[0]!.message).toMatch(/no break left/);
  });

  it('starts: break whose first unit no longer fits after the break is a problem, never a silent reflow', () => {
    // A module that overran into lunch: lunch is taken at its end, and the next one starts after it.
    const overran = planAgenda([mu('m1', 'a', 240), mu('m2', 'b', 60)], day, [{ id: 'm1', title: 'One' }, { id: 'm2', title: 'Two', starts: 'break' }]);
    expect(show(overran.days)).toEqual([['09:00 a', '13:00 Lunch', '14:00 b']]);
    expect(overran.problems).toEqual([]);
    const tight = [mu('m1', 'a', 300), mu('m2', 'b', 120)];
    const plan = planAgenda(tight, day, [{ id: 'm1', title: 'One' }, { id: 'm2', title: 'Two', starts: 'break' }]);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.message).toMatch(/does not fit before day_end 17:00: it starts day 2/);
    expect(plan.days[1]!.sessions[0]!.moduleId).toBe('m2');
  });

  it('starts: day on the first module of a day opens no empty day', () => {
    const days = computeAgenda([mu('m1', 'a', 60)], day, [{ id: 'm1', title: 'One', starts: 'day' }]);
    expect(days).toHaveLength(1);
  });
});
