/** Test helpers: fixture copies in temp folders, the built CLI, HTML parsing. */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseHTML } from 'linkedom';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
export const BIN = path.join(ROOT, 'bin/trainpack.js');

/** A fresh temp folder. */
export async function tempDir(prefix = 'trainpack-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Copy a fixture (name under test/fixtures, or an absolute path) into `parent`; returns the copy's path. */
export async function copyFixtureInto(name: string, parent: string): Promise<string> {
  const src = path.isAbsolute(name) ? name : path.join(FIXTURES, name);
  const dest = path.join(parent, path.basename(src));
  // A cache left in the source folder (by a manual build) must not leak into a test.
  await cp(src, dest, { recursive: true, filter: (p) => !p.includes(`${path.sep}.trainpack-cache`) });
  return dest;
}

/** Copy a fixture (or the bundled example) into a temp folder; returns the copy's path. */
export async function copyFixture(name: string): Promise<string> {
  return copyFixtureInto(name, await tempDir());
}

/** Run the built CLI. Never throws: the result carries exitCode, stdout and stderr. */
export async function cli(args: string[], cwd = ROOT) {
  return execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
}

/** Parse an HTML file into a DOM document. */
export async function readDom(file: string) {
  const html = await readFile(file, 'utf8');
  return { html, document: parseHTML(html).document };
}

/** Replace text in a file; throws when the text is not there (a test editing nothing proves nothing). */
export async function replaceInFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}

/** Every file under a folder (the output markers left out), relative path -> bytes. */
export async function snapshotFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === '.trainpack-output') continue;
    const abs = path.join(entry.parentPath ?? entry.path, entry.name);
    out.set(path.relative(dir, abs), await readFile(abs));
  }
  return out;
}
