/**
 * The agenda as templates show it: days with labels (dated with `--start`)
 * and clock times in the edition's locale. Shared by the pages and the
 * workshop pack.
 */
import type { Edition } from '../resolve/edition.js';
import { planAgenda, toClock, type AgendaDay, type AgendaModule, type AgendaProblem, type AgendaUnit } from './agenda.js';
import type { Strings } from './templates.js';

/** Clock times in the edition's locale (`Intl`): 09:00, 9:00 AM, ٠٩:٠٠ … */
export function clockFormat(language: string): (minutes: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  } catch {
    return toClock;
  }
  return (minutes) => format.format(new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60), minutes % 60)));
}

/** "Day 2", or with a start date "Day 2 — Tuesday 5 May 2026" in the edition's language. */
export function dayLabel(n: number, start: string | undefined, language: string, strings: Strings): string {
  const label = `${strings.day} ${n}`;
  if (!start) return label;
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n - 1);
  const text = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return `${label} — ${text}`;
}

/** One row of a day's table: a session heading (the module), a unit or a break. */
export interface AgendaRowView {
  start: string;
  end: string;
  title: string;
  isBreak: boolean;
  isSession: boolean;
  unitId?: string;
  /** Session rows: the module continues from an earlier day. */
  continued?: boolean;
  /** Session rows where the module begins: its planned slot and needed minutes. */
  planned?: number;
  needed?: number;
  /** Minutes the module needs beyond its slot. */
  overrun?: number;
}

/** One day of the agenda, ready for the `agenda` partial. */
export interface AgendaDayView {
  number: number;
  label: string;
  overflow: boolean;
  materials: string[];
  /** Minutes of teaching in the day. */
  teaching: number;
  items: AgendaRowView[];
}

/** The edition's units and modules as the agenda plans them. */
export function agendaInput(edition: Edition): { units: AgendaUnit[]; modules: AgendaModule[] } {
  return {
    units: edition.modules.flatMap((m) => m.units.map((u) => ({ id: u.id, title: u.title, duration: u.duration, moduleId: m.id, materials: u.materials }))),
    modules: edition.modules.map((m) => ({ id: m.id, title: m.title, starts: m.starts, minutes: m.minutes })),
  };
}

/** The edition's agenda, computed and formatted. */
export function agendaFor(edition: Edition, strings: Strings, start?: string): { days: AgendaDay[]; view: AgendaDayView[]; problems: AgendaProblem[] } {
  const { units, modules } = agendaInput(edition);
  const { days, problems } = planAgenda(units, edition.curriculum.workshop, modules);
  const clock = clockFormat(edition.language);
  const view = days.map((d) => {
    const items: AgendaRowView[] = [];
    d.items.forEach((i, n) => {
      const s = d.sessions.find((x) => x.first === n);
      if (s) {
        const overrun = s.planned !== undefined && s.needed !== undefined && s.needed > s.planned ? s.needed - s.planned : undefined;
        items.push({ start: clock(s.start), end: clock(s.end), title: s.title, isBreak: false, isSession: true, continued: s.continued, planned: s.planned, needed: s.needed, overrun });
      }
      items.push({ start: clock(i.start), end: clock(i.end), title: i.title, isBreak: i.kind === 'break', isSession: false, unitId: i.unitId });
    });
    return { number: d.number, label: dayLabel(d.number, start, edition.language, strings), overflow: d.overflow, materials: d.materials, teaching: d.teaching, items };
  });
  return { days, view, problems };
}
