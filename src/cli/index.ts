/**
 * The command line: a thin layer over the library API. `run` returns the
 * exit code; only the bin touches the process.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerBuild } from './build.js';
import { registerCheck } from './check.js';
import { registerDev } from './dev.js';
import { registerExport } from './export.js';
import { registerInit } from './init.js';
import { registerOverlay } from './overlay.js';
import { registerPack } from './pack.js';
import { registerTranslate } from './translate.js';
import { reportError, stdio, type Output } from './report.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Run the CLI with `argv` (without node and script). Returns the exit code. */
export async function run(argv: string[], io: Output = stdio): Promise<number> {
  let code = 0;
  const setCode = (n: number) => {
    code = n;
  };
  const program = new Command('trainpack')
    .description('Compile Markdown training curricula into facilitator guides, participant handouts and slide decks.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');
  registerBuild(program, io, setCode);
  registerCheck(program, io, setCode);
  registerDev(program, io, setCode);
  registerInit(program, io, setCode);
  registerOverlay(program, io, setCode);
  registerExport(program, io, setCode);
  registerPack(program, io, setCode);
  registerTranslate(program, io, setCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    return reportError(err, io);
  }
}
