/** End-to-end: `trainpack overlay status|ack|diff|init` on a temporary copy. */
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture } from '../helpers.js';

async function status(dir: string) {
  const r = await cli(['overlay', 'status', '--json', '--dir', dir]);
  expect(r.exitCode, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as { files: { file: string; state: string }[]; translations: { overlay: string; share: number }[] };
  return { json, states: Object.fromEntries(json.files.map((f) => [f.file, f.state])) };
}

describe('overlay status', () => {
  it('reports current, unrecorded and added files, and translation shares', async () => {
    const dir = await copyFixture('overlays');
    const { json, states } = await status(dir);
    expect(states).toEqual({
      'overlays/ar/modules/02-more/01-more.md': 'unrecorded',
      'overlays/fr/modules/01-core/01-intro.md': 'current',
      'overlays/sn/modules/01-core/02-practice.patch.md': 'current',
      'overlays/sn/modules/01-core/04-added.md': 'added',
    });
    expect(json.translations).toEqual([
      { overlay: 'ar', language: 'ar', parentLanguage: 'en', translated: 1, total: 5, share: 0.2 },
      { overlay: 'fr', language: 'fr', parentLanguage: 'en', translated: 1, total: 5, share: 0.2 },
    ]);
  });

  it('sees changed, deleted and added base files; ack makes a stale file current', async () => {
    const dir = await copyFixture('overlays');
    await appendFile(path.join(dir, 'modules/01-core/01-intro.md'), '\nA new paragraph upstream.\n');
    await rm(path.join(dir, 'modules/01-core/02-practice.md'));
    await writeFile(path.join(dir, 'modules/01-core/04-added.md'), '---\ntitle: Now in the base\nduration: 10\n---\n');
    const { states } = await status(dir);
    expect(states['overlays/fr/modules/01-core/01-intro.md']).toBe('stale');
    expect(states['overlays/sn/modules/01-core/02-practice.patch.md']).toBe('orphaned');
    expect(states['overlays/sn/modules/01-core/04-added.md']).toBe('unrecorded');

    const ack = await cli(['overlay', 'ack', 'overlays/fr/modules/01-core/01-intro.md', '--dir', dir]);
    expect(ack.exitCode, ack.stderr).toBe(0);
    expect((await status(dir)).states['overlays/fr/modules/01-core/01-intro.md']).toBe('current');
    const text = await readFile(path.join(dir, 'overlays/fr/modules/01-core/01-intro.md'), 'utf8');
    expect(text).toContain('FR-INTRO-TEXT'); // only the upstream line changed
    expect(text.match(/^upstream: /gm)).toHaveLength(1);
  });

  it('marks stale units in the guide of that edition, not in the handout', async () => {
    const dir = await copyFixture('overlays');
    await appendFile(path.join(dir, 'modules/01-core/01-intro.md'), '\nChanged upstream.\n');
    const out = path.join(dir, '..', 'out');
    const r = await cli(['build', dir, '--overlay', 'fr', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readFile(path.join(out, 'fr/facilitator-guide.html'), 'utf8')).toMatch(/id="unit-intro"[\s\S]*class="tp-stale"/);
    expect(await readFile(path.join(out, 'fr/participant-handout.html'), 'utf8')).not.toContain('tp-stale"');
  });

  it('diff shows what changed below, from git; says so plainly without git', async () => {
    const dir = await copyFixture('overlays');
    const file = 'overlays/fr/modules/01-core/01-intro.md';
    await appendFile(path.join(dir, 'modules/01-core/01-intro.md'), '\nUPSTREAM-CHANGE.\n');
    const plain = await cli(['overlay', 'diff', file, '--dir', dir]);
    expect(plain.exitCode).toBe(0);
    expect(plain.stderr).toMatch(/not a git repository/);

    const fresh = await copyFixture('overlays');
    await execa('git', ['init', '-q'], { cwd: fresh });
    await execa('git', ['add', '.'], { cwd: fresh });
    await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'base'], { cwd: fresh });
    await appendFile(path.join(fresh, 'modules/01-core/01-intro.md'), '\nUPSTREAM-CHANGE.\n');
    const d = await cli(['overlay', 'diff', file, '--dir', fresh]);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^\+UPSTREAM-CHANGE\.$/m);
  });

  it('init starts an overlay and refuses to overwrite one', async () => {
    const dir = await copyFixture('overlays');
    const r = await cli(['overlay', 'init', 'ml', '--extends', 'fr', '--country', 'ml', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const yml = await readFile(path.join(dir, 'overlays/ml/overlay.yml'), 'utf8');
    expect(yml).toMatch(/^extends: fr$/m);
    expect(yml).toMatch(/^country: ML$/m);
    const build = await cli(['build', dir, '--overlay', 'ml', '--out', path.join(dir, '..', 'o')]);
    expect(build.exitCode, build.stderr).toBe(0);
    const again = await cli(['overlay', 'init', 'ml', '--dir', dir]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/already exists; nothing was written/);
  });
});
