/**
 * Run a schema over positioned YAML and turn every issue into a diagnostic
 * with the file, line and column of the offending key or value.
 */
import type { z } from 'zod';
import type { Diagnostics } from '../errors.js';
import type { PositionedYaml } from './yaml.js';

/** Levenshtein distance, small strings only (YAML keys). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known word within a small edit distance, if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/**
 * Validate `yaml.data` against `schema`. Errors and unknown-key warnings go
 * to `diags`; returns the parsed value, or undefined when it is invalid.
 */
export function validate<S extends z.ZodObject>(
  schema: S,
  yaml: PositionedYaml,
  file: string,
  diags: Diagnostics,
  what: string,
): z.output<S> | undefined {
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diags.error('schema', `${what} must be a mapping of keys to values`, { file, ...yaml.locate([]) });
    return undefined;
  }
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(data)) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      diags.warn(
        'schema',
        `Unknown key "${key}" in ${what}${guess ? `: did you mean "${guess}"?` : ''}`,
        { file, ...yaml.locateKey([key]) },
        guess ? `Rename it to "${guess}".` : `Known keys: ${known.join(', ')}.`,
      );
    }
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    const name = path.map(String).join('.');
    let value: unknown = data;
    for (const p of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[p];
    // An enum (a unit's `type:`): say which allowed value was meant.
    const allowed = (issue as { values?: unknown[]; options?: unknown[] }).values ?? (issue as { options?: unknown[] }).options;
    const guess = typeof value === 'string' && Array.isArray(allowed) && value.length <= 40 ? closest(value, allowed.map(String)) : undefined;
    const message =
      value === undefined
        ? `Missing required field "${name}" in ${what}`
        : `Field "${name}" in ${what}: ${issue.message}${guess ? `: did you mean "${guess}"?` : ''}`;
    diags.error('schema', message, { file, ...yaml.locate(path) });
  }
  return undefined;
}
