/**
 * Git blob hashes without git: what `git hash-object <file>` prints in the
 * file's repository. git hashes a file after its "clean" line-ending
 * conversion (core.autocrlf, .gitattributes `text` / `eol`), so a unit
 * checked out with CRLF on Windows hashes as the LF blob that was committed;
 * doing the same here keeps overlays from all looking stale on Windows.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileSignature } from '../markdown/context.js';

const run = promisify(execFile);

/** sha1("blob <size>\0<content>"), the id git gives a file's content. */
export function blobHash(content: Buffer | string): string {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

/** How git treats a path's line endings on the way into the repository. */
export type Conversion = 'none' | 'text' | 'auto';

interface AttrLine {
  re: RegExp;
  text?: boolean | 'auto' | null;
  eol?: string | null;
}

interface Repo {
  root: string;
  autocrlf: string;
  /** Lines of info/attributes, applied after every .gitattributes. */
  info: AttrLine[];
  /** .gitattributes lines by folder (relative to root, '' for the root). */
  byDir: Map<string, AttrLine[]>;
}

const repos = new Map<string, Promise<Repo | undefined>>();
const rootOf = new Map<string, string | undefined>();

/** The working-tree root of the git repository holding `dir`, if any. */
function findRoot(dir: string): string | undefined {
  if (rootOf.has(dir)) return rootOf.get(dir);
  const parent = path.dirname(dir);
  const root = existsSync(path.join(dir, '.git')) ? dir : parent === dir ? undefined : findRoot(parent);
  rootOf.set(dir, root);
  return root;
}

/** A gitattributes pattern as a regular expression over paths relative to `base` ('' or 'a/b'). */
function patternRe(pattern: string, base: string): RegExp {
  const anchored = pattern.replace(/\/$/, '').includes('/');
  const p = pattern.replace(/^\//, '').replace(/\/$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      if (p[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else { re += '[' + p.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = end; }
    } else if (c === '\\' && i + 1 < p.length) re += '\\' + p[++i];
    else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  const prefix = base ? base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/' : '';
  return new RegExp(`^${prefix}${anchored ? '' : '(?:.*/)?'}${re}$`);
}

/** Parse a gitattributes file's lines that say something about `text` or `eol`. */
function parseAttributes(text: string, base: string): AttrLine[] {
  const out: AttrLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[attr]')) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    if (!pattern || pattern.startsWith('!')) continue;
    const entry: AttrLine = { re: patternRe(pattern, base) };
    for (const a of attrs) {
      if (a === 'text') entry.text = true;
      else if (a === '-text' || a === 'binary') entry.text = false;
      else if (a === '!text') entry.text = null;
      else if (a === 'text=auto') entry.text = 'auto';
      else if (a.startsWith('eol=')) entry.eol = a.slice(4);
      else if (a === '!eol' || a === '-eol') entry.eol = null;
    }
    if ('text' in entry || 'eol' in entry) out.push(entry);
  }
  return out;
}

function readAttributes(file: string, base: string): AttrLine[] {
  try {
    return parseAttributes(readFileSync(file, 'utf8'), base);
  } catch {
    return [];
  }
}

async function loadRepo(root: string): Promise<Repo> {
  // core.autocrlf from every level git reads (system, global, the repository); no git: its default, false.
  const autocrlf = await run('git', ['config', '--get', 'core.autocrlf'], { cwd: root })
    .then((r) => r.stdout.trim().toLowerCase())
    .catch(() => 'false');
  let gitDir = path.join(root, '.git');
  try {
    const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, 'utf8'));
    if (pointer) gitDir = path.resolve(root, pointer[1]!.trim());
  } catch {
    // .git is a folder (the usual case).
  }
  return { root, autocrlf, info: readAttributes(path.join(gitDir, 'info', 'attributes'), ''), byDir: new Map() };
}

/** The conversion git applies to `file` when hashing it (`git hash-object`). */
export async function conversionOf(file: string): Promise<Conversion> {
  const abs = path.resolve(file);
  const root = findRoot(path.dirname(abs));
  if (!root) return 'none';
  let pending = repos.get(root);
  if (!pending) repos.set(root, (pending = loadRepo(root).catch(() => undefined)));
  const repo = await pending;
  if (!repo) return 'none';
  const rel = path.relative(root, abs).split(path.sep).join('/');
  // .gitattributes from the root down to the file's folder, then info/attributes: the last match wins.
  const dirs = [''];
  const parts = rel.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) dirs.push(parts.slice(0, i).join('/'));
  let text: AttrLine['text'];
  let eol: AttrLine['eol'];
  const apply = (lines: AttrLine[]) => {
    for (const l of lines) {
      if (!l.re.test(rel)) continue;
      if ('text' in l) text = l.text;
      if ('eol' in l) eol = l.eol;
    }
  };
  for (const d of dirs) {
    let lines = repo.byDir.get(d);
    if (!lines) repo.byDir.set(d, (lines = readAttributes(path.join(root, d, '.gitattributes'), d)));
    apply(lines);
  }
  apply(repo.info);
  if (text === false) return 'none';
  if (text === true) return 'text';
  if (text === 'auto') return 'auto';
  if (eol === 'lf' || eol === 'crlf') return 'text';
  return repo.autocrlf === 'true' || repo.autocrlf === 'input' ? 'auto' : 'none';
}

/** git's text heuristic (convert.c): no NUL, no lone CR, few control characters. */
function looksBinary(buf: Buffer): boolean {
  let printable = 0;
  let nonPrintable = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === 0) return true;
    if (c === 13 && buf[i + 1] !== 10) return true;
    if (c === 127 || (c < 32 && c !== 8 && c !== 9 && c !== 10 && c !== 13 && c !== 27 && c !== 12)) nonPrintable++;
    else printable++;
  }
  return printable >> 7 < nonPrintable;
}

/** The bytes git stores for a file's content under a conversion: CRLF pairs become LF. */
export function cleanContent(buf: Buffer, conversion: Conversion): Buffer {
  if (conversion === 'none' || !buf.includes('\r\n')) return buf;
  if (conversion === 'auto' && looksBinary(buf)) return buf;
  const out = Buffer.allocUnsafe(buf.length);
  let n = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10) continue;
    out[n++] = buf[i]!;
  }
  return out.subarray(0, n);
}

const known = new Map<string, { sig: string; hash: string }>();

/**
 * The blob hash of a file on disk, as `git hash-object <file>` prints it in
 * the file's repository. Remembered by path while the file's size and
 * modification time stay the same: every overlay file that records an
 * `upstream` asks for the hash of the file below it, often the same one.
 */
export async function fileBlobHash(file: string): Promise<string> {
  const sig = fileSignature(file);
  const hit = known.get(file);
  if (hit && hit.sig === sig && sig !== 'missing') return hit.hash;
  const buf = readFileSync(file);
  const hash = blobHash(buf.includes('\r\n') ? cleanContent(buf, await conversionOf(file)) : buf);
  known.set(file, { sig, hash });
  return hash;
}
