#!/usr/bin/env node
/**
 * PDF stage measurements (issue 3); not a test. Run after `npm run build`:
 *
 *   node test/pdf/measure.mjs [runs]
 *
 * Prints: browser launch time per installed browser; the starter curriculum's
 * PDFs; a generated 100-slide deck and the bundled example curriculum with
 * a pool of 1 and of 2 pages (pages/s). Medians of `runs` (default 3).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../dist/api.js';
import { loadCurriculum } from '../../dist/api.js';
import { openGuardedPage } from '../../dist/pdf/guard.js';
import { launchBrowser } from '../../dist/pdf/launch.js';
import { printDeck, printDocument } from '../../dist/pdf/print.js';
import { BUILTIN_TEMPLATES } from '../../dist/render/templates.js';
import { readFile } from 'node:fs/promises';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.argv[2] ?? 3);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'trainpack-measure-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

/** One module of `units` units with `perUnit` slides each (bullets, a table, notes). */
async function generateDeck(dir, units, perUnit) {
  await mkdir(path.join(dir, 'modules/01-big'), { recursive: true });
  await writeFile(path.join(dir, 'curriculum.yml'), 'id: big\ntitle: A hundred slides\nlanguage: en\nauthors: [Bench]\n');
  await writeFile(path.join(dir, 'modules/01-big/module.yml'), 'title: Big module\n');
  for (let u = 1; u <= units; u++) {
    const slides = Array.from({ length: perUnit }, (_, s) => [
      '::::slide', `# Unit ${u}, slide ${s + 1}`, '',
      '- A first point that takes a line', '- A second point with **bold** text', '- A third point',
      '', '| A | B |', '|---|---|', '| 1 | 2 |', '',
      ':::notes', `Notes for slide ${s + 1}: say something useful here.`, ':::', '::::', '',
    ].join('\n'));
    await writeFile(
      path.join(dir, `modules/01-big/${String(u).padStart(2, '0')}-unit.md`),
      `---\nid: unit-${u}\ntitle: Unit ${u}\nduration: 30\n---\n\nSome text of unit ${u}.\n\n${slides.join('\n')}`,
    );
  }
}

async function timeBuild(label, dir, concurrency) {
  process.env.TRAINPACK_PDF_CONCURRENCY = String(concurrency ?? 2);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(tmp, `out-${label}-${i}`);
    const r = await build({ dir, out, formats: ['html', 'pdf'], persistentCache: false });
    samples.push(r.pdf);
    await rm(out, { recursive: true, force: true });
  }
  const pdfMs = median(samples.map((s) => s.ms));
  const { pages, files, browser } = samples[0];
  const launch = median(samples.map((s) => s.launchMs));
  console.log(`${label.padEnd(34)} ${String(files).padStart(3)} PDFs ${String(pages).padStart(4)} pages  stage ${ms(pdfMs).padStart(8)}  launch ${ms(launch).padStart(6)}  ${(pages / (pdfMs / 1000)).toFixed(1).padStart(6)} pages/s  (${path.basename(browser)})`);
}

/** Print each page of a built edition alone (pool of one page), to see where the time goes. */
async function perFile(label, dir) {
  const out = path.join(tmp, `html-${label}`);
  const r = await build({ dir, out, formats: ['html'], persistentCache: false });
  const { Diagnostics } = await import('../../dist/errors.js');
  const { curriculum } = await loadCurriculum(dir, new Diagnostics());
  const edition = { id: 'base', title: curriculum.title, language: curriculum.language, dir: 'ltr', curriculum, modules: curriculum.modules };
  const strings = JSON.parse(await readFile(path.join(BUILTIN_TEMPLATES, 'strings/en.json'), 'utf8'));
  const settings = { paper: 'a4', notes: false, timeout: 120_000, css: await readFile(path.join(BUILTIN_TEMPLATES, 'css/print-pdf.css'), 'utf8') };
  const { browser } = await launchBrowser({ path: '/usr/lib/chromium/chromium-headless-shell', source: 'system' });
  try {
    const gp = await openGuardedPage(browser);
    gp.rules = { root: path.join(out, 'base'), onRemote() {}, onBlocked() {} };
    for (const rel of r.editions[0].files.filter((f) => f.endsWith('.html') && f !== 'index.html')) {
      const job = { edition, strings, kind: rel.startsWith('slides/') ? 'deck' : rel.startsWith('facilitator') ? 'guide' : 'handout', html: path.join(out, 'base', rel) };
      const times = [];
      let printed;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        printed = await (job.kind === 'deck' ? printDeck : printDocument)(gp.page, job, settings);
        times.push(performance.now() - t);
      }
      const t = median(times);
      console.log(`  ${label}: ${rel.padEnd(40)} ${String(printed.pages).padStart(4)} pages, ${printed.passes} pass(es) ${ms(t).padStart(8)}  ${(printed.pages / (t / 1000)).toFixed(1).padStart(6)} pages/s`);
    }
  } finally {
    await browser.close();
  }
}

try {
  console.log(`node ${process.version}, ${os.cpus().length} cores, median of ${RUNS}\n`);
  for (const exe of ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium']) {
    if (!existsSync(exe)) continue;
    const times = [];
    for (let i = 0; i < Math.max(RUNS, 3); i++) {
      const { browser, launchMs } = await launchBrowser({ path: exe, source: 'system' });
      times.push(launchMs);
      await browser.close();
    }
    console.log(`launch ${exe.padEnd(45)} ${ms(median(times))} (min ${ms(Math.min(...times))})`);
  }
  console.log('');
  const starter = path.join(tmp, 'starter');
  await cp(path.join(ROOT, 'templates/init'), starter, { recursive: true });
  const deck = path.join(tmp, 'deck100');
  await generateDeck(deck, 10, 10);
  for (const pool of [1, 2]) await timeBuild(`starter, pool ${pool}`, starter, pool);
  for (const pool of [1, 2]) await timeBuild(`100-slide deck, pool ${pool}`, deck, pool);
  const example = path.join(tmp, 'reintegration');
  if (existsSync(path.join(ROOT, 'curricula/reintegration'))) await cp(path.join(ROOT, 'curricula/reintegration'), example, { recursive: true });
  if (existsSync(example)) for (const pool of [1, 2]) await timeBuild(`curricula/reintegration, pool ${pool}`, example, pool);
  console.log('\nper file (one page, load + print + pdf-lib):');
  await perFile('starter', starter);
  await perFile('deck100', deck);
  if (existsSync(example)) await perFile('reintegration', example);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
