/**
 * Pages kept from the last build (issue 8): a page whose key (templates,
 * context, each unit's fragment key) is the one the output folder's marker
 * recorded is hard-linked from the last build instead of rendered.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { copyFixture, replaceInFile, tempDir } from '../helpers.js';

const PAGES = ['facilitator-guide.html', 'index.html', 'participant-handout.html', 'slides/alpha.html', 'slides/beta.html'];

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
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'CHANGED-SCENARIO');
    const r = await build({ dir, out });
    expect(r.editions[0]!.kept).toEqual(['slides/alpha.html']);
    expect(await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8')).toContain('CHANGED-SCENARIO');
  });

  it('makes a page changed by hand again', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    const index = path.join(out, 'base/index.html');
    const original = await readFile(index, 'utf8');
    await writeFile(index, 'EDITED BY HAND');
    const r = await build({ dir, out });
    expect(r.editions[0]!.kept).not.toContain('index.html');
    expect(await readFile(index, 'utf8')).toBe(original);
  });

  it('keeps nothing when options change what a page shows, or without the cache', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    const dated = await build({ dir, out, start: '2027-03-01' });
    // The agenda (guide, index) shows dates now; decks and the handout do not show the agenda.
    expect(dated.editions[0]!.kept).not.toContain('facilitator-guide.html');
    expect(dated.editions[0]!.kept).not.toContain('index.html');
    const cold = await build({ dir, out, persistentCache: false });
    expect(cold.editions[0]!.kept).toEqual([]);
  });
});
