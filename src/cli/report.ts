/** Printing diagnostics and errors for people (stderr), results for programs (stdout), and the exit codes. */
import { CommanderError } from 'commander';
import { formatDiagnostic, sortDiagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { runnable } from './self.js';

/** Exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Problems in the curriculum (or its overlays, or what was asked of it): a diagnostic says where. */
  problems: 1,
  /** The command line itself: unknown command or option, a bad option value. */
  usage: 2,
  /** A bug in trainpack: the stack is printed. */
  internal: 3,
} as const;

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
  /**
   * Replace the status line on stderr (no newline; an empty string clears it).
   * Only set when stderr is a terminal: piped output never gets one.
   */
  status?: (s: string) => void;
}

/**
 * Write to a standard stream, and stop writing quietly once the reader has
 * gone (`trainpack build --json | head -c 10`): a closed pipe is not an error
 * of trainpack's, and the command still finishes what it was doing.
 */
function writer(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

let processOutput: Output | undefined;

/** The process's stdout and stderr, with a status line when stderr is a terminal. */
export function stdioOutput(): Output {
  if (processOutput) return processOutput;
  const out = writer(process.stdout);
  const err = writer(process.stderr);
  let shown = false;
  const clear = () => {
    if (shown) err('\r\x1b[2K');
    shown = false;
  };
  processOutput = {
    out: (s) => out(s + '\n'),
    err: (s) => {
      clear();
      err(s + '\n');
    },
  };
  if (process.stderr.isTTY && !process.env.CI) {
    processOutput.status = (s) => {
      const width = Math.max(20, (process.stderr.columns || 80) - 1);
      err(`\r\x1b[2K${s.length > width ? s.slice(0, width - 1) + '…' : s}`);
      shown = s !== '';
    };
  }
  return processOutput;
}

/** The default output: the process's streams (made on first use). */
export const stdio: Output = {
  out: (s) => stdioOutput().out(s),
  err: (s) => stdioOutput().err(s),
  get status() {
    return stdioOutput().status;
  },
};

/** True when `--json` is among the options (before a `--`). */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** One block per diagnostic: the `file:line:col` line, then the hint indented. */
export function printDiagnostics(list: Diagnostic[], io: Output): void {
  for (const d of sortDiagnostics(list)) {
    io.err(runnable(formatDiagnostic(d)));
    if (d.hint) io.err(`  hint: ${runnable(d.hint)}`);
  }
}

/** Expected errors print one clean block; unexpected ones keep their stack. Returns the exit code. */
export function reportError(err: unknown, io: Output): number {
  if (err instanceof TrainpackError) {
    printDiagnostics(err.diagnostics, io);
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`✖ ${errors} error${errors === 1 ? '' : 's'}; nothing was replaced except what is said above.`);
    return EXIT.problems;
  }
  io.err(`✖ trainpack failed unexpectedly (a bug; please report it):`);
  io.err(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return EXIT.internal;
}

/**
 * The JSON result of a command that failed, on stdout, for `--json`: always
 * `ok: false` with the diagnostics (curriculum problems), or an `error` with
 * its kind (`usage`, `internal`) and message. People still get the text on stderr.
 */
export function reportJsonError(err: unknown, io: Output): void {
  let result: Record<string, unknown>;
  if (err instanceof TrainpackError) result = { ok: false, exitCode: EXIT.problems, diagnostics: sortDiagnostics(err.diagnostics) };
  else if (err instanceof CommanderError) result = { ok: false, exitCode: EXIT.usage, error: { kind: 'usage', code: err.code, message: err.message.replace(/^error: /, '') } };
  else result = { ok: false, exitCode: EXIT.internal, error: { kind: 'internal', message: err instanceof Error ? err.message : String(err) } };
  io.out(JSON.stringify(result, null, 2));
}
