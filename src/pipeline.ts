/**
 * The stages up to rendering, shared by build, check and dev:
 * load -> resolve -> parse, with a content-hash cache of parsed units so an
 * unchanged unit is parsed once per process, whatever the number of editions
 * sharing it and however many rebuilds run (`trainpack dev`).
 */
import path from 'node:path';
import { Diagnostics } from './errors.js';
import { loadCurriculum } from './load/curriculum.js';
import { memoTable, saveMemos, seedMemos, sha1 } from './cache/memo.js';

/** The memo tables the load and resolve stages fill (cache/memo.ts): unit front matter, patch files and the sections they patch, translation catalogues. */
const MEMOS = ['frontmatter', 'sections', 'patches', 'links', CATALOGUE_MEMO];
import type { Root } from 'hast';
import { CACHE_SALT, type DiskCache } from './cache/disk.js';
import { fileSignature } from './markdown/context.js';
import { mdReferences } from './markdown/md-names.js';
import { createProcessor, parseUnitSync, type ParsedUnit, type Processor } from './markdown/processor.js';
import type { UnitFacts } from './markdown/facts.js';
import type { Fragments } from './render/fragments.js';
import { minBatch, ParsePool, workerCount } from './workers/pool.js';
import type { ParsedRemote } from './workers/protocol.js';
import type { Curriculum, Unit } from './model.js';
import type { Edition } from './resolve/edition.js';
import { resolveEditions } from './resolve/overlays.js';
import { CATALOGUE_MEMO } from './translate/layer.js';
import { selectEdition } from './resolve/select.js';
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
  /** Every edition asked for, shard or not: the language switcher links them all. */
  allEditions: { id: string; title: string; language: string }[];
  diagnostics: Diagnostics;
}

export interface PrepareOptions {
  dir: string;
  overlays?: string[];
  all?: boolean;
  /** Module ids a workshop covers (default all). */
  modules?: string[];
  /** Unit ids a workshop covers, besides whole modules (default all). */
  units?: string[];
  /** Build only share `index` (1-based) of `count` of the editions, for a CI matrix (`--shard 2/3`). */
  shard?: { index: number; count: number };
}


/** What the persistent cache keeps of a parsed unit: everything but its tree. */
interface UnitEntry {
  /** The input key plus the signatures of the files read: names the unit's rendered fragments. */
  key: string;
  diagnostics: ParsedUnit['diagnostics'];
  assets: [string, string][];
  deps: [string, string][];
  vars: ParsedUnit['vars'];
  facts: UnitFacts;
}

/** Do the files a parse read still look the same? */
function depsValid(deps: Iterable<[string, string]>): boolean {
  for (const [file, sig] of deps) if (fileSignature(file) !== sig) return false;
  return true;
}

/** What a unit's parse reads besides its text. */
export interface ParseContext {
  root: string;
  basePath: string;
  unitsByPath: Map<string, string>;
  /** linkedUnitsKey(): the part of the unit list the parse depends on. */
  unitsKey: string;
}

/**
 * Parsed units by a hash of everything the parse reads; safe to share across
 * editions and runs: vars and UI strings are placeholders in the tree, so
 * every edition with the same text shares one parse.
 *
 * With a DiskCache, what a parse found (diagnostics, assets, vars, the facts
 * the check rules read) survives the process, but trees do not: rendered
 * fragments are cached instead (render/pages.ts), so a warm build never needs
 * a tree. When one is needed after all (fragments of a new variant, a pack's
 * role cards) the unit is parsed again on the spot: same input, same tree.
 */
export class ParseCache {
  private readonly map = new Map<string, ParsedUnit>();
  hits = 0;
  misses = 0;
  /** Trees made again on demand after being let go, or for a result read from disk (see lazy()). */
  remade = 0;
  readonly processor: Processor = createProcessor();
  /**
   * Called with each fresh parse while its tree is at hand: build renders the
   * unit's fragments then (render/pages.ts prerender()).
   */
  afterParse?: (parsed: ParsedUnit) => void;
  /**
   * Hold every tree in memory (the default, for `trainpack dev`). When false,
   * a tree is let go after afterParse and made again if something asks for
   * it: a 1,000-unit curriculum in five editions then never holds thousands
   * of trees at once (issue 8: peak memory).
   */
  keepTrees = true;

  /**
   * Parse large batches of new units in worker threads (workers/pool.ts);
   * `render` has them render the fragments too, handed to `onFragments`.
   * Off by default (`trainpack dev` parses a unit at a time).
   */
  workers?: { render: boolean; onFragments?: (key: string, selfCheck: boolean, fragments: Fragments) => void };
  private pool?: ParsePool;
  private readonly inflight = new Map<string, Promise<unknown>>();

  /** Called after each unit parsed (not found in a cache), with the count so far: the CLI's progress line. */
  onParsed?: (parsed: number) => void;

  constructor(readonly disk?: DiskCache) {}

  private miss(): void {
    this.misses++;
    this.onParsed?.(this.misses);
  }

  async parse(unit: Unit, ctx: ParseContext): Promise<ParsedUnit> {
    return this.parseSync(unit, ctx);
  }

  private inputKey(unit: Unit, ctx: ParseContext): string {
    // Neither vars nor UI strings enter the key: the tree holds placeholders for both
    // (views/localize.ts), so every edition with the same text shares one parse.
    return sha1(JSON.stringify([CACHE_SALT, unit.source.path, ctx.basePath, unit.id, unit.type, textHash(unit.body), ctx.unitsKey, unit.language ?? '', unit.typography !== false, unit.translation?.key ?? '', unit.rolesInHandout === true]));
  }

  /** The result for a unit the memory or disk cache has, else undefined. */
  private cached(unit: Unit, ctx: ParseContext, inputKey: string): ParsedUnit | undefined {
    const hit = this.map.get(inputKey);
    if (hit && depsValid(hit.deps)) {
      this.hits++;
      // Same tree and diagnostics; the unit object is this edition's (title, fallback, … may differ).
      return hit.unit === unit ? hit : withUnit(hit, unit);
    }
    const stored = this.disk?.get<UnitEntry>('unit', inputKey);
    if (stored && stored.facts && depsValid(stored.deps)) {
      this.hits++;
      const parsed = this.lazy(unit, ctx, { ...stored, assets: new Map(stored.assets), deps: new Map(stored.deps) });
      this.map.set(inputKey, parsed);
      return parsed;
    }
    return undefined;
  }

  /**
   * Parse many units (an edition's): what the caches lack goes to worker
   * threads when there is enough of it, else is parsed here, in order.
   */
  async parseAll(jobs: { unit: Unit; ctx: ParseContext }[]): Promise<ParsedUnit[]> {
    const keys = jobs.map(({ unit, ctx }) => this.inputKey(unit, ctx));
    // Everything up to sending the batch is synchronous, so that editions parsed at
    // once (prepare()) see each other's units in flight and never parse one twice.
    const waits = new Set<Promise<unknown>>();
    const out: (ParsedUnit | undefined)[] = jobs.map(({ unit, ctx }, i) => {
      const flying = this.inflight.get(keys[i]!);
      if (flying) {
        waits.add(flying);
        return undefined;
      }
      return this.cached(unit, ctx, keys[i]!);
    });
    const first = new Map<string, number>();
    jobs.forEach((_, i) => {
      if (!out[i] && !this.inflight.has(keys[i]!) && !first.has(keys[i]!)) first.set(keys[i]!, i);
    });
    // A batch too small to pay for starting workers still goes to them once they run.
    if (this.workers && (first.size >= minBatch() || (this.pool && first.size > 0)) && workerCount() > 0) {
      this.pool ??= new ParsePool(workerCount());
      const pool = this.pool;
      const { render, onFragments } = this.workers;
      const done = Promise.all(
        [...first].map(async ([inputKey, i]) => {
          const { unit, ctx } = jobs[i]!;
          let remote: ParsedRemote;
          try {
            remote = await pool.parse(pool.context(ctx.root, ctx.unitsByPath), unit, ctx.basePath, render);
          } catch {
            return; // Parsed on this thread below, where an error is reported as usual.
          }
          this.miss();
          const key = sha1(inputKey + JSON.stringify(remote.deps));
          const parsed = this.lazy(unit, ctx, { key, diagnostics: remote.diagnostics, assets: new Map(remote.assets), deps: new Map(remote.deps), vars: remote.vars, facts: remote.facts });
          this.disk?.set('unit', inputKey, { key, diagnostics: remote.diagnostics, assets: remote.assets, deps: remote.deps, vars: remote.vars, facts: remote.facts } satisfies UnitEntry);
          if (remote.fragments) onFragments?.(key, unit.selfCheck, remote.fragments);
          this.map.set(inputKey, parsed);
        }),
      ).finally(() => {
        for (const k of first.keys()) this.inflight.delete(k);
      });
      for (const k of first.keys()) this.inflight.set(k, done);
      waits.add(done);
    }
    await Promise.all(waits);
    // What the workers (this batch's or another edition's) parsed is in the memory cache now.
    return jobs.map(({ unit, ctx }, i) => out[i] ?? this.parseSync(unit, ctx));
  }

  /** Stop the worker threads, if any were started. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  parseSync(unit: Unit, ctx: ParseContext): ParsedUnit {
    const inputKey = this.inputKey(unit, ctx);
    const found = this.cached(unit, ctx, inputKey);
    if (found) return found;
    this.miss();
    const fresh = parseUnitSync(this.processor, { unit, root: ctx.root, basePath: ctx.basePath, unitsByPath: ctx.unitsByPath });
    // Fragments are named by the inputs and by the files read, so a changed image makes new ones.
    const key = sha1(inputKey + JSON.stringify([...fresh.deps]));
    let parsed: ParsedUnit = { ...fresh, key };
    this.disk?.set('unit', inputKey, { key, diagnostics: parsed.diagnostics, assets: [...parsed.assets], deps: [...parsed.deps], vars: parsed.vars, facts: parsed.facts } satisfies UnitEntry);
    this.afterParse?.(parsed);
    if (!this.keepTrees) parsed = this.lazy(unit, ctx, parsed);
    this.map.set(inputKey, parsed);
    return parsed;
  }

  /** A parse result whose tree is made again, once, if something asks for it. */
  private lazy(unit: Unit, ctx: ParseContext, found: Omit<ParsedUnit, 'unit' | 'tree'>): ParsedUnit {
    let tree: Root | undefined;
    const processor = this.processor;
    const count = () => this.remade++;
    const { key, diagnostics, assets, deps, vars, facts } = found;
    return {
      unit,
      key,
      diagnostics,
      assets,
      deps,
      vars,
      facts,
      get tree(): Root {
        if (!tree) {
          count();
          tree = parseUnitSync(processor, { unit, root: ctx.root, basePath: ctx.basePath, unitsByPath: ctx.unitsByPath }).tree;
        }
        return tree;
      },
    };
  }

  /** Forget everything held in memory (after a template or trainpack change in a long-lived process). */
  clear(): void {
    this.map.clear();
  }
}

// Unit texts by content: every edition hashes the units it shares with the others.
const textHashes = new Map<string, string>();
function textHash(text: string): string {
  let h = textHashes.get(text);
  if (h === undefined) {
    if (textHashes.size > 100_000) textHashes.clear();
    textHashes.set(text, (h = sha1(text)));
  }
  return h;
}

/** The same parse result for another edition's unit object, keeping a lazy tree lazy. */
function withUnit(p: ParsedUnit, unit: Unit): ParsedUnit {
  return { unit, key: p.key, diagnostics: p.diagnostics, assets: p.assets, deps: p.deps, vars: p.vars, facts: p.facts, get tree() { return p.tree; } };
}

/** Where a unit's relative links resolve from when its own folder lacks the target: the base location. */
export function basePathOf(edition: Edition, unit: Unit): string {
  return path.join(edition.curriculum.root, 'modules', ...unit.source.rel.split('/').slice(-2));
}

// A link to a unit names its file, so every `.md` name in the text (plain,
// percent-encoded or in <angle brackets>) is a unit it may link to: mdReferences().
// By text, not by unit object: every edition has its own unit objects for the same texts.
const namesByText = new Map<string, string[]>();

/** `.md` names by a hash of the text, kept in the cache (cache/memo.ts): no regex over an unchanged text. */
const namesTable = memoTable<string[]>('links');

function mdNames(unit: Unit): string[] {
  let names = namesByText.get(unit.body);
  if (!names) names = namesTable.get(textHash(unit.body));
  if (!names) {
    names = mdReferences(unit.body).map((raw) => {
      try {
        return path.posix.basename(decodeURIComponent(raw));
      } catch {
        return path.posix.basename(raw);
      }
    });
    namesTable.set(textHash(unit.body), names);
  }
  if (namesByText.get(unit.body) !== names) {
    if (namesByText.size > 100_000) namesByText.clear();
    namesByText.set(unit.body, names);
  }
  return names;
}

/** Unit ids by base path, and the same entries by file name. */
export function unitsIndex(edition: Edition) {
  const units = edition.modules.flatMap((m) => m.units);
  const unitsByPath = new Map(units.map((u) => [basePathOf(edition, u), u.id] as const));
  const byName = new Map<string, [string, string][]>();
  for (const entry of unitsByPath) {
    const name = path.basename(entry[0]);
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  return { units, unitsByPath, byName };
}

/**
 * The part of the edition's unit list a unit's parse depends on: the units
 * it may link to. Keying by these alone means adding, removing or renaming
 * one unit re-parses the units that link to it, not the whole curriculum.
 */
export function linkedUnitsKey(unit: Unit, byName: Map<string, [string, string][]>): string {
  return JSON.stringify([...new Set(mdNames(unit))].flatMap((n) => byName.get(n) ?? []).sort());
}

/** A `:var[name]` the edition gives no value is an error at its place (FORMAT.md section 4). */
export function reportUndefinedVars(p: ParsedUnit, vars: Record<string, string>, diags: Diagnostics): void {
  for (const use of p.vars) {
    if (Object.prototype.hasOwnProperty.call(vars, use.name)) continue;
    const known = Object.keys(vars);
    diags.error('undefined-var', `Undefined variable "${use.name}"${known.length ? ` (defined: ${known.join(', ')})` : ''}`, { file: p.unit.source.rel, line: use.line, column: use.column });
  }
}

/** Parse every unit of an edition; diagnostics go to `diags`. */
export async function parseEdition(edition: Edition, cache: ParseCache, diags: Diagnostics): Promise<PreparedEdition> {
  return report(await parseUnits(edition, cache), diags);
}

/** Parse an edition's units; diagnostics are reported by report(), in edition order. */
async function parseUnits(edition: Edition, cache: ParseCache): Promise<{ prepared: PreparedEdition; results: ParsedUnit[] }> {
  const templates = new Templates(edition.templateDirs);
  const { strings, missing } = templates.strings(edition.language, edition.stringOverrides);
  const { units, unitsByPath, byName } = unitsIndex(edition);
  const root = edition.curriculum.root;
  const results = await cache.parseAll(units.map((unit) => ({ unit, ctx: { root, basePath: basePathOf(edition, unit), unitsByPath, unitsKey: linkedUnitsKey(unit, byName) } })));
  return { prepared: { edition, templates, strings, missingStrings: missing, parsed: new Map(results.map((r) => [r.unit, r])) }, results };
}

function report({ prepared, results }: { prepared: PreparedEdition; results: ParsedUnit[] }, diags: Diagnostics): PreparedEdition {
  for (const r of results) {
    for (const d of r.diagnostics) diags.add(d);
    reportUndefinedVars(r, prepared.edition.vars, diags);
  }
  return prepared;
}

/**
 * Load, resolve and parse. Never throws for problems in the curriculum
 * except when curriculum.yml itself is unusable: check `diagnostics`.
 */
export async function prepare(options: PrepareOptions, cache = new ParseCache(), diags = new Diagnostics()): Promise<Prepared> {
  // Unit front matter already validated in an earlier run is not parsed again (load/curriculum.ts).
  const disk = cache.disk;
  if (disk) seedMemos(disk, MEMOS);
  const { curriculum } = await loadCurriculum(options.dir, diags, { strict: false });
  // Each edition is parsed as soon as it is resolved: with worker threads, the base parses while
  // the overlays are being resolved. Editions in a fixed order, dealt round-robin for --shard:
  // shard i of n takes every n-th from the i-th.
  const editions: Edition[] = [];
  const parsing: ReturnType<typeof parseUnits>[] = [];
  await resolveEditions(curriculum, { overlays: options.overlays ?? [], all: options.all ?? false }, diags, (resolved) => {
    const k = editions.length;
    const edition = selectEdition(resolved, { modules: options.modules, units: options.units }, diags);
    editions.push(edition);
    if (options.shard && k % options.shard.count !== options.shard.index - 1) return;
    const started = parseUnits(edition, cache);
    started.catch(() => undefined); // Awaited below; not an unhandled rejection while resolving goes on.
    parsing.push(started);
  });
  if (disk) saveMemos(disk, MEMOS);
  const allEditions = editions.map((e) => ({ id: e.id, title: e.title, language: e.language }));
  // Problems are reported in edition order.
  const prepared = (await Promise.all(parsing)).map((r) => report(r, diags));
  return { curriculum, editions: prepared, allEditions, diagnostics: diags };
}
