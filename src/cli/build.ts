/** `trainpack build`: the CLI face of build(). */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { BuildResult, Format } from '../api.js';
import { snapshotInputs, unchangedResult } from '../emit/unchanged.js';
import { progressLine } from './progress.js';
import { EXIT, printDiagnostics, type Output } from './report.js';

export interface BuildFlags {
  out: string;
  format: Format[];
  overlay: string[];
  all?: boolean;
  browser?: string;
  paper: 'a4' | 'letter';
  notes?: boolean;
  quiet?: boolean;
  cache: boolean;
  shard?: { index: number; count: number };
  modules?: string[];
  units?: string[];
  days?: number;
  start?: string;
  venue?: string;
  organisation?: string;
  facilitators?: string[];
  json?: boolean;
}

export function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known: Format[] = ['html', 'pdf', 'pptx', 'docx'];
  for (const f of formats) if (!known.includes(f as Format)) throw new InvalidArgumentError(`Unknown format "${f}": use a comma-separated list of html, pdf, pptx, docx`);
  // PDF and Office files are made from the HTML, so asking for any of them builds HTML as well.
  return known.filter((f) => f === 'html' || formats.includes(f));
}

/** `a,b , c` -> ['a','b','c']. */
export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of days (1 or more)');
  return n;
}

/** `2/3` -> { index: 2, count: 3 }. */
export function shard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, such as 2/3');
  return { index, count };
}

export function paperSize(value: string): 'a4' | 'letter' {
  if (value !== 'a4' && value !== 'letter') throw new InvalidArgumentError('use a4 or letter');
  return value;
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

export function registerBuild(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('build')
    .description('Build the facilitator guide, participant handout and slide decks of a curriculum')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .option('-o, --out <dir>', 'output folder; each edition goes to <out>/<edition>/', 'out')
    .addOption(new Option('-f, --format <list>', 'comma-separated: html, pdf, pptx, docx (PDF needs Chromium)').argParser(parseFormats).default(['html'] as Format[], 'html'))
    .addOption(new Option('--overlay <id>', 'build this overlay edition (repeatable)').argParser((v: string, prev: string[]) => [...prev, v]).default([] as string[], 'none: the base edition'))
    .option('--all', 'build the base edition and every overlay')
    .option('--browser <path>', 'Chromium or Chrome to print PDFs with')
    .option('--paper <size>', 'paper for guide and handout PDFs: a4 or letter', paperSize, 'a4')
    .option('--notes', 'slide PDFs with the speaker notes below each slide')
    .option('--modules <ids>', 'only these modules (comma-separated ids)', list)
    .option('--units <ids>', 'only these units, besides --modules (comma-separated ids)', list)
    .option('--days <n>', 'days the workshop has (warns when the agenda needs more)', positiveInt)
    .option('--start <date>', 'first workshop day, YYYY-MM-DD: dated days in the agenda', isoDate)
    .option('--venue <text>', 'where the workshop takes place (covers, agenda, attendance sheet)')
    .option('--organisation <text>', 'who runs the workshop (covers, agenda, attendance sheet)')
    .option('--facilitators <names>', "facilitators' names, comma-separated (agenda, attendance sheet)", list)
    .option('--shard <i/n>', 'build only share i of n of the editions (CI matrix; see README)', shard)
    .option('--no-cache', 'do not read or write the persistent cache (.trainpack-cache/ in the curriculum)')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--json', 'print the result as JSON on stdout (on failure too: ok false, with the diagnostics)')
    .addHelpText(
      'after',
      `
Examples:
  trainpack build curricula/reintegration              HTML into ./out/base/
  trainpack build . --format html,pdf --out dist       HTML and PDF
  trainpack build . --overlay sn                       the Senegal edition only
  trainpack build . --all                              every edition

Outputs (per edition): index.html, facilitator-guide.html, participant-handout.html,
slides/<module>.html, and with --format pdf the same as PDF.`,
    )
    .action(async (dir: string, flags: BuildFlags) => {
      const started = performance.now();
      // What changes the outputs: the signatures of "nothing changed" cover these, and the build gets them.
      const options = {
        formats: flags.format,
        overlays: flags.overlay,
        all: flags.all,
        browser: flags.browser,
        paper: flags.paper,
        notes: flags.notes,
        modules: flags.modules,
        units: flags.units,
        days: flags.days,
        start: flags.start,
        event: { venue: flags.venue, organisation: flags.organisation, facilitators: flags.facilitators },
        shard: flags.shard,
      };
      // Nothing changed since the last build (emit/unchanged.ts)? Then say so without loading the pipeline.
      const inputs = flags.cache ? snapshotInputs(dir, flags.out, options) : undefined;
      const again = inputs && (await unchangedResult<BuildResult>(inputs));
      if (again) {
        report(unchangedAgain(again, performance.now() - started), flags, io, true);
        setCode(EXIT.ok);
        return;
      }
      const { build } = await import('../api.js');
      const progress = progressLine(io, !flags.quiet && !flags.json);
      const result = await build({ dir, out: flags.out, ...options, persistentCache: flags.cache, onProgress: progress.onProgress, inputs }).finally(() => progress.done());
      report(result, flags, io, false);
      setCode(EXIT.ok);
    });
}

/** The last build's result, as this run reports it: every file kept, nothing parsed or printed. */
function unchangedAgain(last: BuildResult, ms: number): BuildResult {
  return {
    ...last,
    ms,
    editions: last.editions.map((e) => ({ ...e, kept: e.files.filter((f) => f.endsWith('.html')).sort(), spliced: [] })),
    cache: { parsed: 0, reused: 0, markdown: 0 },
    pdf: last.pdf && { ...last.pdf, launchMs: 0, pages: 0, files: 0, ms: 0, kept: last.pdf.files + last.pdf.kept },
  };
}

/** Warnings, then the result: as JSON, or a line per edition and a summary. */
function report(result: BuildResult, flags: BuildFlags, io: Output, unchanged: boolean): void {
  printDiagnostics(result.diagnostics, io);
  if (flags.json) {
    io.out(JSON.stringify({ ok: true, ...(unchanged ? { unchanged: true } : {}), ...result }, null, 2));
    return;
  }
  if (flags.quiet) return;
  for (const e of result.editions) {
    const kept = unchanged
      ? ' (nothing changed since the last build)'
      : e.kept.length
        ? ` (${e.kept.length} HTML page${e.kept.length === 1 ? '' : 's'} unchanged${e.spliced.length ? `, ${e.spliced.length} updated in place` : ''})`
        : '';
    io.err(`✔ ${e.id}: ${e.units} units, ${e.slides} slides, ${e.files.length} files${kept} -> ${path.relative(process.cwd(), e.dir) || '.'}`);
  }
  const w = result.diagnostics.length;
  const warnings = w ? `, ${w} warning${w === 1 ? '' : 's'}` : '';
  if (unchanged) {
    io.err(`  checked in ${(result.ms / 1000).toFixed(2)} s: every input and output as the last build left them${warnings}`);
    return;
  }
  const c = result.cache ? `; ${result.cache.parsed} units parsed, ${result.cache.reused} from cache` : '';
  io.err(`  built in ${(result.ms / 1000).toFixed(2)} s${c}${warnings}${result.pdf ? `; PDF: ${result.pdf.pages} pages printed in ${(result.pdf.ms / 1000).toFixed(2)} s${result.pdf.kept ? `, ${result.pdf.kept} PDF${result.pdf.kept === 1 ? '' : 's'} unchanged` : ''}` : ''}`);
}
