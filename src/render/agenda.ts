/**
 * Lay units into workshop days with clock times and breaks, following the
 * course's plan (module.yml `starts`, `minutes`; FORMAT.md section 2).
 *
 * Rules (documented in the README):
 * - units keep their curriculum order and are never split across days;
 * - each module is a session; a module with `starts: day` opens a new day
 *   (unless the day has no teaching yet); one with `starts: break` begins
 *   after the next break of the day, taken at its time (an afternoon
 *   session after lunch): the next break not yet taken, so a break that
 *   fell inside the module's last unit is taken at its end and the module
 *   starts after it; without `starts`, units flow on;
 * - a break happens at the unit boundary nearest its fixed time: if a unit
 *   would straddle the break, the break moves before the unit when that is
 *   the smaller shift, else after it;
 * - when one long unit runs past several break times, only the latest of
 *   those breaks is taken after it;
 * - a unit that does not fit before `day_end` starts the next day; a unit
 *   longer than a whole day still gets a day of its own, flagged as overflow;
 * - what the plan cannot honour (no break left for `starts: break`, a first
 *   unit that no longer fits after the break) is reported in `problems`,
 *   never reflowed silently.
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

/** One module's run of units on one day. */
export interface AgendaSession {
  moduleId: string;
  title: string;
  start: number;
  end: number;
  /** Index in the day's `items` of the session's first unit. */
  first: number;
  /** Minutes of the module's units on this day. */
  teaching: number;
  /** The module began on an earlier day: this session continues it. */
  continued: boolean;
  /** The module's planned slot (module.yml `minutes`), on the session where the module begins. */
  planned?: number;
  /** Minutes all the module's units need (on the session where the module begins). */
  needed?: number;
}

export interface AgendaDay {
  number: number;
  items: AgendaItem[];
  sessions: AgendaSession[];
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

/** A module's place in the plan (module.yml). */
export interface AgendaModule {
  id: string;
  title: string;
  starts?: 'day' | 'break';
  minutes?: number;
}

/** What the plan asked for and the agenda could not give. */
export interface AgendaProblem {
  moduleId: string;
  /** `starts`: the module could not start where planned; `minutes`: its units need more than its slot. */
  key: 'starts' | 'minutes';
  message: string;
}

export interface Agenda {
  days: AgendaDay[];
  problems: AgendaProblem[];
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

/** Compute the agenda for units in order (each module flowing on, as planned by `modules` when given). */
export function computeAgenda(units: AgendaUnit[], workshop: Workshop = DEFAULT_WORKSHOP, modules: AgendaModule[] = []): AgendaDay[] {
  return planAgenda(units, workshop, modules).days;
}

/** Compute the agenda and what of the plan it could not honour. */
export function planAgenda(units: AgendaUnit[], workshop: Workshop = DEFAULT_WORKSHOP, modules: AgendaModule[] = []): Agenda {
  const dayStart = toMinutes(workshop.day_start);
  const dayEnd = toMinutes(workshop.day_end);
  const breaks = [...workshop.breaks].sort((a, b) => toMinutes(a.at) - toMinutes(b.at));
  const plan = new Map(modules.map((m) => [m.id, m]));
  const days: AgendaDay[] = [];
  const problems: AgendaProblem[] = [];
  let day: AgendaDay | undefined;
  let session: AgendaSession | undefined;
  let t = dayStart;
  let nextBreak = 0;

  const newDay = () => {
    day = { number: days.length + 1, items: [], sessions: [], materials: [], overflow: false, teaching: 0 };
    days.push(day);
    t = dayStart;
    session = undefined;
    // A break set at or before the start of the day never opens it.
    nextBreak = breaks.filter((b) => toMinutes(b.at) <= dayStart).length;
  };
  const takeBreak = () => {
    const b = breaks[nextBreak++]!;
    day!.items.push({ kind: 'break', start: t, end: t + b.minutes, title: b.label ?? '' });
    t += b.minutes;
  };
  const hasUnits = () => day!.items.some((i) => i.kind === 'unit');

  // Breaks whose time has come. When a long unit ran over several, only the
  // latest is taken (a coffee break swallowed by lunch is not added after it).
  const takeDue = () => {
    let due = 0;
    while (nextBreak + due < breaks.length && toMinutes(breaks[nextBreak + due]!.at) <= t) due++;
    if (due === 0) return;
    nextBreak += due - 1;
    takeBreak();
  };

  // Minutes each module's units need, for its planned slot.
  const needed = new Map<string, number>();
  for (const u of units) needed.set(u.moduleId, (needed.get(u.moduleId) ?? 0) + u.duration);
  for (const m of modules) {
    const need = needed.get(m.id);
    if (m.minutes !== undefined && need !== undefined && need > m.minutes) {
      problems.push({ moduleId: m.id, key: 'minutes', message: `Module "${m.id}" needs ${need} min, ${need - m.minutes} min more than its planned slot of ${m.minutes} min` });
    }
  }

  let previousModule: string | undefined;
  for (const unit of units) {
    if (!day) newDay();
    const opens = unit.moduleId !== previousModule;
    const planned = opens ? plan.get(unit.moduleId) : undefined;
    if (opens && planned?.starts === 'day' && hasUnits()) newDay();
    takeDue();
    // `starts: break`: after the next break not yet taken (one the last unit ran over is taken at its end).
    let afterBreak: string | undefined;
    if (opens && planned?.starts === 'break' && hasUnits()) {
      if (day!.items.at(-1)?.kind !== 'break') {
        const b = breaks[nextBreak];
        if (b) {
          // The session before ends early: the break is taken at its time.
          t = Math.max(t, toMinutes(b.at));
          takeBreak();
        } else {
          problems.push({ moduleId: unit.moduleId, key: 'starts', message: `Module "${unit.moduleId}" should start after a break, but day ${day!.number} has no break left after ${toClock(t)}: it starts day ${day!.number + 1}` });
          newDay();
        }
      }
      if (hasUnits()) afterBreak = toClock(day!.items.at(-1)!.start);
    }
    // A break the unit would straddle: move it to the nearer boundary (never before the first unit).
    const b = breaks[nextBreak];
    if (b && day!.items.length > 0) {
      const at = toMinutes(b.at);
      if (at > t && at < t + unit.duration && at - t <= t + unit.duration - at) takeBreak();
    }
    if (hasUnits() && t + unit.duration > dayEnd) {
      // Drop a break just taken at the end of a day that now ends before it.
      const last = day!.items[day!.items.length - 1];
      if (last?.kind === 'break') day!.items.pop();
      if (afterBreak) {
        problems.push({ moduleId: unit.moduleId, key: 'starts', message: `Module "${unit.moduleId}" should start after the ${afterBreak} break of day ${day!.number}, but its first unit (${unit.duration} min) does not fit before day_end ${workshop.day_end}: it starts day ${day!.number + 1}` });
      }
      newDay();
    }
    const d = day!;
    if (!session || session.moduleId !== unit.moduleId) {
      const m = plan.get(unit.moduleId);
      const continued = !opens;
      session = { moduleId: unit.moduleId, title: m?.title ?? unit.moduleId, start: t, end: t, first: d.items.length, teaching: 0, continued };
      if (!continued) {
        session.needed = needed.get(unit.moduleId);
        if (m?.minutes !== undefined) session.planned = m.minutes;
      }
      d.sessions.push(session);
    }
    d.items.push({ kind: 'unit', start: t, end: t + unit.duration, title: unit.title, unitId: unit.id, moduleId: unit.moduleId });
    t += unit.duration;
    session.end = t;
    session.teaching += unit.duration;
    d.teaching += unit.duration;
    if (t > dayEnd) d.overflow = true;
    for (const m of unit.materials) if (!d.materials.includes(m)) d.materials.push(m);
    previousModule = unit.moduleId;
  }
  return { days, problems };
}
