/** `trainpack check`: the CLI face of check() (issue 6). */
import { performance } from 'node:perf_hooks';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { check } from '../check/index.js';
import { EXIT, printDiagnostics, type Output } from './report.js';

export interface CheckFlags {
  overlay: string[];
  all?: boolean;
  json?: boolean;
  /** Deprecated spelling of --json (`--format json`); hidden from help. */
  format?: 'text' | 'json';
  strict?: boolean;
  cache: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerCheck(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('check')
    .description('Report every problem of a curriculum in one run, without building it')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .addOption(new Option('--overlay <id>', 'check this overlay edition (repeatable)').argParser((v: string, prev: string[]) => [...prev, v]).default([] as string[], 'none: the base edition'))
    .option('--all', 'check the base edition and every overlay')
    .option('--json', 'print the result as JSON on stdout (file:line:col lines on stderr otherwise)')
    .addOption(
      new Option('--format <format>', 'deprecated: --format json is --json')
        .argParser((v: string) => {
          if (v !== 'text' && v !== 'json') throw new InvalidArgumentError('use --json');
          return v;
        })
        .hideHelp(),
    )
    .option('--strict', 'exit 1 on warnings too')
    .option('--no-cache', 'do not read or write the persistent cache (.trainpack-cache/ in the curriculum)')
    .addHelpText(
      'after',
      `
Examples:
  trainpack check curricula/reintegration          the base edition
  trainpack check . --all --strict                 every edition; warnings fail too (CI)
  trainpack check . --json > report.json           machine-readable

Exit code: 1 when an error is found (or a warning, with --strict), 2 for a usage error, else 0.
Each problem: path:line:col severity message [rule], then a hint.`,
    )
    .action(async (dir: string, flags: CheckFlags) => {
      const started = performance.now();
      const result = await check({ dir, overlays: flags.overlay, all: flags.all, persistentCache: flags.cache });
      const failed = result.errors > 0 || (flags.strict === true && result.warnings > 0);
      if (flags.json || flags.format === 'json') {
        io.out(JSON.stringify({ ok: !failed, ...result }, null, 2));
      } else {
        printDiagnostics(result.diagnostics, io);
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        const where = result.editions.join(', ') || 'nothing checked';
        if (result.diagnostics.length === 0) io.err(`✔ No problems (${where}; ${seconds} s)`);
        else io.err(`${failed ? '✖' : '⚠'} ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} (${where}; ${seconds} s)`);
      }
      setCode(failed ? EXIT.problems : EXIT.ok);
    });
}
