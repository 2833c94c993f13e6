/**
 * The agenda as templates show it: days with labels (dated with `--start`)
 * and clock times in the edition's locale. Shared by the pages and the
 * workshop pack.
 */
import type { Workshop } from '../model.js';
import type { Edition } from '../resolve/edition.js';
import { planAgenda, type AgendaDay, type AgendaModule, type AgendaProblem, type AgendaUnit } from './agenda.js';
import { foreignAttrs as foreign, formatDate, formatNumber, listParts, timeFormat } from './locale.js';
import type { Strings } from './templates.js';
import { typesetText } from './typography.js';

/** Clock times in the edition's locale (`Intl`, `timeStyle: short`): 9:00 AM, 09:00, ٩:٠٠ ص … */
export function clockFormat(language: string, native = false): (minutes: number) => string {
  return timeFormat(language, native);
}

/** "Day 2", or with a start date "Day 2 — Tuesday 5 May 2026" in the edition's language. */
export function dayLabel(n: number, start: string | undefined, language: string, strings: Strings, native = false): string {
  const number = formatNumber(language, n, native);
  const label = strings.day_n ? strings.day_n.replace('{n}', number) : `${strings.day} ${number}`;
  if (!start) return label;
  return `${label} — ${formatDate(language, start, n - 1, native)}`;
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
  /** Set when the title is in another language than the page's. */
  lang?: string;
  dir?: string;
}

/** One day of the agenda, ready for the `agenda` partial. */
export interface AgendaDayView {
  number: number;
  label: string;
  overflow: boolean;
  materials: string[];
  /** Minutes of teaching in the day. */
  teaching: number;
  /** The materials joined as the locale joins lists (`Intl.ListFormat`), duplicates left out; elements isolated for direction. */
  materialsList: { text: string; element: boolean; lang?: string; dir?: string }[];
  items: AgendaRowView[];
}

/** The workshop with every break named: a break without a label gets the edition's word for it. */
export function namedBreaks(workshop: Workshop | undefined, strings: Strings): Workshop | undefined {
  if (!workshop) return undefined;
  return { ...workshop, breaks: workshop.breaks.map((b) => (b.label === undefined ? { ...b, label: strings.break ?? 'Break', language: undefined } : b)) };
}

/**
 * The edition's units and modules as the agenda plans them (the pages, the
 * pack, `check` and `trainpack schedule` all start here); `text` typesets
 * titles and materials for the pages.
 */
export function agendaInput(edition: Edition, text: (s: string, lang: string | undefined) => string = (s) => s): { units: AgendaUnit[]; modules: AgendaModule[] } {
  return {
    units: edition.modules.flatMap((m) => m.units.map((u) => ({ id: u.id, title: text(u.title, u.language), duration: u.duration, moduleId: m.id, materials: u.materials.map((x) => text(x, u.language)) }))),
    modules: edition.modules.map((m) => ({ id: m.id, title: text(m.title, m.language), starts: m.starts, minutes: m.minutes })),
  };
}

/** The edition's workshop day: its overlays' `workshop:` over the curriculum's, breaks named. */
export function editionWorkshop(edition: Edition, strings?: Strings): Workshop | undefined {
  const workshop = edition.workshop ?? edition.curriculum.workshop;
  return strings ? namedBreaks(workshop, strings) : workshop;
}

/** The edition's agenda, computed and formatted. */
export function agendaFor(edition: Edition, strings: Strings, start?: string): { days: AgendaDay[]; view: AgendaDayView[]; problems: AgendaProblem[] } {
  const language = edition.language;
  const native = edition.numbers === 'native';
  // Titles and materials are content: typeset in their own language unless the edition turned typography off.
  const tx = (text: string, lang: string | undefined) => (edition.typography ? typesetText(text, lang ?? edition.curriculum.language) : text);
  const { units, modules } = agendaInput(edition, tx);
  const languageOf = new Map(edition.modules.flatMap((m) => m.units.map((u) => [u.id, u.language ?? edition.curriculum.language] as const)));
  const moduleLanguage = new Map(edition.modules.map((m) => [m.id, m.language ?? edition.curriculum.language] as const));
  const workshop = editionWorkshop(edition, strings);
  const { days, problems } = planAgenda(units, workshop, modules);
  // A break label keeps the language of the layer that wrote it (curriculum.yml's English in a Bengali edition).
  const breakLanguage = new Map((workshop?.breaks ?? []).map((b) => [b.label!, b.language]));
  const clock = timeFormat(language, native);
  // A material keeps the language of the first unit that lists it.
  const materialLanguage = new Map<string, string>();
  for (const m of edition.modules) for (const u of m.units) for (const x of u.materials) if (!materialLanguage.has(tx(x, u.language))) materialLanguage.set(tx(x, u.language), u.language ?? edition.curriculum.language);
  const view = days.map((d) => {
    const items: AgendaRowView[] = [];
    d.items.forEach((i, n) => {
      const s = d.sessions.find((x) => x.first === n);
      if (s) {
        const overrun = s.planned !== undefined && s.needed !== undefined && s.needed > s.planned ? s.needed - s.planned : undefined;
        items.push({ start: clock(s.start), end: clock(s.end), title: s.title, isBreak: false, isSession: true, continued: s.continued, planned: s.planned, needed: s.needed, overrun, ...foreign(moduleLanguage.get(s.moduleId), language) });
      }
      items.push({ start: clock(i.start), end: clock(i.end), title: i.title, isBreak: i.kind === 'break', isSession: false, unitId: i.unitId, ...foreign(i.unitId ? languageOf.get(i.unitId) : breakLanguage.get(i.title), language) });
    });
    return {
      number: d.number,
      label: dayLabel(d.number, start, language, strings, native),
      overflow: d.overflow,
      materials: d.materials,
      teaching: d.teaching,
      materialsList: listParts(language, d.materials).map((p) => ({ text: p.value, element: p.type === 'element', ...(p.type === 'element' ? foreign(materialLanguage.get(p.value), language) : {}) })),
      items,
    };
  });
  return { days, view, problems };
}
