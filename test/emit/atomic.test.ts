/**
 * All or nothing, also when killed or run twice (issue 13, item 6). The
 * built CLI is killed (SIGKILL through the TRAINPACK_TEST_KILL_AT hook) at
 * each point of its swap; the next build, even one that fails its checks,
 * leaves each edition as the previous build or the new one, whole, and no
 * staging folder behind. Two builds into one folder both end with a clear
 * result. Needs `npm run build` first (tests use dist/).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, copyFixture, replaceInFile, snapshotFiles, tempDir } from '../helpers.js';

const UNIT = 'modules/01-alpha/01-first.md';

function buildCli(dir: string, out: string, env: Record<string, string> = {}) {
  return execa('node', [BIN, 'build', dir, '--out', out], { reject: false, env: { NO_COLOR: '1', ...env } });
}

/** A pid that is certainly not running: a process that has exited. */
async function deadPid(): Promise<number> {
  const p = execa('node', ['-e', '0']);
  await p;
  return p.pid!;
}

function same(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k)?.equals(v) === true);
}

/** What is left in an output folder besides editions. */
async function leftovers(out: string): Promise<string[]> {
  return (await readdir(out)).filter((n) => n.startsWith('.trainpack-'));
}

let v1: Map<string, Buffer>;
let v2: Map<string, Buffer>;
let src: string;

beforeAll(async () => {
  // Two reference outputs: the fixture as it is (v1) and with one unit changed (v2).
  src = await copyFixture('full');
  const o1 = path.join(await tempDir(), 'out');
  expect((await buildCli(src, o1)).exitCode).toBe(0);
  v1 = await snapshotFiles(path.join(o1, 'base'));
  await replaceInFile(path.join(src, UNIT), 'Shared body text', 'SECOND-EDITION body text');
  const o2 = path.join(await tempDir(), 'out');
  expect((await buildCli(src, o2)).exitCode).toBe(0);
  v2 = await snapshotFiles(path.join(o2, 'base'));
  expect(same(v1, v2)).toBe(false);
  await replaceInFile(path.join(src, UNIT), 'SECOND-EDITION body text', 'Shared body text');
});

describe('a build killed during its swap', () => {
  const points: [string, 'previous' | 'new'][] = [
    ['staged', 'previous'],
    ['journal', 'new'],
    ['between-renames', 'new'],
    ['swapped', 'new'],
  ];
  for (const [point, expected] of points) {
    it(`leaves the ${expected} edition when killed at "${point}", repaired by the next build even when it fails`, async () => {
      const dir = await copyFixture(src);
      const out = path.join(await tempDir(), 'out');
      expect((await buildCli(dir, out)).exitCode).toBe(0);
      await replaceInFile(path.join(dir, UNIT), 'Shared body text', 'SECOND-EDITION body text');
      const killed = await buildCli(dir, out, { TRAINPACK_TEST_KILL_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      expect((await leftovers(out)).length).toBeGreaterThan(0);
      // The next build fails its checks, yet finds the interrupted swap first.
      await replaceInFile(path.join(dir, UNIT), 'duration: 60', 'duration: -1');
      const next = await buildCli(dir, out);
      expect(next.exitCode).toBe(1);
      expect(next.stderr).not.toMatch(/\n\s+at /);
      expect(await leftovers(out)).toEqual([]);
      expect(same(await snapshotFiles(path.join(out, 'base')), expected === 'new' ? v2 : v1)).toBe(true);
    });
  }

  it('removes the staging folders of dead builds and takes over their lock', async () => {
    const dir = await copyFixture(src);
    const out = path.join(await tempDir(), 'out');
    const pid = await deadPid();
    const dead = path.join(out, `.trainpack-staging-${pid}-deadbeef`);
    await mkdir(path.join(dead, 'base', 'slides'), { recursive: true });
    await writeFile(path.join(dead, 'base', 'slides', 'big.bin'), Buffer.alloc(1 << 20));
    await mkdir(`${dead}-old-base`, { recursive: true });
    await writeFile(path.join(out, '.trainpack-lock'), JSON.stringify({ pid, host: (await import('node:os')).hostname(), started: 'then' }));
    const r = await buildCli(dir, out);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    expect(same(await snapshotFiles(path.join(out, 'base')), v1)).toBe(true);
  });
});

describe('two builds into one output folder', () => {
  it('stops with a clear message naming the pid of a live lock holder', async () => {
    const dir = await copyFixture(src);
    const out = path.join(await tempDir(), 'out');
    await mkdir(out, { recursive: true });
    // This test process is alive: it holds the lock for the CLI build.
    await writeFile(path.join(out, '.trainpack-lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), started: 'now' }));
    const r = await buildCli(dir, out, { TRAINPACK_LOCK_TIMEOUT: '1' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    // The command is named as the user runs it here (`trainpack`, `npx trainpack` or `node …`).
    expect(r.stderr).toMatch(/Another .*trainpack build \(pid/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(out)).toEqual(['.trainpack-lock']);
  });

  it('runs two concurrent CLI builds one after the other: both succeed, the output is whole', async () => {
    const dir = await copyFixture(src);
    const out = path.join(await tempDir(), 'out');
    const [a, b] = await Promise.all([buildCli(dir, out), buildCli(dir, out)]);
    for (const r of [a, b]) {
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/ENOTEMPTY|\n\s+at /);
    }
    expect(await leftovers(out)).toEqual([]);
    expect(same(await snapshotFiles(path.join(out, 'base')), v1)).toBe(true);
  });

  it('keeps the output whole with four builds at once, of two different versions', async () => {
    const one = await copyFixture(src);
    const two = await copyFixture(src);
    await replaceInFile(path.join(two, UNIT), 'Shared body text', 'SECOND-EDITION body text');
    const out = path.join(await tempDir(), 'out');
    const results = await Promise.all([buildCli(one, out), buildCli(two, out), buildCli(one, out), buildCli(two, out)]);
    for (const r of results) expect(r.exitCode, r.stderr).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    const got = await snapshotFiles(path.join(out, 'base'));
    expect(same(got, v1) || same(got, v2)).toBe(true);
  });
});

void cli;
