/**
 * The PDF stage on its own (src/pdf/index.ts): hand-written pages in a
 * staging folder, so failures can be provoked (timeouts) and checked
 * without the rest of the pipeline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { Staging } from '../../src/emit/atomic.js';
import { TrainpackError, type Diagnostic } from '../../src/errors.js';
import { renderEditionPdfs, type PdfStageOptions } from '../../src/pdf/index.js';
import type { Edition } from '../../src/resolve/edition.js';
import { BROWSER, cleanTemps, NEEDS_BROWSER, pageSize, pageTexts, tempDir } from './helpers.js';

afterAll(cleanTemps);

const edition = {
  id: 'base', title: 'Stage test', language: 'en', dir: 'ltr',
  modules: [{ id: 'm', title: 'M' }],
  curriculum: { title: 'Stage test', authors: ['A. Author'], version: '1.0' },
  templateDirs: [],
} as unknown as Edition;
const strings = { facilitator_guide: 'Facilitator guide', participant_handout: 'Participant handout', page_x_of_y: 'Page {page} of {pages}', edition_base: 'Base edition', slides: 'Slides' };

const doc = (title: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head>
<body class="tp-doc"><nav class="tp-toc"><ol><li><a href="#module-m">Module M</a></li></ol></nav>
<section class="tp-module" id="module-m" style="break-before: page"><h2>Module M</h2><p>${title} body</p></section></body></html>`;
const deck = `<!doctype html><html lang="en"><head><title>Deck</title><style>body { margin: 0; } .tp-slide { width: 1280px; height: 720px; overflow: hidden; display: flow-root; break-after: page; } .tp-slide:last-child { break-after: auto; }</style></head>
<body class="tp-deck-page"><section class="tp-slide"><h2>One</h2><aside class="tp-speaker-notes" style="display:none">NOTE</aside></section><section class="tp-slide"><h2>Two</h2></section></body></html>`;

async function staged(): Promise<Staging> {
  const staging = await Staging.open(await tempDir(), await tempDir());
  await staging.write({
    id: 'base',
    files: new Map([['facilitator-guide.html', doc('Guide')], ['participant-handout.html', doc('Handout')], ['slides/m.html', deck]]),
    copies: new Map(),
  });
  return staging;
}

function collect(extra: Partial<PdfStageOptions> = {}) {
  const written: string[] = [];
  const warnings: Diagnostic[] = [];
  const options: PdfStageOptions = { browser: BROWSER, paper: 'a4', notes: false, onWarning: (d) => warnings.push(d), onPdf: (id, rel) => written.push(`${id}/${rel}`), ...extra };
  return { options, written, warnings };
}

describe.skipIf(!BROWSER)(`renderEditionPdfs${NEEDS_BROWSER}`, () => {
  it('prints every page of the edition into staging, reporting each PDF and the stats', async () => {
    const staging = await staged();
    const { options, written, warnings } = collect({ concurrency: 1 });
    const stats = await renderEditionPdfs(staging, [{ edition, strings }], options);
    expect(written.sort()).toEqual(['base/facilitator-guide.pdf', 'base/participant-handout.pdf', 'base/slides/m.pdf']);
    expect(warnings).toEqual([]);
    expect(stats).toMatchObject({ browser: BROWSER, files: 3, pages: 2 + 2 + 2 });
    expect(stats.ms).toBeGreaterThanOrEqual(stats.launchMs);
    const dir = staging.editionDir('base');
    const toc = (await pageTexts(path.join(dir, 'facilitator-guide.pdf')))[0]!;
    expect(toc).toMatch(/Module M\s+2/);
    expect(await pageSize(path.join(dir, 'slides/m.pdf'))).toEqual([960, 540]);
    await staging.discard();
  });

  it('turns a page that cannot be printed in time into a pdf error naming it, and closes the browser', async () => {
    const staging = await staged();
    const { options, written } = collect({ timeoutMs: 1 });
    const err = await renderEditionPdfs(staging, [{ edition, strings }], options).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TrainpackError);
    const diagnostics = (err as TrainpackError).diagnostics;
    // Every diagnostic is a pdf/browser one: build() then still delivers the HTML.
    expect(diagnostics.every((d) => d.rule === 'pdf' || d.rule === 'browser')).toBe(true);
    expect(diagnostics.map((d) => d.file).sort()).toEqual(['base/facilitator-guide.pdf', 'base/participant-handout.pdf', 'base/slides/m.pdf']);
    expect(diagnostics[0]!.message).toMatch(/Could not print base\/.*\.pdf: .*(time|Timeout)/i);
    expect(written).toEqual([]);
    // The browser was closed in `finally`: no Chromium child process is left.
    const { stdout } = await execa('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { reject: false });
    expect(stdout).not.toMatch(/chrom/i);
    expect(existsSync(path.join(staging.editionDir('base'), 'facilitator-guide.html'))).toBe(true);
    await staging.discard();
  });
});
