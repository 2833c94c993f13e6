/**
 * Files as authors save them (issue 13, item 3): CRLF and a byte-order mark
 * build exactly like LF, every YAML error sits at its own line and column, an
 * unclosed front matter says so, and YAML aliases never crash a build.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { Diagnostics, TrainpackError, type Diagnostic } from '../../src/errors.js';
import { loadCurriculum } from '../../src/load/curriculum.js';
import { splitFrontMatter } from '../../src/load/files.js';
import { splitRaw } from '../../src/load/frontmatter.js';
import { ROOT, copyFixture, snapshotFiles, tempDir } from '../helpers.js';

async function curriculum(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** The diagnostics a load throws (fails the test when it does not throw a TrainpackError). */
async function loadErrors(dir: string): Promise<Diagnostic[]> {
  try {
    await loadCurriculum(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(TrainpackError);
    return (err as TrainpackError).diagnostics.filter((d) => d.severity === 'error');
  }
  throw new Error('the load did not fail');
}

const base = { 'curriculum.yml': 'id: x\ntitle: X\n', 'modules/01-m/module.yml': 'title: M\n' };

/**
 * Rewrite every text file of a folder with CRLF line endings and a byte-order
 * mark. A file an overlay records the `upstream:` hash of gets CRLF only: a
 * BOM is a real change of its content (git reports it too), CRLF is not under
 * core.autocrlf.
 */
async function toWindows(dir: string): Promise<number> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && /\.(md|yml|yaml|po)$/.test(e.name));
  const rels = entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const hashed = new Set(rels.filter((r) => r.startsWith('overlays/')).map((r) => r.replace(/^overlays\/[^/]+\//, '').replace(/\.patch\.md$/, '.md')));
  for (const rel of rels) {
    const file = path.join(dir, rel);
    const text = (await readFile(file, 'utf8')).replace(/\r?\n/g, '\r\n');
    const key = rel.replace(/^overlays\/[^/]+\//, '');
    await writeFile(file, (hashed.has(key) ? '' : '\uFEFF') + text);
  }
  return rels.length;
}

describe('front matter as authors save it', () => {
  it('splits CRLF and BOM text like its LF original, keeping file lines', () => {
    const lf = '---\ntitle: A\nduration: 5\n---\n\nBody\nline 2\n';
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    expect(splitRaw(crlf)).toEqual(splitRaw(lf));
    expect(splitRaw(lf).body.split('\n')[5]).toBe('Body');
    expect(splitRaw(lf).matter.split('\n')[1]).toBe('title: A');
  });

  it('reports a missing closing --- at the opening line, in words', async () => {
    const dir = await curriculum({ ...base, 'modules/01-m/01-u.md': '---\ntitle: A\nduration: 5\n\n# Heading\n\nSome text: with a colon\n' });
    const errors = await loadErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'modules/01-m/01-u.md', line: 1, column: 1, rule: 'yaml-syntax' });
    expect(errors[0]!.message).toMatch(/never closed/);
    expect(errors[0]!.message).not.toMatch(/Implicit keys/);
  });

  it('puts each YAML error at its own line and column (front matter and YAML files)', async () => {
    const dir = await curriculum({
      'curriculum.yml': 'id: x\ntitle: X\nvars:\n  a: [1, 2\n',
      'modules/01-m/module.yml': 'title: M\ntitle: again\n',
      'modules/01-m/01-u.md': '---\ntitle: A\nduration: 5\nobjectives: [a, b\nmaterials: x\n---\nBody\n',
      'modules/01-m/02-u.md': '\uFEFF---\r\ntitle: A\r\nduration: 5\r\nmethods: {a: 1, a: 2}\r\n---\r\nBody\r\n',
    });
    const errors = await loadErrors(dir);
    const at = (file: string) => errors.filter((d) => d.file === file).map((d) => `${d.line}:${d.column}`);
    for (const d of errors) expect(`${d.line}:${d.column}`).not.toBe('1:1');
    expect(at('modules/01-m/module.yml')).toEqual(['2:1']);
    expect(at('modules/01-m/01-u.md')[0]).toMatch(/^[45]:/);
    expect(at('modules/01-m/02-u.md')).toEqual(['4:17']);
    expect(at('curriculum.yml').length).toBeGreaterThan(0);
  });

  it('makes an unresolved alias a positioned error, not a crash', async () => {
    const dir = await curriculum({ ...base, 'modules/01-m/01-u.md': '---\nduration: 5\ntitle: *nope\n---\nBody\n' });
    const errors = await loadErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'modules/01-m/01-u.md', line: 3, column: 8, rule: 'yaml-syntax' });
    expect(errors[0]!.message).toMatch(/\*nope/);
  });

  it('makes an alias bomb and a self-referencing alias positioned errors', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const n of ['b', 'c', 'd', 'e', 'f', 'g']) bomb.push(`${n}: &${n} [${Array(9).fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`).join(', ')}]`);
    const dir = await curriculum({
      'curriculum.yml': `id: x\ntitle: X\nvars:\n  ${bomb.join('\n  ')}\n`,
      'modules/01-m/module.yml': 'title: &t [*t]\n',
      'modules/01-m/01-u.md': '---\ntitle: A\nduration: 5\n---\nBody\n',
    });
    const errors = await loadErrors(dir);
    const bombError = errors.find((d) => d.file === 'curriculum.yml')!;
    expect(bombError).toMatchObject({ line: 5, rule: 'yaml-syntax' });
    expect(bombError.message).toMatch(/too many aliases/);
    expect(errors.find((d) => d.file === 'modules/01-m/module.yml')).toMatchObject({ line: 1, column: 12 });
  });

  it('reports front matter errors of an overlay patch at their place too', () => {
    const diags = new Diagnostics();
    splitFrontMatter('\uFEFF---\r\nupstream: *x\r\n---\r\n', 'p.patch.md', diags);
    expect(diags.list[0]).toMatchObject({ line: 2, column: 11 });
  });

  for (const name of ['curricula/reintegration', 'test/fixtures/full']) {
    it(`builds ${name} saved with CRLF and a BOM into byte-identical HTML`, async () => {
      const lf = await copyFixture(path.join(ROOT, name));
      const crlf = await copyFixture(path.join(ROOT, name));
      expect(await toWindows(crlf)).toBeGreaterThan(3);
      // As on Windows: a checkout with core.autocrlf, so the overlays' `upstream:` hashes still match (githash.ts).
      await execa('git', ['init', '-q'], { cwd: crlf });
      await execa('git', ['config', 'core.autocrlf', 'true'], { cwd: crlf });
      const outs: Map<string, Buffer>[] = [];
      for (const dir of [lf, crlf]) {
        const out = path.join(await tempDir(), 'out');
        await build({ dir, out, all: true, formats: ['html'], persistentCache: false });
        outs.push(await snapshotFiles(out));
      }
      expect(outs[0]!.size).toBeGreaterThan(3);
      expect([...outs[1]!.keys()].sort()).toEqual([...outs[0]!.keys()].sort());
      for (const [rel, bytes] of outs[0]!) expect(outs[1]!.get(rel)!.equals(bytes), rel).toBe(true);
    });
  }
});
