/**
 * "Nothing changed since the last build" (src/emit/unchanged.ts) through the
 * built CLI: the second build of the same inputs reports the first one's
 * result (warnings included) without writing anything, and every way an
 * author or a tool can change an input or an output makes the next build
 * run in full: an edit, an edit within the same modification-time tick as
 * the build before it, an output edited or added by hand, other options,
 * another environment, --no-cache.
 */
import { readdir, readFile, stat, utimes, writeFile, appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture, replaceInFile, tempDir } from '../helpers.js';

/** Set every file of a folder an hour back, as files an author saved a while ago. */
async function age(dir: string): Promise<void> {
  const then = new Date(Date.now() - 3600_000);
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) await utimes(path.join(e.parentPath ?? e.path, e.name), then, then);
  }
}

/** A copy of the full fixture, aged, with its output folder. */
async function setup() {
  const dir = await copyFixture('full');
  await age(dir);
  return { dir, out: await tempDir('trainpack-unchanged-') };
}

const unit = (dir: string) => path.join(dir, 'modules/01-alpha/01-first.md');
const UNCHANGED = /nothing changed since the last build/;

/** The modification time of every output file, by path. */
async function mtimes(out: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const e of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const abs = path.join(e.parentPath ?? e.path, e.name);
      m.set(path.relative(out, abs), (await stat(abs)).mtimeMs);
    }
  }
  return m;
}

describe('a build with nothing changed', () => {
  it('reports the last result again, warnings included, and writes nothing', async () => {
    const { dir, out } = await setup();
    const first = await cli(['build', dir, '--out', out, '--days', '1']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(UNCHANGED);
    expect(first.stderr).toMatch(/warning/);
    const before = await mtimes(out);
    const again = await cli(['build', dir, '--out', out, '--days', '1']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toMatch(UNCHANGED);
    // The same warnings, the same edition line (units, slides, files).
    const warnings = (s: string) => s.split('\n').filter((l) => /warning/i.test(l) && !/checked in|built in/.test(l));
    expect(warnings(again.stderr)).toEqual(warnings(first.stderr));
    expect(again.stderr.match(/base: \d+ units, \d+ slides, \d+ files/)?.[0]).toBe(first.stderr.match(/base: \d+ units, \d+ slides, \d+ files/)?.[0]);
    expect(await mtimes(out)).toEqual(before);
    // As JSON: the same editions and files, every HTML page kept, marked unchanged.
    const json = JSON.parse((await cli(['build', dir, '--out', out, '--days', '1', '--json'])).stdout);
    expect(json).toMatchObject({ ok: true, unchanged: true, cache: { parsed: 0 } });
    expect(json.editions[0].kept.length).toBeGreaterThan(3);
    expect(json.diagnostics.map((d: { rule: string }) => d.rule)).toContain('agenda-overflow');
  });

  it('runs in full after an edit, with other options, in another environment, or with --no-cache', async () => {
    const { dir, out } = await setup();
    expect((await cli(['build', dir, '--out', out])).exitCode).toBe(0);
    expect((await cli(['build', dir, '--out', out])).stderr).toMatch(UNCHANGED);
    // Other options: a full build (its own record), then unchanged for those options too.
    expect((await cli(['build', dir, '--out', out, '--days', '2'])).stderr).not.toMatch(UNCHANGED);
    expect((await cli(['build', dir, '--out', out, '--days', '2'])).stderr).toMatch(UNCHANGED);
    // Back to the first options: the output is the --days 2 build's, so it runs in full.
    expect((await cli(['build', dir, '--out', out])).stderr).not.toMatch(UNCHANGED);
    expect((await cli(['build', dir, '--out', out, '--no-cache'])).stderr).not.toMatch(UNCHANGED);
    const { execa } = await import('execa');
    const { BIN } = await import('../helpers.js');
    const withEnv = await execa('node', [BIN, 'build', dir, '--out', out], { reject: false, env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1700000000' } });
    expect(withEnv.stderr).not.toMatch(UNCHANGED);
    // An edit: the new text is in the output.
    await cli(['build', dir, '--out', out]);
    await replaceInFile(unit(dir), 'Shared body text for everyone.', 'Shared body text for all of you.');
    const edited = await cli(['build', dir, '--out', out]);
    expect(edited.stderr).not.toMatch(UNCHANGED);
    expect(await readFile(path.join(out, 'base/participant-handout.html'), 'utf8')).toContain('Shared body text for all of you.');
    // A file added to the curriculum (a new template partial, an image) counts too.
    await age(dir);
    await cli(['build', dir, '--out', out]);
    expect((await cli(['build', dir, '--out', out])).stderr).toMatch(UNCHANGED);
    await writeFile(path.join(dir, 'assets/new.txt'), 'x');
    expect((await cli(['build', dir, '--out', out])).stderr).not.toMatch(UNCHANGED);
  });

  it('runs in full when an output was edited, added or removed by hand, and puts it right', async () => {
    const { dir, out } = await setup();
    await cli(['build', dir, '--out', out]);
    const handout = path.join(out, 'base/participant-handout.html');
    const good = await readFile(handout, 'utf8');
    await appendFile(handout, '<!-- edited -->');
    const r1 = await cli(['build', dir, '--out', out]);
    expect(r1.stderr).not.toMatch(UNCHANGED);
    expect(await readFile(handout, 'utf8')).toBe(good);
    await writeFile(path.join(out, 'base/notes.txt'), 'mine');
    expect((await cli(['build', dir, '--out', out])).stderr).not.toMatch(UNCHANGED);
    await rm(path.join(out, 'base/slides'), { recursive: true });
    expect((await cli(['build', dir, '--out', out])).stderr).not.toMatch(UNCHANGED);
    expect((await readdir(path.join(out, 'base/slides'))).length).toBeGreaterThan(0);
    expect((await cli(['build', dir, '--out', out])).stderr).toMatch(UNCHANGED);
  });

  it('records nothing when an input was saved just before the build: an edit in the same tick, same size, is still seen', async () => {
    const { dir, out } = await setup();
    // Saved now: the build after it cannot tell a second save within the same modification-time tick.
    // Times in whole seconds, as a coarse clock (FAT: 2 s) keeps them.
    const tick = Math.floor(Date.now() / 1000);
    await replaceInFile(unit(dir), 'Shared body text for everyone.', 'Shared body text for everyone!');
    await utimes(unit(dir), tick, tick);
    const saved = await stat(unit(dir));
    expect((await cli(['build', dir, '--out', out])).exitCode).toBe(0);
    // The same size and the same time: a second save within the same tick.
    await replaceInFile(unit(dir), 'Shared body text for everyone!', 'Shared body text for everyone?');
    await utimes(unit(dir), tick, tick);
    expect((await stat(unit(dir))).size).toBe(saved.size);
    expect((await stat(unit(dir))).mtimeMs).toBe(saved.mtimeMs);
    const r = await cli(['build', dir, '--out', out]);
    expect(r.stderr).not.toMatch(UNCHANGED);
    expect(await readFile(path.join(out, 'base/participant-handout.html'), 'utf8')).toContain('Shared body text for everyone?');
  });
});
