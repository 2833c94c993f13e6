/** Small file helpers shared by the load and resolve stages. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostics } from '../errors.js';
import { normalizeSource, splitRaw, UNCLOSED_MESSAGE } from './frontmatter.js';
import { refuseOutside } from './inside.js';
import { parseYaml, type PositionedYaml } from './yaml.js';

export { normalizeSource, splitRaw, type RawSplit } from './frontmatter.js';

/** A path relative to `root` with forward slashes, as diagnostics print it. */
export function relPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Entries of a folder sorted by name (numeric-aware, so `2-` < `10-`). A
 * symbolic link counts as what it points to (callers refuse links that leave
 * the curriculum: ./inside.ts); a broken one as a file.
 */
export async function listDir(dir: string): Promise<{ name: string; dir: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map(async (e) => ({ name: e.name, dir: e.isSymbolicLink() ? await isDir(path.join(dir, e.name)) : e.isDirectory() })),
  );
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/**
 * Read and parse a YAML file; undefined (with diagnostics) when unreadable or
 * invalid, or when it is a link leaving the curriculum folder `root`.
 */
export async function readYamlFile(
  file: string,
  rel: string,
  diags: Diagnostics,
  root?: string,
): Promise<PositionedYaml | undefined> {
  if (root !== undefined && refuseOutside(file, root, diags, { file: rel })) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    diags.error('missing-file', `Cannot read ${rel}`, { file: rel });
    return undefined;
  }
  return parseYaml(normalizeSource(text), rel, diags);
}

/** Strip a numeric ordering prefix: `01-intro` -> `intro`. */
export function stripPrefix(name: string): string {
  return name.replace(/^\d+[-_.]/, '');
}

/** A Markdown file split into front matter (positioned) and body (positions kept). */
export interface SplitMarkdown {
  yaml: PositionedYaml | undefined;
  /** Body with the front matter replaced by blank lines, so remark positions are file positions. */
  body: string;
  hasFrontMatter: boolean;
}

/** Report an opening `---` that is never closed; true when it was. */
export function unclosedFrontMatter(raw: { unclosed?: boolean }, rel: string, diags: Diagnostics): boolean {
  if (raw.unclosed) diags.error('yaml-syntax', UNCLOSED_MESSAGE, { file: rel, line: 1, column: 1 }, 'Close the front matter with a line holding only ---, then write the body below it.');
  return raw.unclosed === true;
}

/** Split front matter off a Markdown text (BOM and CRLF accepted) and parse it with positions. */
export function splitFrontMatter(text: string, rel: string, diags: Diagnostics): SplitMarkdown {
  const raw = splitRaw(text);
  if (!raw.hasFrontMatter) return { yaml: parseYaml('{}', rel, diags), body: raw.body, hasFrontMatter: false };
  if (unclosedFrontMatter(raw, rel, diags)) return { yaml: undefined, body: raw.body, hasFrontMatter: true };
  return { yaml: parseYaml(raw.matter, rel, diags), body: raw.body, hasFrontMatter: true };
}
