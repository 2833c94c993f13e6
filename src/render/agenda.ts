/**
 * Lay units into workshop days with clock times and breaks.
 *
 * Rules (documented in the README):
 * - units keep their curriculum order and are never split across days;
 * - a break happens at the unit boundary nearest its fixed time: if a unit
 *   would straddle the break, the break moves before the unit when that is
 *   the smaller shift, else after it;
 * - when one long unit runs past several break times, only the latest of
 *   those breaks is taken after it;
 * - a unit that does not fit before `day_end` starts the next day; a unit
 *   longer than a whole day still gets a day of its own, flagged as overflow.
 */
import type { Workshop } from '../model.js';

export interface AgendaItem {
  kind: 'unit' | 'break';
  start: number;
  end: number;
  title: string;
  unitId?: string;
  moduleId?: string;
}

export interface AgendaDay {
  number: number;
  items: AgendaItem[];
  materials: string[];
  /** The day runs past `day_end`. */
  overflow: boolean;
  /** Minutes of teaching. */
  teaching: number;
}

export interface AgendaUnit {
  id: string;
  title: string;
  duration: number;
  moduleId: string;
  materials: string[];
}

/** "09:30" -> 570. */
export function toMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** 570 -> "09:30". */
export function toClock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export const DEFAULT_WORKSHOP: Workshop = { day_start: '09:00', day_end: '17:00', breaks: [] };

/** Compute the agenda for units in order. */
export function computeAgenda(units: AgendaUnit[], workshop: Workshop = DEFAULT_WORKSHOP): AgendaDay[] {
  const dayStart = toMinutes(workshop.day_start);
  const dayEnd = toMinutes(workshop.day_end);
  const breaks = [...workshop.breaks].sort((a, b) => toMinutes(a.at) - toMinutes(b.at));
  const days: AgendaDay[] = [];
  let day: AgendaDay | undefined;
  let t = dayStart;
  let nextBreak = 0;

  const newDay = () => {
    day = { number: days.length + 1, items: [], materials: [], overflow: false, teaching: 0 };
    days.push(day);
    t = dayStart;
    // A break set at or before the start of the day never opens it.
    nextBreak = breaks.filter((b) => toMinutes(b.at) <= dayStart).length;
  };
  const takeBreak = () => {
    const b = breaks[nextBreak++]!;
    day!.items.push({ kind: 'break', start: t, end: t + b.minutes, title: b.label ?? '' });
    t += b.minutes;
  };

  // Breaks whose time has come. When a long unit ran over several, only the
  // latest is taken (a coffee break swallowed by lunch is not added after it).
  const takeDue = () => {
    let due = 0;
    while (nextBreak + due < breaks.length && toMinutes(breaks[nextBreak + due]!.at) <= t) due++;
    if (due === 0) return;
    nextBreak += due - 1;
    takeBreak();
  };

  for (const unit of units) {
    if (!day) newDay();
    takeDue();
    // A break the unit would straddle: move it to the nearer boundary (never before the first unit).
    const b = breaks[nextBreak];
    if (b && day!.items.length > 0) {
      const at = toMinutes(b.at);
      if (at > t && at < t + unit.duration && at - t <= t + unit.duration - at) takeBreak();
    }
    const hasUnits = day!.items.some((i) => i.kind === 'unit');
    if (hasUnits && t + unit.duration > dayEnd) {
      // Drop a break just taken at the end of a day that now ends before it.
      const last = day!.items[day!.items.length - 1];
      if (last?.kind === 'break') day!.items.pop();
      newDay();
    }
    const d = day!;
    d.items.push({ kind: 'unit', start: t, end: t + unit.duration, title: unit.title, unitId: unit.id, moduleId: unit.moduleId });
    t += unit.duration;
    d.teaching += unit.duration;
    if (t > dayEnd) d.overflow = true;
    for (const m of unit.materials) if (!d.materials.includes(m)) d.materials.push(m);
  }
  return days;
}
