/** `trainpack schedule`: the agenda as a report for authors and CI (issue 21). */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { list } from './build.js';
import type { Output } from './report.js';

export interface ScheduleFlags {
  overlay?: string;
  format: 'text' | 'markdown' | 'json';
  against?: string;
  modules?: string[];
  units?: string[];
  strict?: boolean;
}

const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerSchedule(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('schedule')
    .description('Print the workshop plan per day and session: slots, needed minutes and overruns')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .option('--overlay <id>', 'plan this overlay edition instead of the base')
    .option('--format <format>', 'text, markdown (a pull-request comment) or json', (v: string) => {
      if (!(FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`use ${FORMATS.join(', ')}`);
      return v;
    }, 'text')
    .option('--against <file>', 'a schedule saved with --format json (e.g. the base branch\'s): list the sessions whose time changed')
    .option('--modules <ids>', 'only these modules (comma-separated ids)', list)
    .option('--units <ids>', 'only these units, besides --modules (comma-separated ids)', list)
    .option('--strict', 'exit 1 when a module overruns its slot or cannot start where planned')
    .addHelpText(
      'after',
      `
Examples:
  trainpack schedule curricula/reintegration               the base edition's plan
  trainpack schedule . --overlay sn --format json          as data
  trainpack schedule . --format markdown --against base.json   for a pull request

Warnings (file:line:col) go to stderr; the report to stdout.`,
    )
    .action(async (dir: string, flags: ScheduleFlags) => {
      const { schedule } = await import('../schedule/index.js');
      const { scheduleMarkdown, scheduleText } = await import('../schedule/format.js');
      const report = await schedule({ dir, overlay: flags.overlay, modules: flags.modules, units: flags.units });
      let against;
      if (flags.against) {
        try {
          against = JSON.parse(await readFile(flags.against, 'utf8'));
        } catch (err) {
          throw new InvalidArgumentError(`--against ${flags.against}: not a schedule saved with --format json (${(err as Error).message})`);
        }
      }
      if (flags.format === 'json') io.out(JSON.stringify(report, null, 2));
      else if (flags.format === 'markdown') io.out(scheduleMarkdown(report, against));
      else io.out(scheduleText(report));
      if (flags.format !== 'text') for (const p of report.problems) io.err(`${p.file}:${p.line}:${p.column} warning ${p.message}`);
      setCode(flags.strict && report.problems.length > 0 ? 1 : 0);
    });
}
