/** The terminal side of `trainpack dev`: one line per rebuild, then the errors of a failed one. */
import path from 'node:path';
import { diag, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../errors.js';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import type { BuildReport } from './builder.js';
import type { ChangedInput } from './deps.js';

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
  const later = r.deferred ? `; ${r.deferred} rendered when opened` : '';
  const pages = r.pages.length === 0 ? 'no page changed' : `${r.pages.length} page${r.pages.length === 1 ? '' : 's'} (${list(r.pages)}${later})`;
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

/** How the terminal and the browser name an input. */
export function nameOf(file: string, root: string): string {
  const inBuiltin = path.relative(BUILTIN_TEMPLATES, file);
  if (!inBuiltin.startsWith('..')) return `trainpack:templates/${inBuiltin.split(path.sep).join('/')}`;
  return path.relative(root, file).split(path.sep).join('/');
}

/** An unexpected failure (a template that does not compile, a file gone mid-read) as a diagnostic. */
export function failure(err: unknown, inputs: ChangedInput[], root: string): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const template = inputs.find((i) => i.kind === 'templates');
  const file = template ? nameOf(template.path, root) : (inputs[0] ? nameOf(inputs[0].path, root) : '');
  return diag('error', template ? 'template' : 'internal', message, { file }, template ? 'Fix the template you saved; the last good pages are still served.' : undefined);
}
