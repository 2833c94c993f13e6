// npm run bench: measures trainpack against the floor of its own stack on a generated curriculum.
// First as a user runs it (a fresh `node bin/trainpack.js …` process, wall clock), beside the
// floor, Eleventy and markdown-it on the same files, with the targets as ratios; then
// the in-process breakdown (time inside run(), stage by stage rows).
// Options: --units 1000 --modules 20 --runs 3 --inner-runs 3 --no-write (do not update bench/README.md)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const units = Number(arg('units', 1000));
const modules = Number(arg('modules', 20));
const runs = Number(arg('runs', 3));
const innerRuns = Number(arg('inner-runs', runs));
const write = !process.argv.includes('--no-write');
const dir = path.join(here, 'generated', `large-${units}`);
const out = mkdtempSync(path.join(os.tmpdir(), 'trainpack-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run a trainpack command in a child process; returns { ms, rssMB }. */
function trainpack(args, env = {}) {
  const r = spawnSync('node', [path.join(here, 'child.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const line = r.stderr.trim().split('\n').reverse().find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`trainpack ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(line.slice(6));
}
function measure(label, args, before = () => {}, env = {}) {
  const results = [];
  for (let i = 0; i < innerRuns; i++) {
    before(i);
    results.push(trainpack(args, env));
  }
  const r = { label, s: median(results.map((x) => x.ms)) / 1000, rssMB: Math.max(...results.map((x) => x.rssMB)), code: results[0].code };
  console.error(`  ${label}: ${r.s.toFixed(2)} s (peak ${r.rssMB} MB)`);
  return r;
}
// Cold: no cache, and no earlier output whose pages could be kept.
const clearCache = () => {
  rmSync(path.join(dir, '.trainpack-cache'), { recursive: true, force: true });
  for (const e of readdirSync(out)) rmSync(path.join(out, e), { recursive: true, force: true });
};

console.error(`generating ${units} units in ${modules} modules with 4 overlays…`);
await generate(dir, units, modules);
const unitFiles = readdirSync(path.join(dir, 'modules'), { recursive: true }).filter((f) => String(f).endsWith('.md'));

// ---- Whole process: as a user runs it --------------------------------------------------------
const { wholeProcess } = await import('./whole.js');
const whole = await wholeProcess({ root, dir, out, runs, unitFile: path.join(dir, 'modules', String(unitFiles[3])), clearCache });

// ---- In process: time inside run() --------------------------------------------------------
console.error('in-process breakdown (median of', innerRuns, 'runs)…');
const floorRuns = [];
for (let i = 0; i < innerRuns; i++) floorRuns.push(JSON.parse(execFileSync('node', [path.join(here, 'floor.js'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 })).ms);
const floor = median(floorRuns) / 1000;
console.error(`  floor: ${floor.toFixed(2)} s`);

const rows = [];
const base = ['build', dir, '--out', out, '--format', 'html'];
rows.push(measure('build base, no cache, on the main thread only (TRAINPACK_WORKERS=0)', [...base, '--no-cache'], () => {}, { TRAINPACK_WORKERS: '0' }));
rows.push(measure('build base, no cache', [...base, '--no-cache']));
rows.push(measure('build base, cold (empty cache)', base, clearCache));
rows.push(measure('build base again, nothing changed', base));
const target = path.join(dir, 'modules', String(unitFiles[3]));
const original = readFileSync(target, 'utf8');
rows.push(measure('build base after changing one unit', base, (i) => appendFileSync(target, `\nChanged paragraph ${Date.now()} ${i}.\n`)));
writeFileSync(target, original);
rows.push(measure('build --all (5 editions), cold', [...base, '--all'], clearCache));
rows.push(measure('build --all again, nothing changed', [...base, '--all']));
if (existsSync(path.join(root, 'dist/cli/check.js'))) rows.push(measure('check, no cache', ['check', dir, '--no-cache']));
if (existsSync(path.join(root, 'dist/cli/check.js'))) rows.push(measure('check --all, no cache', ['check', dir, '--all', '--no-cache']));
if (existsSync(path.join(root, 'dist/cli/check.js'))) rows.push(measure('check (cache warm from the builds above)', ['check', dir]));
if (existsSync(path.join(root, 'dist/cli/check.js'))) rows.push(measure('check --all', ['check', dir, '--all']));
// What a pull request's CI run does with the cache restored: check after a change to one unit.
if (existsSync(path.join(root, 'dist/cli/check.js'))) {
  rows.push(measure('check after changing one unit (cache warm)', ['check', dir], (i) => appendFileSync(target, `\nChecked paragraph ${Date.now()} ${i}.\n`)));
  writeFileSync(target, original);
}

rows.push(...(await import('./translate.js')).translateRows({ dir, out, measure, trainpack, clearCache }));

// Office files (issue 20): PowerPoint decks and Word documents made from the rendered pages.
rows.push(measure('build base --format html,pptx,docx, no cache', ['build', dir, '--out', out, '--format', 'html,pptx,docx', '--no-cache'], clearCache));
rows.push(measure('build of the bundled example --format html,pptx,docx, no cache', ['build', path.join(root, 'curricula/reintegration'), '--out', mkdtempSync(path.join(os.tmpdir(), 'trainpack-bench-office-')), '--format', 'html,pptx,docx', '--no-cache']));

// PDF of the bundled example (one edition), through the same child harness: printed, then built again unchanged.
let pdf;
let pdfAgain;
try {
  const ex = path.join(root, 'curricula/reintegration');
  const pdfOut = mkdtempSync(path.join(os.tmpdir(), 'trainpack-bench-pdf-'));
  const once = (extra) => JSON.parse(spawnSync('node', [path.join(root, 'bin/trainpack.js'), 'build', ex, '--out', pdfOut, '--format', 'html,pdf', '--json', ...extra], { cwd: root, encoding: 'utf8' }).stdout);
  pdf = once(['--no-cache']).pdf;
  if (pdf) console.error(`  pdf (bundled example): ${pdf.pages} pages in ${(pdf.ms / 1000).toFixed(2)} s, browser start ${Math.round(pdf.launchMs)} ms`);
  once([]); // records the page and PDF keys
  const again = once([]);
  pdfAgain = { ms: again.ms, kept: again.pdf?.kept ?? 0, launchMs: again.pdf?.launchMs ?? 0 };
  console.error(`  pdf build again, nothing changed: ${(again.ms / 1000).toFixed(2)} s, ${pdfAgain.kept} PDFs kept`);
  rmSync(pdfOut, { recursive: true, force: true });
} catch (e) {
  console.error('  pdf: skipped (' + String(e.message ?? e).split('\n')[0] + ')');
}

// Dev server: time from saving a unit to the reload event.
let dev = [];
if (existsSync(path.join(root, 'dist/dev/measure.js'))) {
  const { measureDevRebuild } = await import(path.join(root, 'dist/dev/measure.js'));
  for (const [label, d] of [['bundled example', path.join(root, 'curricula/reintegration')], [`generated ${units} units`, dir]]) {
    const ms = await measureDevRebuild(d, { runs: Math.max(5, runs) });
    dev.push({ label, ms });
    console.error(`  dev save -> reload, ${label}: ${ms.toFixed(0)} ms`);
  }
}
rmSync(out, { recursive: true, force: true });

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const workers = process.env.TRAINPACK_WORKERS ?? String(Math.min(os.availableParallelism(), 8));
const machine = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; ${workers} parse workers`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  `Generated curriculum: ${units} units in ${modules} modules (~${Math.round(unitFiles.reduce((n, f) => n + readFileSync(path.join(dir, 'modules', String(f)), 'utf8').split('\n').length, 0) / unitFiles.length)} lines each; every block type) and 4 overlays (fr translating 30%, sn on fr and bd patching 10%, ar translating 5%).`,
  '',
  ...whole.lines,
  '',
  `**In process** (time inside the CLI's run(), from bench/child.js; median of ${innerRuns} runs; the floor here runs in its own process too, timed inside it):`,
  '',
  '| what | seconds | × floor | peak memory |',
  '|---|---:|---:|---:|',
  `| floor: remark-parse + gfm + directive + remark-rehype + rehype-stringify, each unit three times | ${floor.toFixed(2)} | 1.00 | |`,
  ...rows.map((r) => `| ${r.label} | ${r.s.toFixed(2)} | ${(r.s / floor).toFixed(2)} | ${r.rssMB} MB |`),
  ...(pdf ? [`| PDF of the bundled example (${pdf.pages} pages; browser start ${Math.round(pdf.launchMs)} ms; ${(pdf.pages / (pdf.ms / 1000)).toFixed(0)} pages/s) | ${(pdf.ms / 1000).toFixed(2)} | | |`] : []),
  ...(pdfAgain ? [`| build --format html,pdf of the bundled example again, nothing changed (${pdfAgain.kept} PDFs kept, ${pdfAgain.launchMs ? 'browser started' : 'no browser started'}) | ${(pdfAgain.ms / 1000).toFixed(2)} | | |`] : []),
  ...dev.map((d) => `| dev: save one unit -> reload event, ${d.label} | ${(d.ms / 1000).toFixed(3)} | | |`),
];
console.log(lines.join('\n'));
if (write) {
  const readme = path.join(here, 'README.md');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  writeFileSync(readme, text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), block) : `${text}\n${block}\n`);
  console.error(`wrote ${path.relative(root, readme)}`);
}
