/** The terminal side of `trainpack dev`: one line per rebuild, then the errors of a failed one. */
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../errors.js';
import type { BuildReport } from './builder.js';

const clock = () => new Date().toTimeString().slice(0, 8);

function list(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `[12:04:31] modules/01-a/02-b.md -> 3 pages (facilitator-guide.html, …) in 84 ms, 1 unit parsed` */
export function buildLine(r: BuildReport, first: boolean): string {
  const what = first ? 'initial build' : list(r.inputs);
  const ms = r.ms < 1000 ? `${Math.round(r.ms)} ms` : `${(r.ms / 1000).toFixed(2)} s`;
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning').length;
  const tail = `${ms}, ${r.parsed} unit${r.parsed === 1 ? '' : 's'} parsed${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
  if (!r.ok) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    return `[${clock()}] ✖ ${what}: ${errors} error${errors === 1 ? '' : 's'} in ${tail}; the last good pages are still served`;
  }
  const pages = r.pages.length === 0 ? 'no page changed' : `${r.pages.length} page${r.pages.length === 1 ? '' : 's'} (${list(r.pages)})`;
  return `[${clock()}] ${first ? '✔' : '↻'} ${what} -> ${pages} in ${tail}`;
}

/**
 * Diagnostics to print after the line: every error of a failed build, and
 * warnings only when they differ from the last ones printed (a warning
 * repeated on every save would bury the line that matters).
 */
export class DiagnosticsPrinter {
  private lastWarnings = '';

  lines(r: BuildReport): string[] {
    const sorted = sortDiagnostics(r.diagnostics);
    const show = (d: Diagnostic) => [formatDiagnostic(d), ...(d.hint ? [`  hint: ${d.hint}`] : [])];
    const warnings = sorted.filter((d) => d.severity === 'warning');
    const key = warnings.map(formatDiagnostic).join('\n');
    const out = sorted.filter((d) => d.severity === 'error').flatMap(show);
    if (key !== this.lastWarnings) out.push(...warnings.flatMap(show));
    this.lastWarnings = key;
    return out;
  }
}
