/**
 * "Nothing changed since the last build", decided before the pipeline loads.
 *
 * A build with the persistent cache on records, in the cache folder, what it
 * read and what it wrote: the signature (size, modification time, link
 * target) of every file in the curriculum folder, of trainpack's own code
 * and templates, the options and the environment variables that change an
 * output, and the size and modification time of every file it wrote. The
 * next build with the same options first takes the same signatures: when
 * every input and every output is as recorded, the outputs are already what
 * a build would write, and it reports the last result again (warnings
 * included) without loading the pipeline. Anything else, or any doubt, runs
 * the whole build (which keeps unchanged pages itself, emit/reuse.ts).
 *
 * Signatures are taken before the build reads anything, so an edit made
 * while a build runs is seen by the next one. A file modified less than
 * RACY_MS before the signatures were taken could change again within the
 * same modification-time tick (2 s on FAT, which a USB stick uses) with the
 * same size: such a build records nothing, as git does with "racily clean"
 * entries, and the next build runs in full.
 *
 * This module loads nothing of the pipeline: the CLI asks it first.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file modified this recently when the signatures are taken makes the build's record unsafe. */
export const RACY_MS = 3000;
/** Bump when the record's shape or what it covers changes. */
const RECORD_FORMAT = 1;

/** Folders of a curriculum that are not its input: the cache, version control, installed packages. */
const SKIP = new Set(['.trainpack-cache', '.git', '.hg', '.svn', 'node_modules']);

/** Environment variables that change what a build writes. */
const ENV = ['SOURCE_DATE_EPOCH', 'TRAINPACK_PDF_CONCURRENCY'];

/** trainpack's package folder: two levels above this file, bundled (dist/bundle) or not (dist/emit). */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.resolve(HERE, '../..');
const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The inputs of a build, as signatures: `key` names them all, `racy` says one was modified too recently. */
export interface InputSnapshot {
  key: string;
  racy: boolean;
  /** Where the record of a build with these options lives (in the curriculum's cache folder). */
  record: string;
  out: string;
}

/** One output file as written. */
type OutputStamp = [rel: string, size: number, mtimeMs: number];

/** What a build records for the next: its inputs' key, every output file's stamp and its result. */
interface BuildRecord<R> {
  format: number;
  inputs: string;
  outputs: OutputStamp[];
  result: R;
}

function stamp(st: Stats): string {
  return `${st.size}:${st.mtimeMs}`;
}

/**
 * Add every file under `dir` to the hash, in a stable order: its path, size
 * and modification time; a link's target as written and, when it exists,
 * what it points to. Folders that are symbolic links are not walked (a link
 * inside the curriculum names files the walk meets anyway; one leaving it is
 * refused by the build). Returns the newest modification time seen.
 */
function walk(hash: ReturnType<typeof createHash>, dir: string, rel: string, skip: (abs: string, name: string) => boolean): number {
  let newest = 0;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    hash.update(`\0unreadable:${rel}`);
    return 0;
  }
  for (const name of names) {
    const abs = path.join(dir, name);
    if (skip(abs, name)) continue;
    const r = rel ? `${rel}/${name}` : name;
    let st: Stats;
    try {
      st = lstatSync(abs);
    } catch {
      hash.update(`\0gone:${r}`);
      continue;
    }
    // A folder's own time changes when its entries do, which the walk sees by name.
    if (!st.isDirectory()) newest = Math.max(newest, st.mtimeMs);
    if (st.isSymbolicLink()) {
      let target = '';
      let to = 'missing';
      try {
        target = readlinkSync(abs);
        const t = statSync(abs);
        to = t.isDirectory() ? 'dir' : stamp(t);
        newest = Math.max(newest, t.mtimeMs);
      } catch {
        // A dangling link: the build reports it.
      }
      hash.update(`\0L${r}\0${target}\0${to}`);
    } else if (st.isDirectory()) {
      hash.update(`\0D${r}`);
      newest = Math.max(newest, walk(hash, abs, r, skip));
    } else {
      hash.update(`\0F${r}\0${stamp(st)}`);
    }
  }
  return newest;
}

/**
 * Take the signatures of a build's inputs. `options` are the build's options
 * that change its outputs, as the CLI got them.
 */
export function snapshotInputs(dir: string, out: string, options: Record<string, unknown>): InputSnapshot {
  const root = path.resolve(dir);
  const outDir = path.resolve(out);
  const now = Date.now();
  const hash = createHash('sha1');
  hash.update(JSON.stringify([RECORD_FORMAT, pkg.version, process.version, root, outDir, options, ENV.map((k) => process.env[k] ?? null)]));
  // The curriculum folder, less the cache, version control and an output folder inside it.
  let newest = walk(hash, root, '', (abs, name) => SKIP.has(name) || abs === outDir);
  // trainpack itself: its code, templates and installed dependencies (a local change or an update changes outputs).
  hash.update('\0trainpack');
  for (const sub of ['dist', 'templates']) walk(hash, path.join(PACKAGE, sub), sub, (_abs, name) => name === 'node_modules');
  for (const file of ['package.json', 'node_modules/.package-lock.json']) {
    try {
      hash.update(`\0${file}\0${stamp(statSync(path.join(PACKAGE, file)))}`);
    } catch {
      hash.update(`\0${file}\0none`);
    }
  }
  const key = hash.digest('hex');
  if (newest > now) newest = Infinity; // a clock ahead of ours: no record can be trusted
  const optionsKey = createHash('sha1').update(JSON.stringify([root, outDir, options])).digest('hex').slice(0, 16);
  return { key, racy: newest > now - RACY_MS, record: path.join(root, '.trainpack-cache', 'builds', `${optionsKey}.json`), out: outDir };
}

/** The stamp of every file under `dir` (relative to `base`), for the record. */
function outputStamps(base: string, dir: string, into: OutputStamp[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) outputStamps(base, abs, into);
    else {
      const st = lstatSync(abs);
      into.push([path.relative(base, abs).split(path.sep).join('/'), st.size, st.mtimeMs]);
    }
  }
}

/**
 * The result the last build with these inputs recorded, if every file it
 * wrote is still there as written and nothing else is in its edition
 * folders; otherwise undefined (run the build).
 */
export async function unchangedResult<R>(snap: InputSnapshot): Promise<R | undefined> {
  let record: BuildRecord<R>;
  try {
    record = JSON.parse(await readFile(snap.record, 'utf8')) as BuildRecord<R>;
  } catch {
    return undefined;
  }
  if (record.format !== RECORD_FORMAT || record.inputs !== snap.key || !Array.isArray(record.outputs)) return undefined;
  try {
    // A lock or a staging folder in the output folder: a build runs or was killed; the full build deals with it.
    const top = readdirSync(snap.out);
    if (top.some((n) => n.startsWith('.trainpack'))) return undefined;
    const editions = new Set(record.outputs.map(([rel]) => rel.split('/')[0]!));
    const now: OutputStamp[] = [];
    for (const id of editions) outputStamps(snap.out, path.join(snap.out, id), now);
    if (now.length !== record.outputs.length) return undefined;
    const recorded = new Map(record.outputs.map(([rel, size, mtime]) => [rel, `${size}:${mtime}`]));
    for (const [rel, size, mtime] of now) if (recorded.get(rel) !== `${size}:${mtime}`) return undefined;
  } catch {
    return undefined;
  }
  return record.result;
}

/**
 * After a build succeeded, while it still holds the output folder's lock:
 * record its inputs, its outputs (every file of the editions it wrote) and
 * its result for the next build. Nothing is recorded when an input was
 * modified too recently to be trusted (and an older record is removed); a
 * record that cannot be written only means the next build runs in full.
 */
export async function rememberBuild<R>(snap: InputSnapshot, editions: string[], result: R): Promise<void> {
  try {
    if (snap.racy) {
      await rm(snap.record, { force: true });
      return;
    }
    const outputs: OutputStamp[] = [];
    for (const id of editions) outputStamps(snap.out, path.join(snap.out, id), outputs);
    const record: BuildRecord<R> = { format: RECORD_FORMAT, inputs: snap.key, outputs, result };
    await mkdir(path.dirname(snap.record), { recursive: true });
    const tmp = `${snap.record}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(record));
    await rename(tmp, snap.record);
  } catch {
    // Only slower next time.
  }
}
