/** `trainpack pack`: a workshop pack (folder and zip) for one edition. */
import path from 'node:path';
import type { Command } from 'commander';
import { pack } from '../pack/index.js';
import { isoDate, list, paperSize, positiveInt } from './build.js';
import { EXIT, printDiagnostics, type Output } from './report.js';

interface PackFlags {
  overlay?: string;
  participants: number;
  facilitators: number;
  days?: number;
  start?: string;
  out: string;
  modules?: string[];
  units?: string[];
  browser?: string;
  paper: 'a4' | 'letter';
  json?: boolean;
}

export function registerPack(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('pack')
    .description('Everything to run one workshop: HTML and PDFs, role cards, agenda, attendance sheet, pre/post test, print list, manifest, zip')
    .argument('[dir]', 'curriculum folder', '.')
    .option('--overlay <id>', 'the edition (default: the base)')
    .requiredOption('--participants <n>', 'number of participants', positiveInt)
    .option('--facilitators <n>', 'number of facilitators', positiveInt, 2)
    .option('--days <n>', 'days the workshop has', positiveInt)
    .option('--start <date>', 'first day, YYYY-MM-DD', isoDate)
    .option('--modules <ids>', 'only these modules', list)
    .option('--units <ids>', 'only these units, besides --modules', list)
    .option('-o, --out <dir>', 'folder for <name>/ and <name>.zip', 'packs')
    .option('--browser <path>', 'Chromium or Chrome to print with')
    .option('--paper <size>', 'a4 or letter', paperSize, 'a4')
    .option('--json', 'print the result as JSON on stdout (on failure too: ok false, with the diagnostics)')
    .addHelpText('after', '\nExample:\n  trainpack pack . --overlay sn --participants 24 --days 3 --start 2026-05-04 --out packs')
    .action(async (dir: string, flags: PackFlags) => {
      const { json, ...options } = flags;
      const r = await pack({ dir, ...options });
      printDiagnostics(r.diagnostics, io);
      if (json) io.out(JSON.stringify({ ok: true, ...r }, null, 2));
      else io.err(`✔ ${path.relative(process.cwd(), r.folder)}/ (${r.files.length} files) and ${path.relative(process.cwd(), r.zip)}`);
      setCode(EXIT.ok);
    });
}
