/**
 * `trainpack check` (issue 6): every problem of a curriculum in one run,
 * without rendering anything. The load, resolve and parse stages report
 * what they find on the way (`prepare()`); `runChecks()` adds the rules of
 * this folder, one file per family:
 *
 * | file          | rules                                                                  |
 * |---------------|------------------------------------------------------------------------|
 * | content.ts    | too-few-roles, empty-unit, untitled-slide, missing-solution             |
 * | links.ts      | broken-anchor, missing-alt                                              |
 * | vars.ts       | unused-var                                                              |
 * | overlays.ts   | stale-overlay, unrecorded-overlay, orphaned-overlay, missing-strings    |
 * | time.ts       | unit-too-long, agenda-overflow, exercise-overrun, module-overrun, module-start |
 * | translation.ts| fuzzy-translation (translation, translation-placeholder: resolve stage) |
 *
 * The rules read what each parse found (markdown/facts.ts), never a tree: a
 * check whose units are all in `.trainpack-cache` parses and loads nothing.
 */
import path from 'node:path';
import { Diagnostics, sortDiagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { DiskCache } from '../cache/disk.js';
import { ParseCache, prepare, type Prepared } from '../pipeline.js';
import { checkContent } from './content.js';
import { CheckContext, type RuleFamily } from './context.js';
import { checkLinks } from './links.js';
import { checkOverlays } from './overlays.js';
import { checkTheme } from './theme.js';
import { checkTime } from './time.js';
import { checkTranslations } from './translation.js';
import { checkVars } from './vars.js';

/** Options of `check()`; the CLI flags map one to one. */
export interface CheckOptions {
  /** Curriculum folder. */
  dir: string;
  /** Overlay ids to check (each as its own edition). Empty: the base only. */
  overlays?: string[];
  /** Check the base and every overlay. */
  all?: boolean;
  /** A parse cache to reuse across runs in one process. */
  cache?: ParseCache;
  /** Use the persistent cache in `<dir>/.trainpack-cache/`, shared with build (default true). */
  persistentCache?: boolean;
}

/**
 * What `check()` found. `trainpack check --json` prints this object
 * with `ok` added, on stdout:
 *
 * ```json
 * {
 *   "ok": false,                       // false when the exit code is 1 (errors, or warnings with --strict)
 *   "root": "/abs/path/to/curriculum", // every `file` below is relative to it, with forward slashes
 *   "editions": ["base", "fr"],        // the editions checked (empty when curriculum.yml is unusable)
 *   "errors": 1,
 *   "warnings": 1,
 *   "diagnostics": [                   // sorted by file, line, column
 *     {
 *       "severity": "error",           // "error" | "warning"
 *       "rule": "broken-anchor",       // permanent rule id (src/errors.ts RULES)
 *       "message": "Link to #nope goes nowhere: no heading or anchor has that id",
 *       "file": "modules/01-intro/01-welcome.md",
 *       "line": 12,                    // 1-based; absent when the problem has no place in the file
 *       "column": 5,                   // 1-based; absent likewise
 *       "hint": "Link to a heading that exists: …"   // one line saying what to do
 *     }
 *   ]
 * }
 * ```
 */
export interface CheckResult {
  /** Absolute curriculum folder; diagnostic files are relative to it. */
  root: string;
  /** Ids of the editions checked. */
  editions: string[];
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

const FAMILIES: RuleFamily[] = [checkContent, checkLinks, checkVars, checkOverlays, checkTime, checkTheme, checkTranslations];

/** Options of `runChecks()`. */
export interface RunChecksOptions {
  /**
   * The editions were prepared with a workshop selection (`modules` or
   * `units`): rules that need every unit (an overlay's unused vars) skip.
   */
  partial?: boolean;
}

/**
 * Add the diagnostics of the check rules for editions that are already
 * prepared. `check()` and `build()` both call it after `prepare()`.
 */
export async function runChecks(prepared: Prepared, diags: Diagnostics, options: RunChecksOptions = {}): Promise<void> {
  const ctx = new CheckContext(prepared, diags, options.partial ?? false);
  for (const family of FAMILIES) await family(ctx);
}

/** Check a curriculum: load, resolve, parse and the check rules. Never throws for curriculum problems. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const diags = new Diagnostics();
  let root = path.resolve(options.dir);
  let editions: string[] = [];
  try {
    let cache = options.cache;
    if (!cache) {
      cache = new ParseCache(options.persistentCache === false ? undefined : new DiskCache(path.join(root, '.trainpack-cache')));
      // The rules read each unit's facts, never its tree; workers parse without rendering.
      cache.keepTrees = false;
      cache.workers = { render: false };
    }
    const prepared = await prepare({ dir: options.dir, overlays: options.overlays, all: options.all }, cache, diags);
    root = prepared.curriculum.root;
    editions = prepared.editions.map((e) => e.edition.id);
    await runChecks(prepared, diags);
    if (!options.cache) await cache.close();
    await cache.disk?.flush();
  } catch (err) {
    // Only an unusable curriculum.yml stops prepare(); what it found is the report.
    if (!(err instanceof TrainpackError)) throw err;
    for (const d of err.diagnostics) diags.add(d);
  }
  const diagnostics = sortDiagnostics(diags.list);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { root, editions, diagnostics, errors, warnings: diagnostics.length - errors };
}
