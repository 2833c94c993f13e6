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
import type { Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { CACHE_SALT, type DiskCache } from './cache/disk.js';
import { fileSignature } from './markdown/context.js';
import { createProcessor, parseMarkdown, parseUnit, type ParsedUnit, type Processor } from './markdown/processor.js';
import type { Curriculum, Unit } from './model.js';
import type { Edition } from './resolve/edition.js';
import { resolveEditions } from './resolve/overlays.js';
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
}

const VAR = /:var\[([^\]]*)\]/g;

/** What the persistent cache keeps of a parsed unit besides its tree. */
interface UnitEntry {
  /** The input key plus the signatures of the files read: names the tree and fragments. */
  key: string;
  diagnostics: ParsedUnit['diagnostics'];
  assets: [string, string][];
  deps: [string, string][];
}

/** Do the files a parse read still look the same? */
function depsValid(deps: Iterable<[string, string]>): boolean {
  for (const [file, sig] of deps) if (fileSignature(file) !== sig) return false;
  return true;
}

/**
 * Parsed units by a hash of everything the parse reads; safe to share across
 * editions and runs. Two levels: the Markdown syntax tree by the body's hash
 * (the expensive part, the same for every edition), and the finished tree
 * by the full key. With a DiskCache both survive the process, and a unit
 * whose rendered fragments are cached never loads its tree at all.
 */
export class ParseCache {
  private readonly map = new Map<string, ParsedUnit>();
  private readonly mdast = new Map<string, MdastRoot>();
  hits = 0;
  misses = 0;
  /** How many Markdown texts were run through the parser (the expensive step). */
  markdownParses = 0;
  readonly processor: Processor = createProcessor();

  constructor(readonly disk?: DiskCache) {}

  async parse(unit: Unit, ctx: { root: string; basePath: string; unitsByPath: Map<string, string>; unitsKey: string; vars: Record<string, string>; strings: Strings; stringsKey: string }): Promise<ParsedUnit> {
    // Only the vars a unit uses enter its key, so editions that differ in other vars share it.
    const used = [...new Set([...unit.body.matchAll(VAR)].map((m) => m[1]!.trim()))].sort();
    const inputKey = sha1(JSON.stringify([CACHE_SALT, unit.source.path, ctx.basePath, unit.id, unit.type, unit.body, used.map((n) => [n, ctx.vars[n]]), ctx.stringsKey, ctx.unitsKey]));
    const hit = this.map.get(inputKey);
    if (hit && depsValid(hit.deps)) {
      this.hits++;
      // Same tree and diagnostics; the unit object is this edition's (title, fallback, … may differ).
      return hit.unit === unit ? hit : withUnit(hit, unit);
    }
    const transform = async (): Promise<ParsedUnit> => {
      const bodyKey = sha1(CACHE_SALT + unit.body);
      let mdast = this.mdast.get(bodyKey) ?? this.disk?.get<MdastRoot>('mdast', bodyKey);
      if (!mdast) {
        this.markdownParses++;
        mdast = parseMarkdown(this.processor, unit.body, unit.source.path);
        this.disk?.set('mdast', bodyKey, mdast);
      }
      this.mdast.set(bodyKey, mdast);
      return parseUnit(this.processor, { unit, root: ctx.root, basePath: ctx.basePath, unitsByPath: ctx.unitsByPath, vars: ctx.vars, strings: ctx.strings }, mdast);
    };
    const stored = this.disk?.get<UnitEntry>('unit', inputKey);
    const entry = stored && depsValid(stored.deps) ? stored : undefined;
    let parsed: ParsedUnit;
    if (entry) {
      this.hits++;
      const key = entry.key;
      // The tree is read from disk only if a page needs it (its fragments were not cached).
      let tree: Root | undefined;
      const disk = this.disk!;
      parsed = {
        unit,
        key,
        diagnostics: entry.diagnostics,
        assets: new Map(entry.assets),
        deps: new Map(entry.deps),
        get tree(): Root {
          tree ??= disk.get<Root>('hast', key);
          if (!tree) throw new Error(`internal: cached tree ${key} vanished; delete .trainpack-cache and build again`);
          return tree;
        },
      };
    } else {
      this.misses++;
      const fresh = await transform();
      // Trees and fragments are named by the inputs and by the files read, so a changed image makes new ones.
      const key = sha1(inputKey + JSON.stringify([...fresh.deps]));
      parsed = { ...fresh, key };
      this.disk?.set('unit', inputKey, { key, diagnostics: parsed.diagnostics, assets: [...parsed.assets], deps: [...parsed.deps] } satisfies UnitEntry);
      this.disk?.set('hast', key, parsed.tree);
    }
    this.map.set(inputKey, parsed);
    return parsed;
  }

  /** Forget everything held in memory (after a template or trainpack change in a long-lived process). */
  clear(): void {
    this.map.clear();
    this.mdast.clear();
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The same parse result for another edition's unit object, keeping a lazy tree lazy. */
function withUnit(p: ParsedUnit, unit: Unit): ParsedUnit {
  return { unit, key: p.key, diagnostics: p.diagnostics, assets: p.assets, deps: p.deps, get tree() { return p.tree; } };
}

/** Where a unit's relative links resolve from when its own folder lacks the target: the base location. */
export function basePathOf(edition: Edition, unit: Unit): string {
  return path.join(edition.curriculum.root, 'modules', ...unit.source.rel.split('/').slice(-2));
}

// A link to a unit names its file, so every `.md` name in the text (plain,
// percent-encoded or in <angle brackets>) is a unit it may link to.
const MD_NAME = /<([^<>\n]+?\.md)(?=[#?>])|([^\s()<>"'[\]]+?\.md)(?=[#?)\s>"'\]]|$)/gm;
const namesByUnit = new WeakMap<Unit, string[]>();

function mdNames(unit: Unit): string[] {
  let names = namesByUnit.get(unit);
  if (!names) {
    names = [...unit.body.matchAll(MD_NAME)].map((m) => {
      const raw = m[1] ?? m[2]!;
      try {
        return path.posix.basename(decodeURIComponent(raw));
      } catch {
        return path.posix.basename(raw);
      }
    });
    namesByUnit.set(unit, names);
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

/** Parse every unit of an edition; diagnostics go to `diags`. */
export async function parseEdition(edition: Edition, cache: ParseCache, diags: Diagnostics): Promise<PreparedEdition> {
  const templates = new Templates(edition.templateDirs);
  const { strings, missing } = templates.strings(edition.language, edition.stringOverrides);
  const { units, unitsByPath, byName } = unitsIndex(edition);
  const stringsKey = createHash('sha1').update(JSON.stringify(strings)).digest('hex');
  const root = edition.curriculum.root;
  const results = await Promise.all(
    units.map((unit) => cache.parse(unit, { root, basePath: basePathOf(edition, unit), unitsByPath, unitsKey: linkedUnitsKey(unit, byName), vars: edition.vars, strings, stringsKey })),
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
  const editions = (await resolveEditions(curriculum, { overlays: options.overlays ?? [], all: options.all ?? false }, diags)).map((e) =>
    selectEdition(e, { modules: options.modules, units: options.units }, diags),
  );
  const prepared: PreparedEdition[] = [];
  for (const edition of editions) prepared.push(await parseEdition(edition, cache, diags));
  return { curriculum, editions: prepared, diagnostics: diags };
}
