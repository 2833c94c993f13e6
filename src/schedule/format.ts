/**
 * The schedule report for people: plain text for a terminal, Markdown for a
 * pull-request comment, and the comparison of two reports (the base branch's
 * and the pull request's) that says which sessions' times changed.
 */
import type { ScheduleDay, ScheduleReport, ScheduleSession } from './index.js';

/** "6 h 30 min", "45 min". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "195 min in a 180-min slot (+15)" / "120 min". */
function planned(s: ScheduleSession): string {
  if (s.needed === undefined) return `${s.minutes} min${s.continued ? ' (continued)' : ''}`;
  const spread = s.minutes !== s.needed ? ` (${s.minutes} min this day)` : '';
  if (s.slot === undefined) return `${s.needed} min${spread}`;
  const over = s.overrun ? `, ${s.overrun} min over` : '';
  return `${s.needed} of ${s.slot} min${over}${spread}`;
}

const dayTitle = (d: ScheduleDay) => `Day ${d.day}, ${d.start}–${d.end}: ${duration(d.teaching)} of teaching${d.overflow ? ' (runs past day_end)' : ''}`;

/** Plain text, one line a session. */
export function scheduleText(r: ScheduleReport): string {
  const lines = [`${r.title} (edition ${r.edition}): ${r.days.length} day${r.days.length === 1 ? '' : 's'}, ${duration(r.teaching)} of teaching`];
  for (const d of r.days) {
    lines.push('', dayTitle(d));
    for (const s of d.sessions) lines.push(`  ${s.start}–${s.end}  ${s.title} [${s.module}]  ${planned(s)}${s.overrun ? '  ⚠' : ''}`);
  }
  if (r.problems.length) {
    lines.push('', 'Warnings:');
    for (const p of r.problems) lines.push(`  ${p.file}:${p.line}:${p.column} ${p.message}`);
  }
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown: a table a day, the warnings, and with `against` the sessions whose time changed first. */
export function scheduleMarkdown(r: ScheduleReport, against?: ScheduleReport): string {
  const out = [`### Schedule: ${cell(r.title)} (edition \`${r.edition}\`)`, '', `${r.days.length} day${r.days.length === 1 ? '' : 's'}, ${duration(r.teaching)} of teaching.`];
  if (against) out.push('', ...changesMarkdown(against, r));
  for (const d of r.days) {
    out.push('', `**${dayTitle(d)}**`, '', '| Time | Session | Needed / slot |', '|---|---|---|');
    for (const s of d.sessions) out.push(`| ${s.start}–${s.end} | ${cell(s.title)} | ${planned(s)}${s.overrun ? ' ⚠️' : ''} |`);
  }
  if (r.problems.length) {
    out.push('', '**Warnings**', '');
    for (const p of r.problems) out.push(`- \`${p.file}:${p.line}:${p.column}\` ${cell(p.message)}`);
  }
  return out.join('\n');
}

/** A session's place: "day 1, 09:00–12:15". */
const place = (d: number, s: ScheduleSession) => `day ${d}, ${s.start}–${s.end}`;

/** The sessions whose day or times changed between two reports, as Markdown lines. */
export function changesMarkdown(before: ScheduleReport, after: ScheduleReport): string[] {
  const key = (s: ScheduleSession) => `${s.module}#${s.continued ? 'c' : 'o'}`;
  const index = (r: ScheduleReport) => {
    const m = new Map<string, { day: number; s: ScheduleSession }[]>();
    for (const d of r.days) for (const s of d.sessions) m.set(key(s), [...(m.get(key(s)) ?? []), { day: d.day, s }]);
    return m;
  };
  const a = index(before);
  const b = index(after);
  const rows: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(k) ?? [];
    const now = b.get(k) ?? [];
    const text = (list: { day: number; s: ScheduleSession }[]) => list.map((x) => place(x.day, x.s)).join('; ') || '—';
    const need = (list: { s: ScheduleSession }[]) => list.find((x) => x.s.needed !== undefined)?.s.needed;
    if (text(was) === text(now) && need(was) === need(now)) continue;
    const title = (now[0] ?? was[0])!.s.title;
    const needs = need(was) !== need(now) ? ` (needs ${need(was) ?? '—'} → ${need(now) ?? '—'} min)` : '';
    rows.push(`| ${cell(title)}${k.endsWith('#c') ? ' (continued)' : ''} | ${text(was)} | ${text(now)}${needs} |`);
  }
  if (rows.length === 0) return ['No session changed its day or times.'];
  return [`**${rows.length} session${rows.length === 1 ? '' : 's'} changed**`, '', '| Session | Before | After |', '|---|---|---|', ...rows];
}
