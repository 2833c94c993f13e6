/**
 * The stages up to rendering, shared by build, check and dev:
 * load -> resolve -> parse, with a content-hash cache of parsed units so an
 * unchanged unit is parsed once per process, whatever the number of editions
 * sharing it and however many rebuilds run (`trainpack dev`).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Diagnostics } from './errors.js';
import { loadCurriculum } from './load/curriculum.js';
import { createProcessor, parseUnit, type ParsedUnit, type Processor } from './markdown/processor.js';
import type { Curriculum, Unit } from './model.js';
import type { Edition } from './resolve/edition.js';
import { resolveEditions } from './resolve/overlays.js';
import { Templates, type Strings } from './render/templates.js';

/** An edition with its parsed units, ready to render. */
export interface PreparedEdition {
  edition: Edition;
  templates: Templates;
  strings: Strings;
  /** UI string keys the edition's language lacks (English is used). */
  missingStrings: string[];
  parsed: Map<Unit, ParsedUnit>;
}

export interface Prepared {
  curriculum: Curriculum;
  editions: PreparedEdition[];
  diagnostics: Diagnostics;
}

export interface PrepareOptions {
  dir: string;
  overlays?: string[];
  all?: boolean;
}

const VAR = /:var\[([^\]]*)\]/g;

/** Parsed units by a hash of everything the parse reads. Safe to share across editions and runs. */
export class ParseCache {
  private readonly map = new Map<string, ParsedUnit>();
  hits = 0;
  misses = 0;
  readonly processor: Processor = createProcessor();

  async parse(unit: Unit, ctx: { root: string; basePath: string; unitsByPath: Map<string, string>; unitsKey: string; vars: Record<string, string>; strings: Strings; stringsKey: string }): Promise<ParsedUnit> {
    // Only the vars a unit uses enter its key, so editions that differ in other vars share it.
    const used = [...new Set([...unit.body.matchAll(VAR)].map((m) => m[1]!.trim()))].sort();
    const key = createHash('sha1')
      .update(JSON.stringify([unit.source.path, ctx.basePath, unit.id, unit.type, unit.body, used.map((n) => [n, ctx.vars[n]]), ctx.stringsKey, ctx.unitsKey]))
      .digest('hex');
    const hit = this.map.get(key);
    if (hit) {
      this.hits++;
      // Same tree and diagnostics; the unit object is this edition's (title, fallback, … may differ).
      return hit.unit === unit ? hit : { ...hit, unit };
    }
    this.misses++;
    const parsed = await parseUnit(this.processor, { unit, root: ctx.root, basePath: ctx.basePath, unitsByPath: ctx.unitsByPath, vars: ctx.vars, strings: ctx.strings });
    this.map.set(key, parsed);
    return parsed;
  }

  /** Forget everything (after a template or trainpack change in a long-lived process). */
  clear(): void {
    this.map.clear();
  }
}

/** Where a unit's relative links resolve from when its own folder lacks the target: the base location. */
export function basePathOf(edition: Edition, unit: Unit): string {
  return path.join(edition.curriculum.root, 'modules', ...unit.source.rel.split('/').slice(-2));
}

/** Parse every unit of an edition; diagnostics go to `diags`. */
export async function parseEdition(edition: Edition, cache: ParseCache, diags: Diagnostics): Promise<PreparedEdition> {
  const templates = new Templates(edition.templateDirs);
  const { strings, missing } = templates.strings(edition.language, edition.stringOverrides);
  const units = edition.modules.flatMap((m) => m.units);
  const unitsByPath = new Map(units.map((u) => [basePathOf(edition, u), u.id] as const));
  const unitsKey = createHash('sha1').update(JSON.stringify([...unitsByPath].sort())).digest('hex');
  const stringsKey = createHash('sha1').update(JSON.stringify(strings)).digest('hex');
  const root = edition.curriculum.root;
  const results = await Promise.all(
    units.map((unit) => cache.parse(unit, { root, basePath: basePathOf(edition, unit), unitsByPath, unitsKey, vars: edition.vars, strings, stringsKey })),
  );
  const parsed = new Map<Unit, ParsedUnit>();
  for (const r of results) {
    parsed.set(r.unit, r);
    for (const d of r.diagnostics) diags.add(d);
  }
  return { edition, templates, strings, missingStrings: missing, parsed };
}

/**
 * Load, resolve and parse. Never throws for problems in the curriculum
 * except when curriculum.yml itself is unusable: check `diagnostics`.
 */
export async function prepare(options: PrepareOptions, cache = new ParseCache(), diags = new Diagnostics()): Promise<Prepared> {
  const { curriculum } = await loadCurriculum(options.dir, diags, { strict: false });
  const editions = await resolveEditions(curriculum, { overlays: options.overlays ?? [], all: options.all ?? false }, diags);
  const prepared: PreparedEdition[] = [];
  for (const edition of editions) prepared.push(await parseEdition(edition, cache, diags));
  return { curriculum, editions: prepared, diagnostics: diags };
}
