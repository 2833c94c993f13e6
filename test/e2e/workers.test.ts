/**
 * Worker threads (src/workers): the built CLI parsing in two workers (every
 * batch sent to them, however small) writes the same bytes and reports the
 * same problems as parsing on the main thread.
 */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, copyFixture, FIXTURES, ROOT, snapshotFiles, tempDir } from '../helpers.js';

const run = (args: string[], workers: number) =>
  execa('node', [BIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1', TRAINPACK_WORKERS: String(workers), TRAINPACK_WORKERS_MIN: '1', NODE_DEBUG: 'trainpack:workers' } });

describe('parsing in worker threads', () => {
  it('builds every edition byte for byte as the main thread does', async () => {
    const [a, b] = [await copyFixture('overlays'), await copyFixture('overlays')];
    const [outA, outB] = [await tempDir(), await tempDir()];
    const threaded = await run(['build', a, '--out', outA, '--all'], 2);
    const inline = await run(['build', b, '--out', outB, '--all'], 0);
    expect(threaded.exitCode, threaded.stderr).toBe(0);
    expect(inline.exitCode, inline.stderr).toBe(0);
    expect(threaded.stderr).toMatch(/starting 2 parse workers/);
    expect(threaded.stderr).toMatch(/[1-9]\d* units parsed in workers/);
    expect(inline.stderr).not.toMatch(/parse workers/);
    const [x, y] = [await snapshotFiles(outA), await snapshotFiles(outB)];
    expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
    expect(x.size).toBeGreaterThan(10);
    for (const [rel, bytes] of x) expect(bytes.equals(y.get(rel)!), rel).toBe(true);
    // The cache the workers filled serves the next build: nothing is parsed again.
    const again = await run(['build', a, '--out', outA, '--all', '--json'], 2);
    expect(JSON.parse(again.stdout).cache.parsed).toBe(0);
  });

  it('checks with the same report', async () => {
    const dir = await copyFixture(path.join(FIXTURES, 'check', 'many'));
    const threaded = await run(['check', dir, '--all', '--json', '--no-cache'], 2);
    const inline = await run(['check', dir, '--all', '--json', '--no-cache'], 0);
    expect(threaded.exitCode).toBe(1);
    expect(threaded.stderr).toMatch(/[1-9]\d* units parsed in workers/);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(inline.stdout));
    expect(JSON.parse(threaded.stdout).errors).toBe(8);
  });
});
