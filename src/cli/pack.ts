/** `trainpack pack`: a workshop pack (folder and zip) for one edition. */
import path from 'node:path';
import type { Command } from 'commander';
import { pack } from '../pack/index.js';
import { InvalidArgumentError } from 'commander';
import { isoDate, list, paperSize, positiveInt } from './build.js';
import { EXIT, printDiagnostics, type Output } from './report.js';

interface PackFlags {
  overlay?: string;
  participants: number;
  facilitators: number | string[];
  days?: number;
  start?: string;
  venue?: string;
  organisation?: string;
  out: string;
  modules?: string[];
  units?: string[];
  browser?: string;
  paper: 'a4' | 'letter';
  json?: boolean;
  format?: ('pptx' | 'docx')[];
}

/** `--format pptx,docx`: the Office files a pack may add (HTML and PDF are always there). */
function officeFormats(value: string): ('pptx' | 'docx')[] {
  const formats = value.split(',').map((s) => s.trim()).filter((s) => s && s !== 'html' && s !== 'pdf');
  for (const f of formats) if (f !== 'pptx' && f !== 'docx') throw new InvalidArgumentError(`Unknown format "${f}": a pack takes pptx, docx or pptx,docx`);
  return formats as ('pptx' | 'docx')[];
}

export function registerPack(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('pack')
    .description('Everything to run one workshop: HTML and PDFs, role cards, agenda, attendance sheet, pre/post test, print list, manifest, zip')
    .argument('[dir]', 'curriculum folder', '.')
    .option('--overlay <id>', 'the edition (default: the base)')
    .requiredOption('--participants <n>', 'number of participants', positiveInt)
    .option('--facilitators <n|names>', "number of facilitators, or their names comma-separated (on the agenda and attendance sheet)", facilitators, 2)
    .option('--days <n>', 'days the workshop has', positiveInt)
    .option('--start <date>', 'first day, YYYY-MM-DD', isoDate)
    .option('--venue <text>', 'where the workshop takes place (covers, agenda, attendance sheet)')
    .option('--organisation <text>', 'who runs the workshop (covers, agenda, attendance sheet)')
    .option('--modules <ids>', 'only these modules', list)
    .option('--units <ids>', 'only these units, besides --modules', list)
    .option('-o, --out <dir>', 'folder for <name>/ and <name>.zip', 'packs')
    .option('--browser <path>', 'Chromium or Chrome to print with')
    .option('--paper <size>', 'a4 or letter', paperSize, 'a4')
    .option('--format <list>', 'editable files to add: pptx, docx or pptx,docx (HTML and PDF are always in a pack)', officeFormats)
    .option('--json', 'print the result as JSON on stdout (on failure too: ok false, with the diagnostics)')
    .addHelpText('after', '\nExample:\n  trainpack pack . --overlay sn --participants 24 --days 3 --start 2026-05-04 --out packs')
    .action(async (dir: string, flags: PackFlags) => {
      const { json, venue, organisation, facilitators: f, format: office, ...options } = flags;
      const names = Array.isArray(f) ? f : undefined;
      const r = await pack({ dir, ...options, office, facilitators: names ? names.length : f as number, event: { venue, organisation, facilitators: names } });
      printDiagnostics(r.diagnostics, io);
      if (json) io.out(JSON.stringify({ ok: true, ...r }, null, 2));
      else io.err(`✔ ${path.relative(process.cwd(), r.folder)}/ (${r.files.length} files) and ${path.relative(process.cwd(), r.zip)}`);
      setCode(EXIT.ok);
    });
}

/** `--facilitators 3` (a count) or `--facilitators "Awa Diop, Ali Sy"` (their names). */
function facilitators(value: string): number | string[] {
  if (/^\s*\d+\s*$/.test(value)) return positiveInt(value);
  const names = list(value);
  if (names.length === 0) throw new InvalidArgumentError('Give a number of facilitators or their names, comma-separated');
  return names;
}
