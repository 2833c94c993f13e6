/**
 * The schedule report (`trainpack schedule`, issue 21): the agenda of one
 * edition as data, per day and per session (module), with each module's
 * planned slot against the minutes its units need. It needs only load and
 * resolve (unit front matter), never a parse, so it runs in a fraction of a
 * second on a pull request.
 *
 * The report is the agenda the pages show: both come from
 * `render/agenda.ts` through `agendaInput()`.
 */
import { Diagnostics } from '../errors.js';
import { loadCurriculum } from '../load/curriculum.js';
import { readYamlFile } from '../load/files.js';
import { resolveEditions } from '../resolve/overlays.js';
import { selectEdition } from '../resolve/select.js';
import { agendaInput, editionWorkshop } from '../render/agenda-view.js';
import { Templates } from '../render/templates.js';
import { DEFAULT_WORKSHOP, planAgenda, toClock } from '../render/agenda.js';

/** Options of {@link schedule}. */
export interface ScheduleOptions {
  /** Curriculum folder. */
  dir: string;
  /** The overlay edition to plan (default: the base). */
  overlay?: string;
  /** Module ids the workshop covers (default all). */
  modules?: string[];
  /** Unit ids the workshop covers besides whole modules (default all). */
  units?: string[];
}

/** A unit in the schedule, times as 24-hour "HH:MM". */
export interface ScheduleUnit {
  id: string;
  title: string;
  start: string;
  end: string;
  minutes: number;
}

/** One module's session on one day. */
export interface ScheduleSession {
  module: string;
  title: string;
  start: string;
  end: string;
  /** Minutes of the module's units on this day. */
  minutes: number;
  /** The module began on an earlier day. */
  continued: boolean;
  /** module.yml `starts`. */
  starts?: 'day' | 'break';
  /** The planned slot (module.yml `minutes`), on the session where the module begins. */
  slot?: number;
  /** Minutes all the module's units need, on the session where the module begins. */
  needed?: number;
  /** Minutes needed beyond the slot. */
  overrun?: number;
  units: ScheduleUnit[];
}

export interface ScheduleBreak {
  title: string;
  start: string;
  end: string;
}

export interface ScheduleDay {
  day: number;
  start: string;
  end: string;
  /** Minutes of teaching. */
  teaching: number;
  /** The day runs past `day_end`. */
  overflow: boolean;
  sessions: ScheduleSession[];
  breaks: ScheduleBreak[];
}

/** A plan the agenda could not honour, with the module.yml key to change. */
export interface ScheduleProblem {
  module: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/** What `trainpack schedule --format json` prints. */
export interface ScheduleReport {
  edition: string;
  title: string;
  language: string;
  workshop: { day_start: string; day_end: string; breaks: { at: string; minutes: number; label: string }[] };
  days: ScheduleDay[];
  /** Minutes of teaching over all days. */
  teaching: number;
  problems: ScheduleProblem[];
}

/** Load and resolve one edition, and lay out its agenda as a report. Throws TrainpackError on errors. */
export async function schedule(options: ScheduleOptions): Promise<ScheduleReport> {
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(options.dir, diags, { strict: false });
  const overlays = options.overlay ? [options.overlay] : [];
  const [resolved] = await resolveEditions(curriculum, { overlays, all: false }, diags);
  diags.throwIfErrors();
  const edition = selectEdition(resolved!, { modules: options.modules, units: options.units }, diags);
  diags.throwIfErrors();
  // Breaks without a label are named in the edition's language, as the pages name them.
  const { strings } = new Templates(edition.templateDirs).strings(edition.language, edition.stringOverrides);
  const workshop = editionWorkshop(edition, strings) ?? DEFAULT_WORKSHOP;
  const { units, modules } = agendaInput(edition);
  const plan = planAgenda(units, workshop, modules);
  const byModule = new Map(edition.modules.map((m) => [m.id, m]));
  const durations = new Map(units.map((u) => [u.id, u.duration]));

  const days: ScheduleDay[] = plan.days.map((d) => {
    const sessions = d.sessions.map((s, i): ScheduleSession => {
      const last = d.sessions[i + 1]?.first ?? d.items.length;
      const own = d.items.slice(s.first, last).filter((item) => item.kind === 'unit');
      const overrun = s.planned !== undefined && s.needed !== undefined && s.needed > s.planned ? s.needed - s.planned : undefined;
      return {
        module: s.moduleId,
        title: s.title,
        start: toClock(s.start),
        end: toClock(s.end),
        minutes: s.teaching,
        continued: s.continued,
        ...(byModule.get(s.moduleId)?.starts ? { starts: byModule.get(s.moduleId)!.starts } : {}),
        ...(s.planned !== undefined ? { slot: s.planned } : {}),
        ...(s.needed !== undefined ? { needed: s.needed } : {}),
        ...(overrun !== undefined ? { overrun } : {}),
        units: own.map((u) => ({ id: u.unitId!, title: u.title, start: toClock(u.start), end: toClock(u.end), minutes: durations.get(u.unitId!) ?? u.end - u.start })),
      };
    });
    const breaks = d.items.filter((i) => i.kind === 'break').map((b) => ({ title: b.title, start: toClock(b.start), end: toClock(b.end) }));
    return { day: d.number, start: toClock(d.items[0]?.start ?? 0), end: toClock(Math.max(...d.items.map((i) => i.end))), teaching: d.teaching, overflow: d.overflow, sessions, breaks };
  });

  const problems: ScheduleProblem[] = [];
  for (const p of plan.problems) {
    const module = byModule.get(p.moduleId)!;
    const yaml = await readYamlFile(module.source.path, module.source.rel, new Diagnostics());
    const at = yaml ? yaml.locateKey([p.key]) : { line: 1, column: 1 };
    problems.push({ module: p.moduleId, message: p.message, file: module.source.rel, ...at });
  }
  return {
    edition: edition.id,
    title: edition.title,
    language: edition.language,
    workshop: { day_start: workshop.day_start, day_end: workshop.day_end, breaks: workshop.breaks.map((b) => ({ at: b.at, minutes: b.minutes, label: b.label ?? '' })) },
    days,
    teaching: days.reduce((n, d) => n + d.teaching, 0),
    problems,
  };
}
