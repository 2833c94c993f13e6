/**
 * Emit stage: write editions into a staging folder beside the output and
 * swap each into place only when the whole build succeeded. A failed build
 * leaves the previous output untouched, and a folder trainpack did not
 * create is never replaced. One build at a time writes to an output folder
 * (./lock.ts), and a build killed at any point leaves, for each edition, the
 * previous output or the new one: the next build completes or undoes its
 * swap before anything else (./recover.ts).
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { exists } from '../load/files.js';
import { lockOutput, tryLock, type Lock } from './lock.js';
import { JOURNAL, STAGING_PREFIX, finishSwap, oldDir, recoverOutput } from './recover.js';

/**
 * Test hook: `TRAINPACK_TEST_KILL_AT=<point>` kills the process (SIGKILL, no
 * clean-up) at that point of a build's output, as a power cut or `kill -9`
 * would: `staged` (files written, swap not begun), `journal` (swap journal
 * written), `between-renames` (the previous edition set aside, the new one
 * not yet in place), `swapped` (the first edition swapped, its old copy not
 * yet removed).
 */
function killPoint(point: string): Promise<void> {
  if (process.env.TRAINPACK_TEST_KILL_AT !== point) return Promise.resolve();
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => {});
}

/**
 * Before a build reads its output folder: complete or undo what a killed
 * build left there, unless a live build holds the folder (it does that itself).
 */
export async function recoverInterrupted(out: string): Promise<void> {
  if (!(await exists(out))) return;
  const got = await tryLock(out);
  if (!('release' in got)) return;
  try {
    await recoverOutput(out);
  } finally {
    await got.release();
  }
}

/** Marks a folder as trainpack output, so it may be replaced by the next build. */
export const MARKER = '.trainpack-output';
const MARKER_TEXT = 'This folder is written by trainpack and replaced on every build.\n';

/** The files of one edition. */
export interface EditionFiles {
  id: string;
  files: Map<string, string | Buffer>;
  /** Output path (relative to the edition) -> source file to copy. */
  copies: Map<string, string>;
  /** Output path -> a file of the last build to keep (hard-linked, else copied). */
  links?: Map<string, string>;
  /** Output path -> the key of what it holds (render/pages.ts pageKey()): recorded for the next build. */
  keys?: Map<string, Recorded>;
}

/** What the marker file records of each keyed file, so the next build can keep it. */
interface ManifestEntry {
  key: string;
  size: number;
  mtimeMs: number;
  /** Warnings making the file gave (printing a PDF): given again when it is kept. */
  notes?: Diagnostic[];
  /** A whole page's skeleton key and slots (render/slots.ts), so the next build can splice it. */
  skeleton?: string;
  slots?: [string, number, number][];
}

/** A file's key, with the warnings making it gave, or a page's skeleton and slots. */
export type Recorded = string | { key: string; notes?: Diagnostic[]; skeleton?: string; slots?: [string, number, number][] };

/**
 * The files of the last build in an edition folder that may be kept: those
 * recorded with a key whose size and modification time are still the same
 * (a file changed by hand is made again).
 */
export class LastBuild {
  private constructor(
    readonly dir: string,
    private readonly entries: Map<string, ManifestEntry>,
  ) {}

  static async read(dir: string): Promise<LastBuild> {
    const entries = new Map<string, ManifestEntry>();
    try {
      const [, json] = (await readFile(path.join(dir, MARKER), 'utf8')).split('\n');
      const files = (JSON.parse(json ?? '') as { files?: Record<string, ManifestEntry> }).files ?? {};
      for (const [rel, e] of Object.entries(files)) {
        if (typeof e?.key === 'string' && typeof e.size === 'number' && typeof e.mtimeMs === 'number') {
          if (e.slots !== undefined && !(Array.isArray(e.slots) && e.slots.every((x) => Array.isArray(x) && x.length === 3))) delete e.slots;
          entries.set(rel, e);
        }
      }
    } catch {
      // No marker, an old one, or unreadable: nothing to keep.
    }
    return new LastBuild(dir, entries);
  }

  /** The last build's page with its skeleton and slots, if recorded and untouched since. */
  previous(rel: string): { file: string; skeleton: string; slots: [string, number, number][] } | undefined {
    const e = this.entries.get(rel);
    if (!e?.skeleton || !e.slots) return undefined;
    const file = this.kept(rel, e.key)?.file;
    return file ? { file, skeleton: e.skeleton, slots: e.slots } : undefined;
  }

  /**
   * The last build's file for `rel` if it holds `key` and looks untouched,
   * with what was recorded with it (warnings, a page's skeleton and slots).
   */
  kept(rel: string, key: string): { file: string; notes: Diagnostic[]; skeleton?: string; slots?: [string, number, number][] } | undefined {
    const e = this.entries.get(rel);
    if (!e || e.key !== key) return undefined;
    const file = path.join(this.dir, rel);
    try {
      const st = statSync(file);
      return st.size === e.size && st.mtimeMs === e.mtimeMs ? { file, notes: e.notes ?? [], skeleton: e.skeleton, slots: e.slots } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A staging area that becomes the output on `commit()`. */
export class Staging {
  readonly dir: string;
  private readonly keys = new Map<string, Map<string, Recorded>>();
  private constructor(readonly out: string, dir: string, private readonly lock: Lock) {
    this.dir = dir;
  }

  /** Check the output folder is safe to write, and create the staging folder. */
  static async open(out: string, sourceRoot: string): Promise<Staging> {
    const o = path.resolve(out);
    const src = path.resolve(sourceRoot);
    if (o === src || src.startsWith(o + path.sep)) {
      const diags = new Diagnostics();
      diags.error('output', `The output folder ${out} contains the curriculum itself; trainpack will not write there`, { file: out });
      throw new TrainpackError(diags.list);
    }
    await mkdir(o, { recursive: true });
    const lock = await lockOutput(o, (h) => process.stderr.write(`Waiting for the trainpack build (pid ${h.pid}) writing to ${o}…\n`));
    try {
      await recoverOutput(o);
      const dir = path.join(o, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
      await mkdir(dir, { recursive: true });
      return new Staging(o, dir, lock);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  /** Folder of one edition inside the staging area. */
  editionDir(id: string): string {
    return path.join(this.dir, id);
  }

  /** Write an edition's files into staging. */
  async write(edition: EditionFiles): Promise<string[]> {
    const base = this.editionDir(edition.id);
    const written: string[] = [];
    const dirs = new Set<string>();
    for (const rel of [...edition.files.keys(), ...edition.copies.keys()]) dirs.add(path.dirname(path.join(base, rel)));
    const links = edition.links ?? new Map<string, string>();
    for (const rel of links.keys()) dirs.add(path.dirname(path.join(base, rel)));
    await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
    await Promise.all([
      ...[...edition.files].map(([rel, content]) => writeFile(path.join(base, rel), content)),
      ...[...edition.copies].map(([rel, src]) => copyFile(src, path.join(base, rel))),
      ...[...links].map(([rel, src]) => link(src, path.join(base, rel)).catch(() => copyFile(src, path.join(base, rel)))),
    ]);
    written.push(...edition.files.keys(), ...edition.copies.keys(), ...links.keys());
    await this.record(edition.id, edition.keys ?? new Map());
    return written;
  }

  /** Write (or rewrite) an edition's marker, recording the keyed files as they are now. */
  async record(id: string, keys: Map<string, Recorded>): Promise<void> {
    const base = this.editionDir(id);
    this.keys.set(id, new Map([...(this.keys.get(id) ?? []), ...keys]));
    const files: Record<string, ManifestEntry> = {};
    for (const [rel, r] of this.keys.get(id)!) {
      try {
        const st = await stat(path.join(base, rel));
        const { key, notes = [], skeleton, slots } = typeof r === 'string' ? { key: r } : r;
        files[rel] = { key, size: st.size, mtimeMs: st.mtimeMs, ...(notes.length ? { notes } : {}), ...(skeleton && slots ? { skeleton, slots } : {}) };
      } catch {
        // Not written after all: nothing to record.
      }
    }
    await writeFile(path.join(base, MARKER), MARKER_TEXT + JSON.stringify({ files }) + '\n');
  }

  /** Swap every staged edition into `<out>/<id>`; `swapped` runs after the swap, before the lock is released. */
  async commit(swapped?: (ids: string[]) => Promise<void>): Promise<void> {
    const ids = (await readdir(this.dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const id of ids) {
      const target = path.join(this.out, id);
      if ((await exists(target)) && !(await exists(path.join(target, MARKER)))) {
        const nonEmpty = (await stat(target)).isDirectory() ? (await readdir(target)).length > 0 : true;
        if (nonEmpty) {
          const diags = new Diagnostics();
          diags.error('output', `${target} exists and was not written by trainpack; it will not be replaced`, { file: target }, 'Move it away or choose another --out folder.');
          await this.discard();
          throw new TrainpackError(diags.list);
        }
      }
    }
    await killPoint('staged');
    // The journal says the build succeeded: from here a killed swap is completed by the next build.
    await writeFile(path.join(this.dir, JOURNAL), JSON.stringify(ids));
    await killPoint('journal');
    for (const id of ids) {
      const target = path.join(this.out, id);
      if (await exists(target)) {
        await rename(target, oldDir(this.dir, id));
        await killPoint('between-renames');
      }
      await rename(path.join(this.dir, id), target);
      await killPoint('swapped');
      await finishSwap(this.out, this.dir, id);
    }
    await rm(this.dir, { recursive: true, force: true });
    try {
      await swapped?.(ids);
    } finally {
      await this.lock.release();
    }
  }

  /** Throw the staging area away (after a failure). */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await this.lock.release();
  }
}
