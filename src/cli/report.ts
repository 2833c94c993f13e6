/** Printing diagnostics and errors for people (stderr). */
import { formatDiagnostic, sortDiagnostics, TrainpackError, type Diagnostic } from '../errors.js';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const stdio: Output = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

/** One block per diagnostic: the `file:line:col` line, then the hint indented. */
export function printDiagnostics(list: Diagnostic[], io: Output): void {
  for (const d of sortDiagnostics(list)) {
    io.err(formatDiagnostic(d));
    if (d.hint) io.err(`  hint: ${d.hint}`);
  }
}

/** Expected errors print one clean block; unexpected ones keep their stack. Returns the exit code. */
export function reportError(err: unknown, io: Output): number {
  if (err instanceof TrainpackError) {
    printDiagnostics(err.diagnostics, io);
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`✖ ${errors} error${errors === 1 ? '' : 's'}; nothing was replaced except what is said above.`);
    return 1;
  }
  io.err(`✖ trainpack failed unexpectedly (a bug; please report it):`);
  io.err(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return 2;
}
