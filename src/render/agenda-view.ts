/**
 * The agenda as templates show it: days with labels (dated with `--start`)
 * and clock times in the edition's locale. Shared by the pages and the
 * workshop pack.
 */
import type { Workshop } from '../model.js';
import type { Edition } from '../resolve/edition.js';
import { computeAgenda, type AgendaDay } from './agenda.js';
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

/** One day of the agenda, ready for the `agenda` partial. */
export interface AgendaDayView {
  number: number;
  label: string;
  overflow: boolean;
  materials: string[];
  /** The materials joined as the locale joins lists (`Intl.ListFormat`), duplicates left out; elements isolated for direction. */
  materialsList: { text: string; element: boolean; lang?: string; dir?: string }[];
  items: { start: string; end: string; title: string; isBreak: boolean; unitId?: string; lang?: string; dir?: string }[];
}

/** The workshop with every break named: a break without a label gets the edition's word for it. */
export function namedBreaks(workshop: Workshop | undefined, strings: Strings): Workshop | undefined {
  if (!workshop) return undefined;
  return { ...workshop, breaks: workshop.breaks.map((b) => (b.label === undefined ? { ...b, label: strings.break ?? 'Break', language: undefined } : b)) };
}

/** The edition's agenda, computed and formatted. */
export function agendaFor(edition: Edition, strings: Strings, start?: string): { days: AgendaDay[]; view: AgendaDayView[] } {
  const language = edition.language;
  const native = edition.numbers === 'native';
  // Titles and materials are content: typeset in their own language unless the edition turned typography off.
  const tx = (text: string, lang: string | undefined) => (edition.typography ? typesetText(text, lang ?? edition.curriculum.language) : text);
  const units = edition.modules.flatMap((m) => m.units.map((u) => ({ id: u.id, title: tx(u.title, u.language), duration: u.duration, moduleId: m.id, materials: u.materials.map((x) => tx(x, u.language)) })));
  const languageOf = new Map(edition.modules.flatMap((m) => m.units.map((u) => [u.id, u.language ?? edition.curriculum.language] as const)));
  const workshop = namedBreaks(edition.workshop ?? edition.curriculum.workshop, strings);
  const days = computeAgenda(units, workshop);
  // A break label keeps the language of the layer that wrote it (curriculum.yml's English in a Bengali edition).
  const breakLanguage = new Map((workshop?.breaks ?? []).map((b) => [b.label!, b.language ?? (edition.workshop ? undefined : edition.curriculum.language)]));
  const clock = timeFormat(language, native);
  // A material keeps the language of the first unit that lists it.
  const materialLanguage = new Map<string, string>();
  for (const m of edition.modules) for (const u of m.units) for (const x of u.materials) if (!materialLanguage.has(tx(x, u.language))) materialLanguage.set(tx(x, u.language), u.language ?? edition.curriculum.language);
  const view = days.map((d) => ({
    number: d.number,
    label: dayLabel(d.number, start, language, strings, native),
    overflow: d.overflow,
    materials: d.materials,
    materialsList: listParts(language, d.materials).map((p) => ({ text: p.value, element: p.type === 'element', ...(p.type === 'element' ? foreign(materialLanguage.get(p.value), language) : {}) })),
    items: d.items.map((i) => ({ start: clock(i.start), end: clock(i.end), title: i.title, isBreak: i.kind === 'break', unitId: i.unitId, ...foreign(i.unitId ? languageOf.get(i.unitId) : breakLanguage.get(i.title), language) })),
  }));
  return { days, view };
}
