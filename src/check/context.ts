/**
 * What every rule family of `trainpack check` shares: the prepared editions,
 * the diagnostics collector, and cached lookups that turn a YAML key or a
 * front-matter field back into a `file:line:col` (issue 6).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, type Diagnostic, type Location } from '../errors.js';
import { exists, readYamlFile, splitFrontMatter } from '../load/files.js';
import type { PositionedYaml } from '../load/yaml.js';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import type { Prepared, PreparedEdition } from '../pipeline.js';

/** One rule family: reads the prepared editions, adds diagnostics. */
export type RuleFamily = (ctx: CheckContext) => void | Promise<void>;

/** Shared state of one check run. */
export class CheckContext {
  /** Lookups re-read files whose problems load already reported: their diagnostics go here, unused. */
  private readonly scratch = new Diagnostics();
  private readonly yamlFiles = new Map<string, Promise<PositionedYaml | undefined>>();
  private readonly frontMatters = new Map<string, Promise<PositionedYaml | undefined>>();

  constructor(
    readonly prepared: Prepared,
    readonly diags: Diagnostics,
    /** The editions are a workshop selection (`--modules`, `--units`), not every unit. */
    readonly partial = false,
  ) {}

  get root(): string {
    return this.prepared.curriculum.root;
  }

  get editions(): PreparedEdition[] {
    return this.prepared.editions;
  }

  /** A YAML file of the curriculum (`curriculum.yml`, `overlays/x/overlay.yml`) with positions. */
  yaml(rel: string): Promise<PositionedYaml | undefined> {
    let hit = this.yamlFiles.get(rel);
    if (!hit) {
      hit = readYamlFile(path.join(this.root, rel), rel, this.scratch);
      this.yamlFiles.set(rel, hit);
    }
    return hit;
  }

  /** Where the key at `keyPath` of a YAML file is written (line 1 when the file cannot be read). */
  async yamlKey(rel: string, keyPath: PropertyKey[]): Promise<Location> {
    const yaml = await this.yaml(rel);
    return { file: rel, ...(yaml ? yaml.locateKey(keyPath) : { line: 1, column: 1 }) };
  }

  /** The front matter of a Markdown file of the curriculum, with positions. */
  frontMatter(rel: string, text?: string): Promise<PositionedYaml | undefined> {
    let hit = this.frontMatters.get(rel);
    if (!hit) {
      hit = (async () => {
        const abs = path.join(this.root, rel);
        const source = text ?? ((await exists(abs)) ? await readFile(abs, 'utf8') : undefined);
        return source === undefined ? undefined : splitFrontMatter(source, rel, this.scratch).yaml;
      })();
      this.frontMatters.set(rel, hit);
    }
    return hit;
  }

  /**
   * Where a unit's front-matter field is written: the highest overlay patch
   * (`<name>.patch.md`) of its chain that sets it, else the unit's own file.
   * A field the file leaves out (a default) points at the front matter's start.
   */
  async unitKey(unit: Unit, key: string): Promise<Location> {
    const [dir, name] = unit.source.rel.split('/').slice(-2) as [string, string];
    for (const layer of [...unit.provenance].reverse()) {
      if (layer === 'base') continue;
      const rel = `overlays/${layer}/modules/${dir}/${name.replace(/\.md$/, '.patch.md')}`;
      const fm = await this.frontMatter(rel);
      if (fm && typeof fm.data === 'object' && fm.data !== null && key in fm.data) return { file: rel, ...fm.locateKey([key]) };
    }
    const fm = await this.frontMatter(unit.source.rel, unit.text);
    return { file: unit.source.rel, ...(fm ? fm.locateKey([key]) : { line: 1, column: 1 }) };
  }
}

/** Each parsed unit of the run once (editions share trees through the parse cache). */
export function distinctUnits(ctx: CheckContext): ParsedUnit[] {
  const seen = new Set<unknown>();
  const out: ParsedUnit[] = [];
  for (const e of ctx.editions) {
    for (const p of e.parsed.values()) {
      // The parse key names a parse; without a cache (key ''), the facts object does.
      const id = p.key || p.facts;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(p);
    }
  }
  return out;
}

/**
 * Findings that depend on the edition (a link to a heading that one
 * translation renamed): each is reported once, naming the editions it holds
 * in when that is not every checked edition that has the file.
 */
export class EditionFindings {
  private readonly found = new Map<string, { d: Diagnostic; editions: string[] }>();
  private readonly holders = new Map<string, Set<string>>();

  /** Record that `edition` has the source file `file` (so a finding there may concern it). */
  has(edition: string, file: string): void {
    const set = this.holders.get(file) ?? new Set<string>();
    set.add(edition);
    this.holders.set(file, set);
  }

  add(edition: string, d: Diagnostic): void {
    this.has(edition, d.file);
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    const entry = this.found.get(key);
    if (entry) {
      if (!entry.editions.includes(edition)) entry.editions.push(edition);
    } else this.found.set(key, { d, editions: [edition] });
  }

  flush(diags: Diagnostics): void {
    for (const { d, editions } of this.found.values()) {
      const all = editions.length >= (this.holders.get(d.file)?.size ?? 0);
      diags.add(all ? d : { ...d, message: `${d.message} (edition${editions.length === 1 ? '' : 's'} ${editions.join(', ')})` });
    }
  }
}
