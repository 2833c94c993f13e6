/**
 * The workshop itself, as covers and pack documents show it: its dates
 * (from `--start` and the agenda's days, in the edition's language), venue,
 * organisation and facilitators (`--venue`, `--organisation`,
 * `--facilitators`). Every field is optional; an empty one is left out.
 */

/** What the flags say about the workshop. */
export interface WorkshopEvent {
  venue?: string;
  organisation?: string;
  /** Facilitators' names. */
  facilitators?: string[];
}

/** The event as templates read it. */
export interface EventView {
  dates?: string;
  venue?: string;
  organisation?: string;
  facilitators?: string;
  /** Anything to show at all. */
  any: boolean;
}

/** The dates of a workshop of `days` days from `start` (YYYY-MM-DD), as one range: "4–6 May 2026". */
export function dateRange(start: string | undefined, days: number, language: string): string | undefined {
  if (!start) return undefined;
  const first = new Date(`${start}T00:00:00Z`);
  const last = new Date(first);
  last.setUTCDate(last.getUTCDate() + Math.max(1, days) - 1);
  const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return days > 1 ? format.formatRange(first, last) : format.format(first);
}

/** The event view of an edition: `days` is the agenda's day count. */
export function eventView(event: WorkshopEvent | undefined, start: string | undefined, days: number, language: string): EventView {
  const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const view = {
    dates: dateRange(start, days, language),
    venue: clean(event?.venue),
    organisation: clean(event?.organisation),
    facilitators: event?.facilitators?.map((f) => f.trim()).filter(Boolean).join(', ') || undefined,
  };
  return { ...view, any: Object.values(view).some(Boolean) };
}
