/**
 * Parsing in a dev session. Like parseEdition, with three differences that
 * keep a save's cost independent of the curriculum's size:
 *
 * - A unit object the previous edition parsed is reused as it is, with no
 *   hashing and no stat of the files it read; only new unit objects (and
 *   those told to) go through the ParseCache.
 * - (As in parseEdition, a unit's key holds only the units it links to.)
 * - The templates and strings objects are kept when nothing they hold
 *   changed: handlebars keeps its compiled layouts, and deps.ts can tell by
 *   identity that every page's frame is the same.
 */
import { Diagnostics } from '../errors.js';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import { basePathOf, linkedUnitsKey, reportUndefinedVars, unitsIndex, type ParseCache, type PreparedEdition } from '../pipeline.js';
import { Templates } from '../render/templates.js';
import type { Edition } from '../resolve/edition.js';


/** The templates and strings of an edition, keeping the previous objects when nothing they hold changed. */
function frameOf(edition: Edition, prev: PreparedEdition | undefined, templatesChanged: boolean) {
  const sameDirs = prev && prev.edition.templateDirs.join('\n') === edition.templateDirs.join('\n');
  const templates = prev && sameDirs && !templatesChanged ? prev.templates : new Templates(edition.templateDirs);
  const { strings, missing } = templates.strings(edition.language, edition.stringOverrides);
  const keep = prev && JSON.stringify(prev.strings) === JSON.stringify(strings);
  return { templates, strings: keep ? prev.strings : strings, missingStrings: missing };
}

/** The link key each parse result was made with. */
const linkKeys = new WeakMap<ParsedUnit, string>();

/** Options of parseDevEdition. */
export interface DevParseOptions {
  /** The previous edition of the session: what it parsed is reused. */
  prev?: PreparedEdition;
  /** A template, CSS or string file changed: read the templates again. */
  templatesChanged?: boolean;
  /** Units (by source path) to look up in the cache although their object is unchanged: a file they read changed. */
  force?: ReadonlySet<string>;
}

/** Parse an edition for a dev session; diagnostics go to `diags`. */
export async function parseDevEdition(edition: Edition, cache: ParseCache, diags: Diagnostics, options: DevParseOptions = {}): Promise<PreparedEdition> {
  const { prev, force } = options;
  const frame = frameOf(edition, prev, options.templatesChanged ?? false);
  const { units, unitsByPath, byName } = unitsIndex(edition);
  const ctx = { root: edition.curriculum.root, unitsByPath };
  const parsed = new Map<Unit, ParsedUnit>();
  // One at a time, as parseEdition does: parsing is synchronous work anyway.
  for (const unit of units) {
    const unitsKey = linkedUnitsKey(unit, byName);
    // Parses hold no vars or UI strings (they are filled at render time), so any previous one fits.
    const known = prev && !force?.has(unit.source.path) ? prev.parsed.get(unit) : undefined;
    let result = known && linkKeys.get(known) === unitsKey ? known : undefined;
    if (!result) {
      result = await cache.parse(unit, { ...ctx, basePath: basePathOf(edition, unit), unitsKey });
      linkKeys.set(result, unitsKey);
    }
    parsed.set(unit, result);
    for (const d of result.diagnostics) diags.add(d);
    reportUndefinedVars(result, edition.vars, diags);
  }
  return { edition, ...frame, parsed };
}
