import { describe, expect, it } from 'vitest';
import { computeAgenda, toClock, type AgendaUnit } from '../../src/render/agenda.js';

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
