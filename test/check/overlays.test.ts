/** The overlay rules agree with `trainpack overlay status` on every file state. */
import { writeFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { overlayStatus } from '../../src/resolve/status.js';
import { copyFixture, FIXTURES } from '../helpers.js';

const RULE = { stale: 'stale-overlay', unrecorded: 'unrecorded-overlay', orphaned: 'orphaned-overlay' } as const;

async function compare(dir: string) {
  const status = await overlayStatus(dir);
  const r = await check({ dir, all: true, persistentCache: false });
  const expected = status.files
    .filter((f): f is typeof f & { state: keyof typeof RULE } => f.state in RULE)
    .map((f) => `${f.file} ${RULE[f.state]}`)
    .sort();
  const found = r.diagnostics.filter((d) => Object.values(RULE).includes(d.rule as never)).map((d) => `${d.file} ${d.rule}`).sort();
  return { expected, found };
}

describe('overlay rules', () => {
  it('match overlay status on the overlays fixture', async () => {
    const { expected, found } = await compare(path.join(FIXTURES, 'overlays'));
    expect(expected.length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
  });

  it('follow the base as it changes: current -> stale, and gone -> orphaned', async () => {
    const dir = await copyFixture('overlays');
    const intro = path.join(dir, 'modules/01-core/01-intro.md');
    await writeFile(intro, (await readFile(intro, 'utf8')) + '\nA new paragraph upstream.\n');
    let { expected, found } = await compare(dir);
    expect(found).toContain('overlays/fr/modules/01-core/01-intro.md stale-overlay');
    expect(found).toEqual(expected);

    // The sn edition adds 04-added.md; give it a recorded upstream as if the base had had it.
    const added = path.join(dir, 'overlays/sn/modules/01-core/04-added.md');
    await writeFile(added, (await readFile(added, 'utf8')).replace(/^---\n/, `---\nupstream: ${'a'.repeat(40)}\n`));
    ({ expected, found } = await compare(dir));
    expect(found).toContain('overlays/sn/modules/01-core/04-added.md orphaned-overlay');
    expect(found).toEqual(expected);
    await rm(dir, { recursive: true, force: true });
  });

  it('still reports staleness when a unit elsewhere fails to load', async () => {
    const dir = await copyFixture('overlays');
    const intro = path.join(dir, 'modules/01-core/01-intro.md');
    await writeFile(intro, (await readFile(intro, 'utf8')) + '\nChanged.\n');
    const bad = path.join(dir, 'modules/02-more/09-bad.md');
    await writeFile(bad, '---\ntitle: Bad\n---\n\nNo duration.\n');
    const r = await check({ dir, all: true, persistentCache: false });
    const rules = r.diagnostics.map((d) => d.rule);
    expect(rules).toContain('schema');
    expect(rules).toContain('stale-overlay');
    await rm(dir, { recursive: true, force: true });
  });
});
