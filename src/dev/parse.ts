/**
 * Parsing between dev rebuilds. `parseEdition` looks every unit up in the
 * cache (a hash of its text, a stat of each file it read) and makes new
 * Templates and strings objects; per save on a large curriculum that is
 * tens of milliseconds spent finding nothing changed. Here a unit object the
 * previous edition already parsed is reused as it is; only new unit objects
 * (and those told to) go through the ParseCache. The templates and strings
 * objects are kept: handlebars keeps its compiled layouts, and deps.ts can
 * tell by identity that every page's frame is unchanged.
 */
import { createHash } from 'node:crypto';
import { Diagnostics } from '../errors.js';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import { basePathOf, type ParseCache, type PreparedEdition } from '../pipeline.js';
import type { Edition } from '../resolve/edition.js';

const sha1 = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');

/** Unit id by base path and its hash, exactly as parseEdition computes them (the cache keys must agree). */
function unitsIndex(edition: Edition) {
  const units = edition.modules.flatMap((m) => m.units);
  const unitsByPath = new Map(units.map((u) => [basePathOf(edition, u), u.id] as const));
  return { units, unitsByPath, unitsKey: sha1([...unitsByPath].sort()) };
}

/**
 * Parse `edition` reusing `prev` (same templates and strings: the caller
 * guarantees neither changed). Units in `force` (by source path) go through
 * the cache even when their object is unchanged: a file they read changed,
 * which the cache sees in their recorded dependencies and parses them again.
 */
export async function reparseEdition(
  prev: PreparedEdition,
  edition: Edition,
  cache: ParseCache,
  diags: Diagnostics,
  force: ReadonlySet<string> = new Set(),
): Promise<PreparedEdition> {
  const { units, unitsByPath, unitsKey } = unitsIndex(edition);
  // Another unit's id or path changed (links between units may resolve differently) or a var did: reuse nothing.
  const reuse = unitsKey === unitsIndex(prev.edition).unitsKey && sha1(edition.vars) === sha1(prev.edition.vars);
  const strings = prev.strings;
  const ctx = { root: edition.curriculum.root, unitsByPath, unitsKey, vars: edition.vars, strings, stringsKey: sha1(strings) };
  const results: ParsedUnit[] = [];
  // One at a time, as parseEdition does: parsing is synchronous work anyway.
  for (const unit of units) {
    const known = reuse && !force.has(unit.source.path) ? prev.parsed.get(unit) : undefined;
    results.push(known ?? (await cache.parse(unit, { ...ctx, basePath: basePathOf(edition, unit) })));
  }
  const parsed = new Map<Unit, ParsedUnit>();
  for (const r of results) {
    parsed.set(r.unit, r);
    for (const d of r.diagnostics) diags.add(d);
  }
  return { ...prev, edition, parsed };
}
