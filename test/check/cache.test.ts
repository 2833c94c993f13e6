/** check shares the persistent cache with build: a warm run reports exactly what a cold one did. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { DiskCache } from '../../src/cache/disk.js';
import { ParseCache } from '../../src/pipeline.js';
import { copyFixture, FIXTURES } from '../helpers.js';

describe('check and the persistent cache', () => {
  it('writes .trainpack-cache/ and reports the same on the next run', async () => {
    const dir = await copyFixture(path.join(FIXTURES, 'check', 'many'));
    const cold = await check({ dir, all: true });
    expect(await readdir(dir)).toContain('.trainpack-cache');
    const warm = await check({ dir, all: true });
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(cold.errors).toBe(8);
  });

  it('a warm check reads each unit\'s facts and never makes a tree', async () => {
    const dir = await copyFixture(path.join(FIXTURES, 'check', 'many'));
    const cold = await check({ dir, all: true });
    const cache = new ParseCache(new DiskCache(path.join(dir, '.trainpack-cache')));
    const warm = await check({ dir, all: true, cache });
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(cache.misses).toBe(0);
    expect(cache.hits).toBeGreaterThan(0);
    expect(cache.remade).toBe(0);
  });

  it('leaves the folder alone with persistentCache: false', async () => {
    const dir = await copyFixture(path.join(FIXTURES, 'check', 'empty-unit'));
    await check({ dir, persistentCache: false });
    expect(await readdir(dir)).not.toContain('.trainpack-cache');
  });
});
