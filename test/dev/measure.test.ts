/** The bench's pieces: the synthetic curriculum builds cleanly, and measureDevRebuild times saves without touching the original. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureDevRebuild } from '../../src/dev/measure.js';
import { syntheticUnit, writeSyntheticCurriculum } from '../../src/dev/synthetic.js';
import { prepare } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

describe('synthetic curriculum', () => {
  it('has units of about 100 lines and builds without a problem', async () => {
    const lines = syntheticUnit(1, 1).split('\n').length;
    expect(lines).toBeGreaterThan(90);
    expect(lines).toBeLessThan(110);
    const dir = await writeSyntheticCurriculum(path.join(await tempDir(), 'c'), { modules: 2, units: 3 });
    const { editions, diagnostics } = await prepare({ dir });
    expect(diagnostics.list).toEqual([]);
    expect(editions[0]!.parsed.size).toBe(6);
  });
});

describe('measureDevRebuild', () => {
  it('returns the median time from a save to the reload event, leaving the curriculum as it was', async () => {
    const dir = await writeSyntheticCurriculum(path.join(await tempDir(), 'c'), { modules: 2, units: 3 });
    const unit = path.join(dir, 'modules/02-mod2/02-unit.md');
    const before = await readFile(unit, 'utf8');
    const runs: number[] = [];
    const ms = await measureDevRebuild(dir, { runs: 3, onRun: (t, report) => (expect(report.parsed).toBe(1), runs.push(t)) });
    expect(runs).toHaveLength(3);
    expect(ms).toBe([...runs].sort((a, b) => a - b)[1]);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
    expect(await readFile(unit, 'utf8')).toBe(before);
  });

  it('can hold every page open, so that all of them render before the reload', async () => {
    const dir = await writeSyntheticCurriculum(path.join(await tempDir(), 'c'), { modules: 2, units: 2 });
    const deferred: number[] = [];
    await measureDevRebuild(dir, { runs: 1, open: 'all', onRun: (_, report) => deferred.push(report.deferred) });
    expect(deferred).toEqual([0]);
  });
});
