/**
 * Diagnostics of the export stage. What a target format cannot carry is
 * reported under the rule `export`.
 *
 * TODO(issue 7): move `export` into RULES in src/errors.ts and use
 * `diags.warn('export', …)`; until then the diagnostic is built here, in the
 * same shape.
 */
import type { Diagnostic, Location } from '../errors.js';

export const EXPORT_HINT = 'See the message: the learning-platform format cannot carry this as written.';

/** A warning about something a format cannot carry. */
export function exportWarning(message: string, loc: Location, hint = EXPORT_HINT): Diagnostic {
  return { severity: 'warning', rule: 'export', message, ...loc, hint };
}
