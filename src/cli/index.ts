/**
 * The command line: a thin layer over the library API. `run` returns the
 * exit code; only the bin touches the process.
 *
 * Start-up stays small: this module knows each command by name and
 * one-line description only, and imports a command's module when that
 * command runs (or its help is asked for). `trainpack --version` loads
 * commander and this file, nothing of the pipeline.
 *
 * Adding a command: write src/cli/<name>.ts exporting
 * `register<Name>(program, io, setCode)` (it may import what it needs at the
 * top: it loads only when the command runs), then add one line to COMMANDS.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT, reportError, reportJsonError, stdio, wantsJson, type Output } from './report.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** How a command module adds itself to the program. */
export type Register = (program: Command, io: Output, setCode: (n: number) => void) => void;

/**
 * Every command, in the order `--help` lists them: its description (the same
 * as the one its module registers; a test keeps them equal) and its module.
 */
export const COMMANDS: Record<string, { description: string; load: () => Promise<Register> }> = {
  build: {
    description: 'Build the facilitator guide, participant handout and slide decks of a curriculum',
    load: async () => (await import('./build.js')).registerBuild,
  },
  check: {
    description: 'Report every problem of a curriculum in one run, without building it',
    load: async () => (await import('./check.js')).registerCheck,
  },
  dev: {
    description: 'Serve an edition on this machine, rebuild on save and reload the open pages',
    load: async () => (await import('./dev.js')).registerDev,
  },
  init: {
    description: 'Start a new curriculum: one module with one unit of each type, commented',
    load: async () => (await import('./init.js')).registerInit,
  },
  overlay: {
    description: 'Adapt and translate: the state of overlay files against the curriculum they build on',
    load: async () => (await import('./overlay.js')).registerOverlay,
  },
  export: {
    description: 'Export content for other tools (learning platforms)',
    load: async () => (await import('./export.js')).registerExport,
  },
  pack: {
    description: 'Everything to run one workshop: HTML and PDFs, role cards, agenda, attendance sheet, pre/post test, print list, manifest, zip',
    load: async () => (await import('./pack.js')).registerPack,
  },
  schedule: {
    description: 'Print the workshop plan per day and session: slots, needed minutes and overruns',
    load: async () => (await import('./schedule.js')).registerSchedule,
  },
  strings: {
    description: 'UI string catalogues: the words trainpack itself prints ("Facilitator notes", "Answer key", …)',
    load: async () => (await import('./strings.js')).registerStrings,
  },
  translate: {
    description: 'Translate by paragraph: gettext catalogues (overlays/<id>/translation.po) and XLIFF',
    load: async () => (await import('./translate.js')).registerTranslate,
  },
};

/** The command named on the command line (`trainpack help <cmd>` too), if it is one we know. */
function commandOf(argv: string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/** Run the CLI with `argv` (without node and script). Returns the exit code. */
export async function run(argv: string[], io: Output = stdio): Promise<number> {
  let code: number = EXIT.ok;
  const setCode = (n: number) => {
    code = n;
  };
  const json = wantsJson(argv);
  const program = new Command('trainpack')
    .description('Compile Markdown training curricula into facilitator guides, participant handouts and slide decks.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 success, 1 problems in the curriculum, 2 usage errors, 3 internal errors.');
  try {
    const wanted = commandOf(argv);
    // Only the command that runs is loaded; the others are listed by name and description.
    for (const [name, { description, load }] of Object.entries(COMMANDS)) {
      if (name === wanted) (await load())(program, io, setCode);
      else program.command(name).description(description);
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; anything commander refused is a usage error.
      if (err.exitCode === 0) return EXIT.ok;
      if (json) reportJsonError(err, io);
      return EXIT.usage;
    }
    if (json) reportJsonError(err, io);
    return reportError(err, io);
  }
}
