/**
 * The cache is never wrong: after each kind of change, a build that uses the
 * cache writes exactly the bytes a cold build (no cache) writes.
 */
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { copyFixture, replaceInFile, snapshotFiles, tempDir } from '../helpers.js';

/**
 * Warm the cache, apply a change, then compare a cached build with a cold one,
 * byte for byte. The cached build writes into the first build's output folder,
 * so the pages it keeps from it (unchanged page keys) are under test too.
 */
async function sameAsCold(change: (dir: string) => Promise<void>) {
  const dir = await copyFixture('overlays');
  const warm = await tempDir();
  await build({ dir, out: warm, all: true }); // fills .trainpack-cache and records page keys
  await change(dir);
  const cold = await tempDir();
  const cached = await build({ dir, out: warm, all: true });
  await build({ dir, out: cold, all: true, persistentCache: false });
  const [a, b] = [await snapshotFiles(warm), await snapshotFiles(cold)];
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [rel, bytes] of a) expect(bytes.equals(b.get(rel)!), rel).toBe(true);
  return cached;
}

const edit = replaceInFile;

describe('cache invalidation, proved against a cold build', () => {
  it('a unit', async () => {
    const r = await sameAsCold((dir) => edit(path.join(dir, 'modules/01-core/01-intro.md'), 'BASE-BACKGROUND.', 'CHANGED-BACKGROUND.'));
    expect(r.cache!.parsed).toBe(1); // the changed base unit, parsed once for the editions that show it
  });

  it('a template override', async () => {
    await sameAsCold(async (dir) => {
      await mkdir(path.join(dir, 'templates/partials'), { recursive: true });
      await writeFile(path.join(dir, 'templates/partials/unit-header.hbs'), '<header class="tp-unit-header"><h3 id="unit-{{id}}-title">OVERRIDDEN {{title}}</h3></header>\n');
    });
  });

  it('an overlay (vars and an exclusion)', async () => {
    await sameAsCold(async (dir) => {
      await edit(path.join(dir, 'overlays/sn/overlay.yml'), 'city: DAKAR', 'city: THIES');
      await edit(path.join(dir, 'overlays/sn/overlay.yml'), 'exclude: [extra]', 'exclude: [extra, more]');
    });
  });

  it('a string catalogue', async () => {
    await sameAsCold(async (dir) => {
      await mkdir(path.join(dir, 'templates/strings'), { recursive: true });
      await writeFile(path.join(dir, 'templates/strings/fr.json'), JSON.stringify({ solution: 'Corrigé type', minutes_short: 'mn' }));
    });
  });

  it("trainpack's version: entries of another version are never read", async () => {
    const r = await sameAsCold(async (dir) => {
      const cacheDir = path.join(dir, '.trainpack-cache');
      const [version] = await readdir(cacheDir);
      await rename(path.join(cacheDir, version!), path.join(cacheDir, 'v-some-other-version'));
    });
    // All 9 distinct texts are parsed again (reuse within the build, between editions, still happens).
    expect(r.cache!.parsed).toBe(9);
  });
});
