/**
 * Staying in step with upstream (FORMAT.md section 5): which overlay files
 * are current, stale, unrecorded or orphaned, how much of each language
 * overlay is translated, and the `ack`, `diff` and `init` operations.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Diagnostics, TrainpackError } from '../errors.js';
import { loadCurriculum } from '../load/curriculum.js';
import { exists, isDir, listDir, relPath, splitFrontMatter, splitRaw } from '../load/files.js';
import { chainOf, loadOverlays, type Overlay } from './layers.js';
import { resolveChain } from './overlays.js';
import { fileBlobHash } from './githash.js';
import { catalogueStatus, type CatalogueStatus } from '../translate/status.js';

const run = promisify(execFile);

export type FileState = 'current' | 'stale' | 'unrecorded' | 'orphaned' | 'added';

export interface FileStatus {
  overlay: string;
  /** The overlay file, relative to the curriculum root. */
  file: string;
  kind: 'replace' | 'patch' | 'add';
  state: FileState;
  /** The file below it (relative), when there is one. */
  below?: string;
  recorded?: string;
  actual?: string;
}

export interface TranslationStatus {
  overlay: string;
  language: string;
  parentLanguage: string;
  translated: number;
  total: number;
  /** translated / total, 0..1. */
  share: number;
}

export interface OverlayStatus {
  files: FileStatus[];
  translations: TranslationStatus[];
  /** Catalogues (`translation.po`), message by message (src/translate/status.ts). */
  catalogues: CatalogueStatus[];
}

/** Every `.md` file under an overlay's modules/ (replace, patch and added files), relative to the overlay folder. */
export async function overlayFiles(overlay: Overlay): Promise<string[]> {
  const out: string[] = [];
  const modules = path.join(overlay.dir, 'modules');
  if (!(await isDir(modules))) return out;
  for (const m of await listDir(modules)) {
    if (!m.dir) continue;
    for (const f of await listDir(path.join(modules, m.name))) if (!f.dir && f.name.endsWith('.md')) out.push(`modules/${m.name}/${f.name}`);
  }
  return out;
}

/** The full file at `key` in the layers below `chain`'s last one (closest first), else the base. */
export async function fileBelow(root: string, chain: Overlay[], key: string): Promise<string | undefined> {
  // Synchronous: a check asks this for every overlay file, and a stat is quicker than a thread-pool round trip.
  for (const layer of [...chain.slice(0, -1)].reverse()) {
    const p = path.join(layer.dir, key);
    if (existsSync(p)) return p;
  }
  const base = path.join(root, key);
  return existsSync(base) ? base : undefined;
}

/** `upstream: <40 hex>` on a line of its own, as `trainpack overlay ack` writes it. */
const UPSTREAM_LINE = /^upstream:[ \t]*(["']?)([0-9a-f]{40})\1[ \t]*(?:#.*)?$/m;

/**
 * The `upstream` hash an overlay file's text records. The usual line is read
 * without a YAML parse (a check reads hundreds of these files on every
 * build); anything else that mentions the key is parsed.
 */
export function upstreamIn(text: string, file: string): string | undefined {
  const { matter } = splitRaw(text);
  const line = UPSTREAM_LINE.exec(matter);
  if (line) return line[2];
  if (!matter.includes('upstream')) return undefined;
  const data = splitFrontMatter(text, file, new Diagnostics()).yaml?.data as { upstream?: unknown } | undefined;
  return typeof data?.upstream === 'string' ? data.upstream : undefined;
}

async function upstreamOf(file: string): Promise<string | undefined> {
  return upstreamIn(await readFile(file, 'utf8'), file);
}

/** Status of every overlay file (of one overlay, or all). */
export async function overlayStatus(dir: string, only?: string): Promise<OverlayStatus> {
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(dir, diags);
  const root = curriculum.root;
  const overlays = await loadOverlays(root, diags);
  if (only && !overlays.has(only)) diags.error('overlay', `No overlay "${only}"`, { file: `overlays/${only}/overlay.yml` });
  diags.throwIfErrors();
  const result: OverlayStatus = { files: [], translations: [], catalogues: [] };
  for (const overlay of overlays.values()) {
    if (only && overlay.id !== only) continue;
    const chain = chainOf(overlay.id, overlays, diags);
    if (!chain) continue;
    for (const rel of await overlayFiles(overlay)) {
      const abs = path.join(overlay.dir, rel);
      const patch = rel.endsWith('.patch.md');
      const key = patch ? rel.replace(/\.patch\.md$/, '.md') : rel;
      const below = await fileBelow(root, chain, key);
      const recorded = await upstreamOf(abs);
      const entry: FileStatus = { overlay: overlay.id, file: relPath(root, abs), kind: patch ? 'patch' : below ? 'replace' : 'add', state: 'current', recorded };
      if (!below) entry.state = patch || recorded ? 'orphaned' : 'added';
      else {
        entry.below = relPath(root, below);
        entry.actual = await fileBlobHash(below);
        entry.state = !recorded ? 'unrecorded' : recorded === entry.actual ? 'current' : 'stale';
      }
      result.files.push(entry);
    }
    const catalogue = await catalogueStatus(dir, overlay.id);
    if (catalogue) result.catalogues.push(catalogue);
    const parentLanguage = chain.slice(0, -1).reduce((l, o) => o.meta.language ?? l, curriculum.language);
    const language = overlay.meta.language ?? parentLanguage;
    if (language !== parentLanguage) {
      const edition = await resolveChain(curriculum, chain, diags);
      const units = edition.modules.flatMap((m) => m.units);
      const translated = units.filter((u) => !u.fallback).length;
      result.translations.push({ overlay: overlay.id, language, parentLanguage, translated, total: units.length, share: units.length ? translated / units.length : 1 });
    }
  }
  diags.throwIfErrors();
  return result;
}

/** Locate an overlay file given as a path (relative to cwd or to the curriculum). */
async function locate(dir: string, file: string) {
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(dir, diags);
  const root = curriculum.root;
  const abs = [path.resolve(file), path.resolve(root, file)].find((p) => p.startsWith(path.join(root, 'overlays') + path.sep));
  const rel = abs ? relPath(root, abs) : file;
  const m = /^overlays\/([^/]+)\/(modules\/.+\.md)$/.exec(rel);
  if (!abs || !m || !(await exists(abs))) {
    diags.error('overlay', `${file} is not a replace or patch file of an overlay`, { file }, 'Name a file under overlays/<id>/modules/.');
    throw new TrainpackError(diags.list);
  }
  const overlays = await loadOverlays(root, diags);
  const chain = chainOf(m[1]!, overlays, diags);
  diags.throwIfErrors();
  const key = m[2]!.replace(/\.patch\.md$/, '.md');
  const below = await fileBelow(root, chain!, key);
  if (!below) {
    diags.error('overlay', `${rel} has no file below it (orphaned)`, { file: rel });
    throw new TrainpackError(diags.list);
  }
  return { root, abs, rel, below };
}

/** Record the current hash of the file below in the overlay file's front matter. Returns the hash. */
export async function ackOverlayFile(dir: string, file: string): Promise<{ file: string; hash: string; previous?: string }> {
  const { abs, rel, below } = await locate(dir, file);
  const hash = await fileBlobHash(below);
  const text = await readFile(abs, 'utf8');
  const previous = await upstreamOf(abs);
  let next: string;
  if (/^---\r?\n/.test(text)) {
    const end = text.indexOf('\n---', 3);
    const head = text.slice(0, end);
    next = /^upstream:.*$/m.test(head)
      ? head.replace(/^upstream:.*$/m, `upstream: ${hash}`) + text.slice(end)
      : head + `\nupstream: ${hash}` + text.slice(end);
  } else {
    next = `---\nupstream: ${hash}\n---\n\n${text}`;
  }
  await writeFile(abs, next);
  return { file: rel, hash, previous };
}

/** What changed in the file below since the recorded hash, as a unified diff (needs git). */
export async function diffOverlayFile(dir: string, file: string): Promise<{ file: string; below: string; diff?: string; message?: string }> {
  const { root, abs, rel, below } = await locate(dir, file);
  const recorded = await upstreamOf(abs);
  const actual = await fileBlobHash(below);
  const belowRel = relPath(root, below);
  if (!recorded) return { file: rel, below: belowRel, message: `${rel} records no upstream hash; run \`trainpack overlay ack ${rel}\` after reviewing it.` };
  if (recorded === actual) return { file: rel, below: belowRel, message: `${belowRel} has not changed since ${rel} was written (current).` };
  let old: string;
  try {
    await run('git', ['rev-parse', '--git-dir'], { cwd: root });
  } catch {
    return { file: rel, below: belowRel, message: `${belowRel} changed since ${rel} was written (recorded ${recorded.slice(0, 10)}, now ${actual.slice(0, 10)}), but the curriculum is not a git repository, so the old text cannot be shown. Compare by hand, then run \`trainpack overlay ack ${rel}\`.` };
  }
  try {
    old = (await run('git', ['cat-file', '-p', recorded], { cwd: root, maxBuffer: 64 << 20 })).stdout;
  } catch {
    return { file: rel, below: belowRel, message: `${belowRel} changed since ${rel} was written, but git has no object ${recorded.slice(0, 10)} (was it committed?). Compare by hand, then run \`trainpack overlay ack ${rel}\`.` };
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'trainpack-diff-'));
  try {
    const a = path.join(tmp, 'recorded');
    await writeFile(a, old);
    const r = await run('git', ['diff', '--no-index', '--no-color', '--', a, below]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const diff = r.stdout.replaceAll(`a${a}`, `a/${belowRel} (recorded)`).replaceAll(`b${below}`, `b/${belowRel}`);
    return { file: rel, below: belowRel, diff };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export interface InitOverlayOptions {
  extends?: string;
  language?: string;
  country?: string;
}

/** Start a new overlay folder with its overlay.yml. */
export async function initOverlay(dir: string, id: string, options: InitOverlayOptions): Promise<string> {
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(dir, diags);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) diags.error('overlay', `Overlay id "${id}" must use lowercase letters, digits and dashes`, { file: 'overlays' });
  const folder = path.join(curriculum.root, 'overlays', id);
  if (await exists(folder)) diags.error('overlay', `overlays/${id} already exists; nothing was written`, { file: `overlays/${id}` });
  if (options.extends && !(await exists(path.join(curriculum.root, 'overlays', options.extends, 'overlay.yml'))))
    diags.error('overlay', `Cannot extend "${options.extends}": no overlays/${options.extends}/overlay.yml`, { file: `overlays/${options.extends}` });
  diags.throwIfErrors();
  const lines = [
    `# Overlay "${id}": an edition of ${curriculum.title}. See FORMAT.md section 5.`,
    `id: ${id}`,
    options.extends ? `extends: ${options.extends}` : `# extends: fr                 # build on another overlay`,
    `title: ${JSON.stringify(`${curriculum.title} (${id})`)}`,
    options.language ? `language: ${options.language}` : `# language: fr               # output language, when it differs`,
    options.country ? `country: ${options.country.toUpperCase()}` : `# country: SN                # ISO 3166-1 alpha-2`,
    `vars: {}                      # local values, e.g. hotline: "+221 ..."`,
    `exclude: []                   # unit or module ids left out of this edition`,
    `strings: {}                   # overrides of UI strings, e.g. answer_key: "Corrigé"`,
    `# Replace a unit: copy it to overlays/${id}/modules/<module>/<unit>.md and edit it.`,
    `# Patch a unit: overlays/${id}/modules/<module>/<unit>.patch.md with :::replace{section="id"} blocks.`,
    '',
  ];
  await mkdir(path.join(folder, 'modules'), { recursive: true });
  await writeFile(path.join(folder, 'overlay.yml'), lines.join('\n'));
  return path.join(folder, 'overlay.yml');
}
