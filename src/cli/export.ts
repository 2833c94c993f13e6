/** `trainpack export quiz` (GIFT, Moodle XML, QTI 2.1) and `trainpack export course` (SCORM 1.2 packages). */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { QuizFormat } from '../export/index.js';
import { EXIT, printDiagnostics, type Output } from './report.js';

/** Flags of `trainpack export quiz`, as commander parses them. */
export interface ExportQuizFlags {
  format: QuizFormat;
  overlay?: string;
  out?: string;
  quiet?: boolean;
  json?: boolean;
}

/** `a,b , c` -> ['a','b','c'] (as build's --modules; not imported from build.ts, which loads the whole build). */
const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

/** Flags of `trainpack export course`. */
export interface ExportCourseFlags {
  format: 'scorm12';
  overlay?: string;
  whole?: boolean;
  modules?: string[];
  units?: string[];
  out: string;
  quiet?: boolean;
  json?: boolean;
}

/** Register `trainpack export` and its `quiz` and `course` subcommands. */
export function registerExport(program: Command, io: Output, setCode: (n: number) => void): void {
  const exp = program.command('export').description('Export content for other tools (learning platforms)');

  exp
    .command('quiz')
    .description('Export the quiz questions of one edition for a learning platform')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .addOption(new Option('-f, --format <format>', 'target format').choices(['gift', 'moodle-xml', 'qti']).makeOptionMandatory())
    .option('--overlay <id>', 'export this overlay edition (default: the base)')
    .option('-o, --out <file>', 'write to this file (default: standard output; required for qti, a ZIP package)')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--json', 'print the result (edition, counts, file) as JSON on stdout; needs --out')
    .addHelpText(
      'after',
      `
Examples:
  trainpack export quiz . --format moodle-xml --out quiz.xml     Moodle XML, images attached
  trainpack export quiz . --format gift > quiz.gift.txt          GIFT, on standard output
  trainpack export quiz . --format qti --overlay fr --out fr.zip QTI 2.1 package, French edition

One category (Moodle) or section (QTI) per module; one question per item of each quiz unit.
Moodle: tick "Get category from file" on import to create the module categories.`,
    )
    .action(async (dir: string, flags: ExportQuizFlags, command: Command) => {
      if (flags.format === 'qti' && (!flags.out || flags.out === '-')) {
        // A usage error, reported like commander's own (exit code 2).
        command.error('error: a QTI export is a ZIP package, not written to standard output: give --out <file.zip>', { exitCode: EXIT.usage, code: 'trainpack.qtiNeedsOut' });
      }
      if (flags.json && (!flags.out || flags.out === '-')) {
        command.error('error: with --json, standard output carries the result: give --out <file> for the export', { exitCode: EXIT.usage, code: 'trainpack.jsonNeedsOut' });
      }
      // Heavy modules load only when the command runs.
      const { exportQuizResult } = await import('../export/index.js');
      const { writeFileAtomic } = await import('../export/write.js');
      const result = await exportQuizResult({ dir, format: flags.format, overlay: flags.overlay });
      printDiagnostics(result.diagnostics, io);
      let where = 'standard output';
      let file: string | undefined;
      if (flags.out && flags.out !== '-') {
        file = await writeFileAtomic(flags.out, result.content, dir);
        where = path.relative(process.cwd(), file) || file;
      } else {
        // One trailing newline: io.out adds it.
        io.out(String(result.content).replace(/\n$/, ''));
      }
      if (flags.json) {
        const { content: _content, ...rest } = result;
        io.out(JSON.stringify({ ok: true, ...rest, file }, null, 2));
      } else if (!flags.quiet) {
        const q = result.questions;
        io.err(`✔ ${result.edition.id} (${result.edition.language}): ${q} question${q === 1 ? '' : 's'} from ${result.quizzes} quiz unit${result.quizzes === 1 ? '' : 's'} as ${flags.format} -> ${where}`);
      }
      setCode(EXIT.ok);
    });

  exp
    .command('course')
    .description('Export the participant view of one edition as SCORM 1.2 packages for a learning platform')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .addOption(new Option('-f, --format <format>', 'package format').choices(['scorm12']).default('scorm12'))
    .option('--overlay <id>', 'export this overlay edition (default: the base)')
    .option('--whole', 'one package holding every module as its own SCO (default: one package a module)')
    .option('--modules <ids>', 'only these modules (comma-separated ids)', list)
    .option('--units <ids>', 'only these units, besides --modules (comma-separated ids)', list)
    .requiredOption('-o, --out <dir>', 'folder to write the packages (.zip) into')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--json', 'print the result (edition, packages and their modules) as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  trainpack export course . --out scorm                 one package a module
  trainpack export course . --overlay ar --out scorm    the Arabic edition
  trainpack export course . --whole --out scorm         one package, each module a SCO

Moodle: add each package as a SCORM activity; README "Publishing the course".`,
    )
    .action(async (dir: string, flags: ExportCourseFlags) => {
      const { exportCourse } = await import('../export/course/index.js');
      const { writeFileAtomic } = await import('../export/write.js');
      const result = await exportCourse({ dir, format: flags.format, overlay: flags.overlay, whole: flags.whole, modules: flags.modules, units: flags.units });
      printDiagnostics(result.diagnostics, io);
      const written = [];
      for (const p of result.packages) {
        const file = await writeFileAtomic(path.join(flags.out, p.name), p.content, dir);
        written.push({ file, modules: p.modules, bytes: p.content.length });
        if (!flags.quiet && !flags.json) io.err(`✔ ${result.edition.id} (${result.edition.language}): ${p.modules.join(', ')} -> ${path.relative(process.cwd(), file) || file}`);
      }
      if (flags.json) io.out(JSON.stringify({ ok: true, format: flags.format, edition: result.edition, packages: written, diagnostics: result.diagnostics }, null, 2));
      setCode(EXIT.ok);
    });
}
