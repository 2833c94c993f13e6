/**
 * The agenda as templates show it: days with labels (dated with `--start`)
 * and clock times in the edition's locale. Shared by the pages and the
 * workshop pack.
 */
import type { Edition } from '../resolve/edition.js';
import { computeAgenda, toClock, type AgendaDay } from './agenda.js';
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

/** One day of the agenda, ready for the `agenda` partial. */
export interface AgendaDayView {
  number: number;
  label: string;
  overflow: boolean;
  materials: string[];
  items: { start: string; end: string; title: string; isBreak: boolean; unitId?: string }[];
}

/** The edition's agenda, computed and formatted. */
export function agendaFor(edition: Edition, strings: Strings, start?: string): { days: AgendaDay[]; view: AgendaDayView[] } {
  const units = edition.modules.flatMap((m) => m.units.map((u) => ({ id: u.id, title: u.title, duration: u.duration, moduleId: m.id, materials: u.materials })));
  const days = computeAgenda(units, edition.curriculum.workshop);
  const clock = clockFormat(edition.language);
  const view = days.map((d) => ({
    number: d.number,
    label: dayLabel(d.number, start, edition.language, strings),
    overflow: d.overflow,
    materials: d.materials,
    items: d.items.map((i) => ({ start: clock(i.start), end: clock(i.end), title: i.title, isBreak: i.kind === 'break', unitId: i.unitId })),
  }));
  return { days, view };
}
