/**
 * Blob hashes as `git hash-object` computes them for the repository's
 * line-ending settings (issue 13, item 3): a CRLF checkout of an LF-committed
 * file hashes like the committed blob under core.autocrlf or a `text` /
 * `eol` attribute, and keeps its CR bytes under `-text`. Each case is checked
 * against git itself (apt-get install git).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { blobHash, fileBlobHash } from '../../src/resolve/githash.js';
import { tempDir } from '../helpers.js';

const LF = '---\ntitle: A\nduration: 5\n---\n\nBody\n';
const CRLF = LF.replace(/\n/g, '\r\n');

async function repo(config: Record<string, string>, files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  await execa('git', ['init', '-q'], { cwd: dir });
  for (const [k, v] of Object.entries(config)) await execa('git', ['config', k, v], { cwd: dir });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

async function gitHash(dir: string, rel: string): Promise<string> {
  return (await execa('git', ['hash-object', rel], { cwd: dir })).stdout.trim();
}

describe('git blob hashes', () => {
  const cases: [string, Record<string, string>, Record<string, string>, 'lf' | 'crlf'][] = [
    ['core.autocrlf=true', { 'core.autocrlf': 'true' }, {}, 'lf'],
    ['core.autocrlf=input', { 'core.autocrlf': 'input' }, {}, 'lf'],
    ['core.autocrlf=false', { 'core.autocrlf': 'false' }, {}, 'crlf'],
    ['.gitattributes * text=auto', { 'core.autocrlf': 'false' }, { '.gitattributes': '* text=auto\n' }, 'lf'],
    ['.gitattributes *.md eol=crlf', { 'core.autocrlf': 'false' }, { '.gitattributes': '*.md text eol=crlf\n' }, 'lf'],
    ['nested .gitattributes -text wins over autocrlf', { 'core.autocrlf': 'true' }, { 'modules/.gitattributes': '01-*/*.md -text\n' }, 'crlf'],
    ['anchored pattern that does not match', { 'core.autocrlf': 'false' }, { '.gitattributes': '/other/**/*.md text\n' }, 'crlf'],
    ['** pattern that matches', { 'core.autocrlf': 'false' }, { '.gitattributes': 'modules/**/*.md text\n' }, 'lf'],
  ];
  for (const [name, config, extra, expected] of cases) {
    it(`hashes a CRLF checkout as git does with ${name}`, async () => {
      const rel = 'modules/01-m/01-u.md';
      const dir = await repo(config, { ...extra, [rel]: CRLF });
      const ours = await fileBlobHash(path.join(dir, rel));
      expect(ours).toBe(await gitHash(dir, rel));
      expect(ours).toBe(blobHash(expected === 'lf' ? LF : CRLF));
    });
  }

  it('keeps a binary-looking file as it is under autocrlf', async () => {
    const rel = 'assets/x.bin';
    const dir = await repo({ 'core.autocrlf': 'true' }, { [rel]: 'a\r\nb\0c\r\n' });
    expect(await fileBlobHash(path.join(dir, rel))).toBe(await gitHash(dir, rel));
  });

  it('hashes files outside any repository byte for byte', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'u.md'), CRLF);
    expect(await fileBlobHash(path.join(dir, 'u.md'))).toBe(blobHash(CRLF));
  });
});
