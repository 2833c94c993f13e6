#!/usr/bin/env node
/**
 * A seeded mutation fuzzer over the example curriculum and the test fixtures
 * (issue 13, item 8). Each case takes one source curriculum, places a
 * facilitator-only sentinel at the top of every unit, mutates one to four
 * files (front matter, YAML files, directives and colons, nesting, quiz
 * lists, patches, Unicode, CRLF, NUL, BOM, truncation, binary bodies) and
 * builds it in-process (HTML, every edition) in a worker thread. It counts:
 *
 * - internal errors: any exception other than a TrainpackError, or an
 *   `internal` diagnostic;
 * - hangs: a case that takes longer than --timeout (the worker is killed);
 * - unpositioned: a diagnostic naming a file that exists without line and column;
 * - leaks: a sentinel whose block is intact in its source, found in any
 *   output but the facilitator guide.
 *
 * Usage: node scripts/fuzz.js [--cases 5000] [--seed 1] [--workers 2] [--timeout 30] [--example 0.1]
 * (--example: the share of cases mutating the example curriculum, the rest mutate fixtures)
 * (run `npm run build` first: it builds with dist/). Exit code 1 when anything was found.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mutateFile, prng } from './fuzz-mutate.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The curricula a case starts from: the example and every fixture with a curriculum.yml. */
export function sources() {
  const found = [path.join(ROOT, 'curricula/reintegration')];
  const walk = (dir, depth) => {
    if (existsSync(path.join(dir, 'curriculum.yml'))) return void found.push(dir);
    if (depth > 2) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(dir, e.name), depth + 1);
  };
  walk(path.join(ROOT, 'test/fixtures'), 0);
  return found;
}

const TEXT = /\.(md|ya?ml|po|json|hbs|css|txt|svg)$/;

/** A curriculum's files (relative path -> text, or bytes for binaries), caches left out. */
function readTree(dir) {
  const files = new Map();
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.trainpack')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs, r);
      else if (e.isFile() && statSync(abs).size < 2_000_000) files.set(r, TEXT.test(e.name) ? readFileSync(abs, 'utf8') : readFileSync(abs));
    }
  };
  walk(dir, '');
  return files;
}

/** Every source curriculum, read once. */
export function loadTrees() {
  return sources().map((dir) => ({ dir, files: readTree(dir) }));
}

/** The four lines placed after a unit's front matter, and the check that they are still there. */
const sentinelBlock = (s) => ['', ':::facilitator', s, ':::', ''];

function withSentinel(text, s) {
  const ls = text.split('\n');
  if (ls[0]?.trim() !== '---') return undefined;
  const close = ls.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return undefined;
  ls.splice(close + 1, 0, ...sentinelBlock(s));
  return ls.join('\n');
}

/** Is the sentinel block still right after the front matter, as placed? */
function intact(content, s) {
  if (typeof content !== 'string') return false;
  const ls = content.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  if (ls[0] !== '---') return false;
  const close = ls.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
  if (close < 0) return false;
  return sentinelBlock(s).every((l, i) => ls[close + 1 + i] === l);
}

/** Build case `index` of a run with `seed`: the files to write and the sentinels that must not leak. */
export function makeCase(seed, index, trees, example = 0.1) {
  const r = prng((seed * 1000003 + index * 7919) >>> 0);
  // The example in a share of cases (it is the slowest to build), fixtures otherwise.
  const src = r.chance(example) ? trees[0] : trees[1 + r.int(trees.length - 1)];
  const files = new Map();
  const placed = [];
  for (const [rel, content] of src.files) {
    if (typeof content === 'string' && rel.endsWith('.md') && !rel.endsWith('.patch.md') && rel.includes('modules/')) {
      const s = `FZSENTINEL${index.toString(36)}X${placed.length.toString(36)}Q`;
      const t = withSentinel(content, s);
      if (t !== undefined) {
        files.set(rel, t);
        placed.push([rel, s]);
        continue;
      }
    }
    files.set(rel, content);
  }
  const textual = [...files.keys()].filter((k) => typeof files.get(k) === 'string' && /\.(md|ya?ml|po)$/.test(k));
  const n = r.chance(0.3) ? 2 + r.int(3) : 1;
  const mutations = [];
  for (let k = 0; k < n && textual.length; k++) {
    const rel = r.pick(textual);
    const before = files.get(rel);
    if (typeof before !== 'string') continue;
    files.set(rel, mutateFile(r, rel, before));
    mutations.push(rel);
  }
  const sentinels = placed.filter(([rel, s]) => intact(files.get(rel), s)).map(([, s]) => s);
  return {
    index,
    source: path.relative(ROOT, src.dir),
    mutations,
    files: [...files].map(([k, v]) => [k, typeof v === 'string' ? v : new Uint8Array(v)]),
    sentinels,
  };
}

/**
 * Run `cases` cases from `seed` on `workers` worker threads. Each case gets
 * `timeout` seconds; a case over it counts as a hang and its worker is replaced.
 */
export async function fuzz({ cases = 200, seed = 1, workers = 2, timeout = 30, from = 0, example = 0.1, onCase, alter } = {}) {
  const trees = loadTrees();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'trainpack-fuzz-'));
  const report = { cases: 0, ok: 0, errors: 0, internal: [], hangs: [], unpositioned: [], leaks: [], ms: 0 };
  const started = Date.now();
  let next = from;
  const end = from + cases;
  const lane = async () => {
    let worker;
    let ready;
    const spawn = () => {
      worker = new Worker(path.join(ROOT, 'scripts/fuzz-worker.js'), { workerData: { root: ROOT, tmp } });
      ready = new Promise((resolve) => worker.once('message', resolve));
    };
    spawn();
    while (next < end) {
      const made = makeCase(seed, next++, trees, example);
      const job = alter ? alter(made) : made;
      await ready;
      const res = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ hang: true }), timeout * 1000);
        const done = (m) => { clearTimeout(timer); worker.off('error', fail); resolve(m); };
        const fail = (err) => { clearTimeout(timer); worker.off('message', done); resolve({ crashed: String(err && err.stack || err) }); };
        worker.once('message', done);
        worker.once('error', fail);
        worker.postMessage(job);
      });
      const label = `case ${job.index} (${job.source}; mutated ${job.mutations.join(', ')})`;
      report.cases++;
      if (res.hang || res.crashed) {
        if (res.hang) report.hangs.push(label);
        else report.internal.push(`${label}: worker died: ${res.crashed}`);
        await worker.terminate();
        spawn();
      } else {
        if (res.outcome === 'ok') report.ok++;
        else report.errors++;
        if (res.internal) report.internal.push(`${label}: ${res.internal}`);
        for (const u of res.unpositioned) report.unpositioned.push(`${label}: ${u}`);
        for (const l of res.leaks) report.leaks.push(`${label}: ${l}`);
      }
      onCase?.(report);
    }
    await worker.terminate();
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, lane));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  report.ms = Date.now() - started;
  return report;
}

/** The one-paragraph summary `npm run fuzz` prints. */
export function summary(report) {
  const head = `${report.cases} cases in ${(report.ms / 1000).toFixed(0)} s: ${report.ok} built, ${report.errors} refused with positioned errors; ` +
    `${report.internal.length} internal errors, ${report.hangs.length} hangs, ${report.unpositioned.length} unpositioned diagnostics, ${report.leaks.length} leaks`;
  const details = [...report.internal.map((x) => `INTERNAL ${x}`), ...report.hangs.map((x) => `HANG ${x}`), ...report.unpositioned.map((x) => `UNPOSITIONED ${x}`), ...report.leaks.map((x) => `LEAK ${x}`)];
  return [head, ...details.slice(0, 200)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const options = { cases: arg('cases', 5000), seed: arg('seed', 1), workers: arg('workers', 2), timeout: arg('timeout', 30), from: arg('from', 0), example: arg('example', 0.1) };
  let last = 0;
  const shown = new Set();
  const report = await fuzz({
    ...options,
    onCase: (r) => {
      // Each finding as soon as it is found, then a progress line every 100 cases.
      const found = [...r.internal.map((x) => `INTERNAL ${x}`), ...r.hangs.map((x) => `HANG ${x}`), ...r.unpositioned.map((x) => `UNPOSITIONED ${x}`), ...r.leaks.map((x) => `LEAK ${x}`)];
      for (const f of found.filter((f) => !shown.has(f))) {
        shown.add(f);
        process.stderr.write(`${f}\n`);
      }
      if (r.cases - last >= 100) {
        last = r.cases;
        process.stderr.write(`${r.cases}/${options.cases}: ${r.internal.length} internal, ${r.hangs.length} hangs, ${r.unpositioned.length} unpositioned, ${r.leaks.length} leaks\n`);
      }
    },
  });
  console.log(summary(report));
  process.exit(report.internal.length + report.hangs.length + report.unpositioned.length + report.leaks.length > 0 ? 1 : 0);
}
