/**
 * End-to-end: each kind of bad input gives its message with file:line:col,
 * exits 1, and leaves the previous output exactly as it was.
 */
import { readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture, tempDir } from '../helpers.js';

const UNIT = 'modules/01-alpha/01-first.md';

/** Build the fixture once, break it with `mutate`, build again. */
async function breakAndBuild(mutate: (dir: string) => Promise<void>) {
  const dir = await copyFixture('full');
  const out = await tempDir();
  const first = await cli(['build', dir, '--out', out]);
  expect(first.exitCode, first.stderr).toBe(0);
  const guide = path.join(out, 'base', 'facilitator-guide.html');
  const before = await readFile(guide, 'utf8');
  await mutate(dir);
  const second = await cli(['build', dir, '--out', out]);
  const after = await readFile(guide, 'utf8');
  const leftovers = (await readdir(out)).filter((n) => n.startsWith('.trainpack'));
  return { second, unchanged: before === after, leftovers };
}

async function edit(file: string, fn: (s: string) => string) {
  await writeFile(file, fn(await readFile(file, 'utf8')));
}

describe('bad input', () => {
  it('broken YAML front matter: file:line:col, exit 1, output untouched', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, UNIT), (s) => s.replace('materials: [flipchart]', 'materials: [flipchart')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toMatch(new RegExp(`${UNIT}:\\d+:\\d+ error Invalid YAML`));
    expect(r.unchanged).toBe(true);
    expect(r.leftovers).toEqual([]);
  });

  it('broken curriculum.yml names its line', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, 'curriculum.yml'), (s) => s.replace('version: 2.1.0', 'version: 2.1.0\n  bad: : indent')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toMatch(/curriculum\.yml:\d+:\d+ error Invalid YAML/);
    expect(r.unchanged).toBe(true);
  });

  it('missing required field', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, UNIT), (s) => s.replace('duration: 60\n', '')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toContain(`${UNIT}:2:1 error Missing required field "duration" in unit front matter [schema]`);
    expect(r.unchanged).toBe(true);
  });

  it('wrong type names the value position', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, UNIT), (s) => s.replace('duration: 60', 'duration: an hour')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toContain(`${UNIT}:4:11 error Field "duration" in unit front matter: expected minutes as a whole number greater than 0 [schema]`);
  });

  it('duplicate unit id names both files', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, 'modules/02-beta/01-roles.md'), (s) => s.replace('id: roles', 'id: first')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toMatch(/modules\/02-beta\/01-roles\.md:1:1 error Unit id "first" is used by both modules\/01-alpha\/01-first\.md and modules\/02-beta\/01-roles\.md/);
    expect(r.unchanged).toBe(true);
  });

  it('undefined variable', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, UNIT), (s) => s.replace(':var[agency]', ':var[nowhere]')));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toContain(`${UNIT}:10:54 error Undefined variable "nowhere"`);
    expect(r.unchanged).toBe(true);
  });

  it('unknown directive is a warning with its place, and its content stays out of the handout', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await edit(path.join(dir, UNIT), (s) => s + '\n:::facilitatr\nTYPO-BLOCK\n:::\n');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${UNIT}:\\d+:1 warning Unknown directive ":::facilitatr"`));
    expect(await readFile(path.join(out, 'base/participant-handout.html'), 'utf8')).not.toContain('TYPO-BLOCK');
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('TYPO-BLOCK');
  });

  it('unsafe raw HTML is removed with a warning', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await edit(path.join(dir, UNIT), (s) => s + '\n<script>alert(1)</script>\n\n<a href="javascript:alert(2)" onclick="x()">click</a>\n\n<iframe src="file:///etc/hostname"></iframe>\n');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/warning Raw HTML <script> is not allowed/);
    expect(r.stderr).toMatch(/warning Attribute "onClick" on <a> is not allowed/);
    expect(r.stderr).toMatch(/warning URL "javascript:alert\(2\)"/);
    expect(r.stderr).toMatch(/warning Raw HTML <iframe> is not allowed/);
    for (const page of ['facilitator-guide.html', 'participant-handout.html']) {
      const html = await readFile(path.join(out, 'base', page), 'utf8');
      expect(html).not.toMatch(/<script>alert|javascript:|onclick|<iframe/i);
    }
  });

  it('a link outside the curriculum is an error', async () => {
    const r = await breakAndBuild((dir) => edit(path.join(dir, UNIT), (s) => s + '\n![secret](../../../../etc/hostname)\n'));
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toMatch(new RegExp(`${UNIT}:\\d+:1 error "../../../../etc/hostname" points outside the curriculum folder`));
    expect(r.unchanged).toBe(true);
  });

  it('reports every error in one run', async () => {
    const r = await breakAndBuild(async (dir) => {
      await edit(path.join(dir, UNIT), (s) => s.replace(':var[agency]', ':var[nowhere]'));
      await edit(path.join(dir, 'modules/02-beta/01-roles.md'), (s) => s.replace('duration: 50', 'duration: -5'));
    });
    expect(r.second.exitCode).toBe(1);
    expect(r.second.stderr).toContain('Undefined variable "nowhere"');
    expect(r.second.stderr).toContain('01-roles.md:5:11 error Field "duration"');
  });

  it('refuses to replace a folder it did not write', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await writeFile(path.join(out, 'precious.txt'), 'mine');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(out, 'base'));
    await writeFile(path.join(out, 'base', 'notes.txt'), 'mine too');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/was not written by trainpack; it will not be replaced/);
    expect(await readFile(path.join(out, 'base', 'notes.txt'), 'utf8')).toBe('mine too');
    // Nothing of the build is left behind either (the staging folder is removed).
    expect((await readdir(out)).sort()).toEqual(['base', 'precious.txt']);
  });

  it('a missing curriculum says how to start one', async () => {
    const r = await cli(['build', await tempDir()]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/No curriculum.yml/);
    expect(r.stderr).toMatch(/trainpack(\.js)? init/);
  });
});
