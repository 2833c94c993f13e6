/**
 * Pages kept from the last build (issue 8): a page whose key (templates,
 * context, each unit's fragment key) is the one the output folder's marker
 * recorded is hard-linked from the last build instead of rendered.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { copyFixture, replaceInFile, snapshotFiles, tempDir } from '../helpers.js';

/** A copy of the `full` fixture, built once into a fresh output folder. */
async function builtCopy() {
  const dir = await copyFixture('full');
  const out = await tempDir();
  await build({ dir, out });
  return { dir, out };
}

const PAGES = ['facilitator-guide.html', 'index.html', 'participant-handout.html', 'role-cards.html', 'slides/alpha.html', 'slides/beta.html'];

describe('pages kept from the last build', () => {
  it('keeps every page when nothing changed, as the same file', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    const first = await build({ dir, out });
    expect(first.editions[0]!.kept).toEqual([]);
    const before = await stat(path.join(out, 'base/facilitator-guide.html'));
    const second = await build({ dir, out });
    expect(second.editions[0]!.kept).toEqual(PAGES);
    expect(second.editions[0]!.files).toEqual(expect.arrayContaining(PAGES));
    const after = await stat(path.join(out, 'base/facilitator-guide.html'));
    expect(after.ino).toBe(before.ino); // hard-linked, not written again
  });

  it("renders what a changed unit shows and keeps the other module's deck", async () => {
    const { dir, out } = await builtCopy();
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'CHANGED-SCENARIO');
    const r = await build({ dir, out });
    expect(r.editions[0]!.kept).toEqual(['slides/alpha.html']);
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('CHANGED-SCENARIO');
  });

  it('makes a page changed by hand again', async () => {
    const { dir, out } = await builtCopy();
    const index = path.join(out, 'base/index.html');
    const original = await readFile(index, 'utf8');
    await writeFile(index, 'EDITED BY HAND');
    const r = await build({ dir, out });
    expect(r.editions[0]!.kept).not.toContain('index.html');
    expect(await readFile(index, 'utf8')).toBe(original);
  });

  it('keeps nothing when options change what a page shows, or without the cache', async () => {
    const { dir, out } = await builtCopy();
    const dated = await build({ dir, out, start: '2027-03-01' });
    // The agenda (guide, index) shows dates now; decks and the handout do not show the agenda.
    expect(dated.editions[0]!.kept).not.toContain('facilitator-guide.html');
    expect(dated.editions[0]!.kept).not.toContain('index.html');
    const cold = await build({ dir, out, persistentCache: false });
    expect(cold.editions[0]!.kept).toEqual([]);
  });
});

describe('whole pages spliced from the last build', () => {
  const whole = ['facilitator-guide.html', 'index.html', 'participant-handout.html'];

  it('replaces only the changed unit, byte for byte what a cold build writes', async () => {
    const { dir, out } = await builtCopy();
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'SCENARIO-TEXT & <CHANGED> "again"');
    const r = await build({ dir, out });
    expect(r.editions[0]!.spliced).toEqual(whole);
    const cold = await tempDir();
    await build({ dir, out: cold, persistentCache: false });
    const [a, b] = [await snapshotFiles(out), await snapshotFiles(cold)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [rel, bytes] of a) expect(bytes.equals(b.get(rel)!), rel).toBe(true);
    // The slots recorded by a spliced page serve the next splice too.
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), '"again"', '"and again"');
    expect((await build({ dir, out })).editions[0]!.spliced).toEqual(whole);
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('“and again”');
  });

  it('renders in full when what surrounds the units changed, or the record is damaged', async () => {
    const { dir, out } = await builtCopy();
    // A title is in the page around the unit's slot (its header): no splice.
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'SCENARIO-2');
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'title: ', 'title: Renamed ');
    const renamed = await build({ dir, out });
    expect(renamed.editions[0]!.spliced).toEqual([]);
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('Renamed');
    // Slots that point nowhere sensible: rendered again, and right.
    const marker = path.join(out, 'base/.trainpack-output');
    const [head, json] = (await readFile(marker, 'utf8')).split('\n');
    const manifest = JSON.parse(json!) as { files: Record<string, { slots?: [string, number, number][] }> };
    for (const e of Object.values(manifest.files)) if (e.slots) e.slots = e.slots.map(([ref]) => [ref, 5, 2]);
    await writeFile(marker, `${head}\n${JSON.stringify(manifest)}\n`);
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-2', 'SCENARIO-3');
    const r = await build({ dir, out });
    expect(r.editions[0]!.spliced).toEqual([]);
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('SCENARIO-3');
  });
});
