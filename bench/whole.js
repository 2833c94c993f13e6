// Whole-process figures for `npm run bench`: every row is a fresh process, timed by the
// wall clock around it (median of `runs`), with its peak memory from /usr/bin/time when
// the machine has it. Rows: node itself, `trainpack --version`, the floor (bench/floor.js:
// the bare unified pipeline, each unit for three audiences), Eleventy rendering the same
// units three times, markdown-it, then trainpack builds as a user runs them, and the PDF
// stage on the bundled example with the browser pool sized to the cores.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Run a command once: wall seconds, peak memory in MB (when /usr/bin/time is there), stdout. */
function once(cmd, args, { cwd, env = {} }) {
  const full = TIME ? [TIME, ['-f', 'BENCHRSS %M', cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const s = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const rss = /BENCHRSS (\d+)/.exec(r.stderr ?? '');
  return { s, rssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, stdout: r.stdout };
}

export async function wholeProcess({ root, dir, out, runs, unitFile, clearCache }) {
  const bin = path.join(root, 'bin/trainpack.js');
  const rows = [];
  const measure = (label, cmd, args, { before = () => {}, env, cwd = root } = {}) => {
    const results = [];
    for (let i = 0; i < runs; i++) {
      before(i);
      results.push(once(cmd, args, { cwd, env }));
    }
    const row = { label, s: median(results.map((r) => r.s)), rssMB: results.every((r) => r.rssMB === undefined) ? undefined : Math.max(...results.map((r) => r.rssMB ?? 0)), last: results.at(-1) };
    console.error(`  ${label}: ${row.s.toFixed(3)} s${row.rssMB ? ` (peak ${row.rssMB} MB)` : ''}`);
    rows.push(row);
    return row;
  };
  console.error(`whole process (fresh process, wall clock, median of ${runs} runs)…`);

  const node = measure('node -e 0 (Node alone)', 'node', ['-e', '0']);
  const version = measure('trainpack --version', 'node', [bin, '--version']);
  const floor = measure('floor: bare unified pipeline (remark-parse + gfm + directive + remark-rehype + rehype-stringify), each unit for 3 audiences', 'node', [path.join(root, 'bench/floor.js'), dir]);
  measure('markdown-it, each unit rendered 3 times', 'node', [path.join(root, 'bench/markdown-it.js'), dir]);

  // Eleventy (dev dependency of the bench) over the same units, three copies: one per audience.
  const eleventyCli = path.join(root, 'node_modules/@11ty/eleventy/cmd.cjs');
  if (existsSync(eleventyCli)) {
    const site = mkdtempSync(path.join(os.tmpdir(), 'trainpack-bench-11ty-'));
    for (const audience of ['facilitator', 'participant', 'slides']) cpSync(path.join(dir, 'modules'), path.join(site, 'in', audience), { recursive: true });
    // The units' `:::` blocks and `{…}` attributes are text to Eleventy: no template language, Markdown only.
    writeFileSync(path.join(site, 'eleventy.config.cjs'), 'module.exports = () => ({ markdownTemplateEngine: false, htmlTemplateEngine: false, dir: { input: "in", output: "out" } });\n');
    measure('Eleventy 3 (markdown-it), the same units for 3 audiences', 'node', [eleventyCli, '--config=eleventy.config.cjs', '--formats=md', '--quiet'], { cwd: site, before: () => rmSync(path.join(site, 'out'), { recursive: true, force: true }) });
    rmSync(site, { recursive: true, force: true });
  }

  const base = ['build', dir, '--out', out, '--format', 'html', '--quiet'];
  const cold = measure('trainpack build, cold (no cache, empty output)', 'node', [bin, ...base], { before: clearCache });
  const warm = measure('trainpack build again, nothing changed', 'node', [bin, ...base]);
  // A unit saved again unedited: its time changed, so the whole warm build runs (every page kept).
  measure('trainpack build after saving one unit unedited (the full warm build, every page kept)', 'node', [bin, ...base], { before: () => utimesSync(unitFile, new Date(), new Date()) });
  const original = readFileSync(unitFile, 'utf8');
  const edited = measure('trainpack build after editing one unit', 'node', [bin, ...base], { before: (i) => appendFileSync(unitFile, `\nEdited paragraph ${Date.now()} ${i}.\n`) });
  writeFileSync(unitFile, original);
  const all = measure('trainpack build --all (5 editions), cold', 'node', [bin, ...base, '--all'], { before: clearCache });
  measure('trainpack build --all again, nothing changed', 'node', [bin, ...base, '--all']);
  measure('trainpack check --all, cache warm', 'node', [bin, 'check', dir, '--all']);

  // PDF on the bundled example, the browser pool sized to the cores.
  let pdf;
  const cores = os.availableParallelism();
  try {
    const ex = path.join(root, 'curricula/reintegration');
    const pdfOut = mkdtempSync(path.join(os.tmpdir(), 'trainpack-bench-pdf-'));
    const row = measure(`trainpack build --format html,pdf of the bundled example, no cache (pool of ${cores} pages)`, 'node', [bin, 'build', ex, '--out', pdfOut, '--format', 'html,pdf', '--no-cache', '--json'], {
      env: { TRAINPACK_PDF_CONCURRENCY: String(cores) },
    });
    // Pages per second of the PDF stage (browser start included), from the last run's result.
    const result = JSON.parse(row.last.stdout).pdf;
    pdf = { pages: result.pages, s: result.ms / 1000, perS: result.pages / (result.ms / 1000), launchMs: result.launchMs };
    console.error(`  pdf: ${pdf.pages} pages in ${pdf.s.toFixed(2)} s, ${pdf.perS.toFixed(0)} pages/s`);
    rmSync(pdfOut, { recursive: true, force: true });
  } catch (e) {
    console.error('  pdf: skipped (' + String(e.message ?? e).split('\n')[0] + ')');
  }

  const peak = Math.max(...rows.filter((r) => r.label.startsWith('trainpack build') && r.rssMB).map((r) => r.rssMB));
  const ratio = (r) => r.s / floor.s;
  const targets = [
    ['`--version` ≤ 2 × `node -e 0`', `${(version.s / node.s).toFixed(2)} × (${(version.s * 1000).toFixed(0)} ms vs ${(node.s * 1000).toFixed(0)} ms)`, version.s <= 2 * node.s],
    ['nothing changed ≤ 0.02 × floor', `${ratio(warm).toFixed(3)} × (${warm.s.toFixed(2)} s)`, ratio(warm) <= 0.02],
    ['one unit edited ≤ 0.03 × floor', `${ratio(edited).toFixed(3)} × (${edited.s.toFixed(2)} s)`, ratio(edited) <= 0.03],
    ['cold base ≤ 0.9 × floor', `${ratio(cold).toFixed(2)} ×`, ratio(cold) <= 0.9],
    ['cold `--all` (5 editions) ≤ 1.5 × floor', `${ratio(all).toFixed(2)} ×`, ratio(all) <= 1.5],
    ...(pdf ? [[`PDF ≥ 100 pages/s on the example (pool of ${cores})`, `${pdf.perS.toFixed(0)} pages/s (${pdf.pages} pages in ${pdf.s.toFixed(2)} s, browser start ${Math.round(pdf.launchMs)} ms)`, pdf.perS >= 100]] : []),
    ...(Number.isFinite(peak) ? [['peak memory < 1 GiB', `${peak} MB (largest trainpack build row)`, peak < 1024]] : []),
  ];
  const lines = [
    `**Whole process** (a fresh process per run, wall clock, median of ${runs} runs${TIME ? '; peak memory from /usr/bin/time' : ''}):`,
    '',
    '| what | seconds | × floor | peak memory |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.s.toFixed(r.s < 1 ? 3 : 2)} | ${r === floor ? '1.00' : ratio(r).toFixed(3)} | ${r.rssMB ? `${r.rssMB} MB` : ''} |`),
    '',
    'Targets (issue 17), as ratios to the floor of this run:',
    '',
    '| target | this run | met? |',
    '|---|---|---|',
    ...targets.map(([t, v, ok]) => `| ${t} | ${v} | ${ok ? 'yes' : '**no**'} |`),
  ];
  return { lines, floor: floor.s };
}
