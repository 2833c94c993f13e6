/**
 * Memo tables: results of pure functions of a text (a unit's validated
 * front matter, the sections of a text a patch applies to), by a hash of
 * that text. They live for the process (`trainpack dev` rebuilds) and, saved
 * through the persistent cache, across runs: the pipeline seeds them before
 * loading and saves those that gained entries (pipeline.ts prepare()).
 *
 * A table only ever holds what its function returns for the text; callers
 * store a result only when computing it raised no diagnostic, so a problem
 * is always found again, with its place, by computing afresh.
 */
import { createHash } from 'node:crypto';
import { Diagnostics } from '../errors.js';
import type { DiskCache } from './disk.js';

/** The hex SHA-1 of a text: every content key of the caches. */
export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class Memo<T> {
  private readonly map = new Map<string, T>();
  /** Keys read or written since the last save: what a saved table keeps. */
  private used = new Set<string>();
  private fresh = false;

  constructor(readonly name: string) {}

  /** Saved entries not read yet: read at the first look-up (a large table a build does not use costs nothing). */
  private pending?: () => unknown;

  seedLater(load: () => unknown): void {
    this.pending = load;
  }

  get(key: string): T | undefined {
    if (this.pending) {
      const load = this.pending;
      this.pending = undefined;
      this.seed(load());
    }
    const v = this.map.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  set(key: string, value: T): void {
    this.map.set(key, value);
    this.used.add(key);
    this.fresh = true;
  }

  /**
   * The value kept for `text`, else `compute` run with diagnostics of its
   * own, which are then passed on to `diags`. The result is kept only when
   * computing it reported nothing, so a problem is found again, with its
   * place, every time.
   */
  checked(text: string, diags: Diagnostics, compute: (local: Diagnostics) => T | undefined): T | undefined {
    const key = sha1(text);
    const known = this.get(key);
    if (known !== undefined) return known;
    const local = new Diagnostics();
    const value = compute(local);
    for (const d of local.list) diags.add(d);
    if (value !== undefined && local.list.length === 0) this.set(key, value);
    return value;
  }

  seed(entries: unknown): void {
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return;
    for (const [k, v] of Object.entries(entries as Record<string, T>)) if (!this.map.has(k)) this.map.set(k, v);
  }

  /** The entries used since the last call when one of them is new; undefined when there is nothing to save. */
  take(): Record<string, T> | undefined {
    const used = this.used;
    const fresh = this.fresh;
    this.used = new Set();
    this.fresh = false;
    return fresh ? Object.fromEntries([...used].map((k) => [k, this.map.get(k)!])) : undefined;
  }
}

const tables = new Map<string, Memo<unknown>>();

/** The process-wide table of this name. */
export function memoTable<T>(name: string): Memo<T> {
  let t = tables.get(name);
  if (!t) tables.set(name, (t = new Memo<unknown>(name)));
  return t as Memo<T>;
}

/** Load every known table's saved entries (once per cache folder and process). */
const seeded = new Set<string>();
export function seedMemos(disk: DiskCache, names: string[]): void {
  for (const name of names) {
    if (seeded.has(`${disk.dir}\0${name}`)) continue;
    seeded.add(`${disk.dir}\0${name}`);
    memoTable(name).seedLater(() => disk.get('tables', name));
  }
}

/** Save the tables that gained entries since the last save. */
export function saveMemos(disk: DiskCache, names: string[]): void {
  for (const name of names) {
    const entries = memoTable(name).take();
    if (entries) disk.set('tables', name, entries);
  }
}
