/**
 * The seeded mutation fuzzer (scripts/fuzz.js, issue 13 item 8) at a fixed
 * CI budget: a fixed seed and case count over the example and the fixtures,
 * built in-process with dist/ (`npm run build` first). It must find no
 * internal error, no hang, no unpositioned diagnostic for a file that
 * exists and no leak of a facilitator-only sentinel. `npm run fuzz` runs
 * 5,000 cases.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { fuzz, loadTrees, makeCase, summary } from '../../scripts/fuzz.js';
// @ts-expect-error: plain JavaScript module without types
import { prng } from '../../scripts/fuzz-mutate.js';

interface Report {
  cases: number;
  ok: number;
  errors: number;
  internal: string[];
  hangs: string[];
  unpositioned: string[];
  leaks: string[];
}
interface Case {
  files: [string, string | Uint8Array][];
  sentinels: string[];
  mutations: string[];
}

describe('fuzzer', () => {
  it('is deterministic: the same seed makes the same cases', () => {
    const a = prng(42);
    const b = prng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const trees = loadTrees();
    const one = makeCase(3, 17, trees) as Case;
    const two = makeCase(3, 17, trees) as Case;
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(JSON.stringify(makeCase(3, 18, trees))).not.toBe(JSON.stringify(one));
  });

  it('catches a leak and an unpositioned diagnostic when there is one (the checks can fail)', async () => {
    // Turn every sentinel block into a participant block: each sentinel must be reported as leaked.
    const report = (await fuzz({
      cases: 1,
      seed: 5,
      workers: 1,
      example: 0,
      alter: (job: Case) => ({
        ...job,
        mutations: ['(none)'],
        files: job.files.map(([rel, c]) => [rel, typeof c === 'string' ? c.replace(/:::facilitator\n(FZSENTINEL)/g, ':::participant\n$1') : c]),
      }),
    })) as Report;
    expect(report.leaks.length).toBeGreaterThan(0);
  });

  it('runs its CI budget clean: no internal error, hang, unpositioned diagnostic or leak', async () => {
    const report = (await fuzz({ cases: 80, seed: 20261130, workers: 2, timeout: 120, example: 0.05 })) as Report;
    console.log(summary(report));
    expect(report.cases).toBe(80);
    // Both outcomes are exercised: some mutated curricula build, some are refused.
    expect(report.ok).toBeGreaterThan(0);
    expect(report.errors).toBeGreaterThan(0);
    expect(report.internal).toEqual([]);
    expect(report.hangs).toEqual([]);
    expect(report.unpositioned).toEqual([]);
    expect(report.leaks).toEqual([]);
  }, 600_000);
});
