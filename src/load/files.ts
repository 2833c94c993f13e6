/** Small file helpers shared by the load and resolve stages. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import type { Diagnostics } from '../errors.js';
import { parseYaml, type PositionedYaml } from './yaml.js';

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

/** Entries of a folder sorted by name (numeric-aware, so `2-` < `10-`). */
export async function listDir(dir: string): Promise<{ name: string; dir: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, dir: e.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** Read and parse a YAML file; undefined (with diagnostics) when unreadable or invalid. */
export async function readYamlFile(
  file: string,
  rel: string,
  diags: Diagnostics,
): Promise<PositionedYaml | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    diags.error('missing-file', `Cannot read ${rel}`, { file: rel });
    return undefined;
  }
  return parseYaml(text, rel, diags);
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

/** A Markdown file's front matter block, unparsed, and its body. */
export interface RawSplit {
  /** The YAML between the `---` lines ('' without front matter). */
  matter: string;
  body: string;
  hasFrontMatter: boolean;
}

/** Find the front matter block with gray-matter; the YAML is not parsed. */
export function splitRaw(text: string): RawSplit {
  const hasFrontMatter = /^---\r?\n/.test(text);
  if (!hasFrontMatter) return { matter: '', body: text, hasFrontMatter };
  // gray-matter only finds the block; its own YAML engine has no positions, so it is not used.
  const parsed = matter(text, { engines: { yaml: () => ({}) } });
  const bodyStart = text.length - parsed.content.length;
  const blank = text.slice(0, bodyStart).replace(/[^\n]/g, '');
  return { matter: parsed.matter, body: blank + parsed.content, hasFrontMatter };
}

/** Split front matter off a Markdown text with gray-matter and parse it with positions. */
export function splitFrontMatter(text: string, rel: string, diags: Diagnostics): SplitMarkdown {
  const raw = splitRaw(text);
  if (!raw.hasFrontMatter) return { yaml: parseYaml('{}', rel, diags), body: text, hasFrontMatter: false };
  return { yaml: parseYaml(raw.matter, rel, diags), body: raw.body, hasFrontMatter: true };
}
