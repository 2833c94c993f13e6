/**
 * PDF output of the starter curriculum (`trainpack init`): files, paper,
 * table of contents page numbers, running header and footer, tagging,
 * outline, metadata, role cards on their own sheets, slides 16:9 without notes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/api.js';
import { buildPdf, cleanTemps, NEEDS_BROWSER, BROWSER, pageSize, pageTexts, pdfCatalog, pdfInfo, starter } from './helpers.js';

const FACILITATOR_ONLY = [
  'Only the facilitator guide shows this block',
  'There is no right answer',
  'Safety and a place to stay',
  'Give ten minutes for group work',
  'Ask the observers',
  'Speaker notes: seen',
  'stay in the guide', // quiz explanation
  'Any concrete, realistic action', // model answer
];

describe.skipIf(!BROWSER)(`PDF of the starter curriculum${NEEDS_BROWSER}`, () => {
  let result: BuildResult;
  let base: string;
  const pdf = (rel: string) => path.join(base, rel);

  beforeAll(async () => {
    ({ result, base } = await buildPdf(await starter()));
  });
  afterAll(cleanTemps);

  it('writes the PDFs of FORMAT.md section 6 and reports them', () => {
    for (const rel of ['facilitator-guide.pdf', 'participant-handout.pdf', 'slides/getting-started.pdf', 'role-cards.pdf']) {
      expect(existsSync(pdf(rel)), rel).toBe(true);
      expect(result.editions[0]!.files).toContain(rel);
    }
    expect(result.pdf).toMatchObject({ browser: BROWSER, files: 4 }); // guide, handout, deck, role cards
    expect(result.pdf!.pages).toBeGreaterThan(10);
    expect(result.pdf!.launchMs).toBeGreaterThan(0);
    expect(result.diagnostics.filter((d) => d.rule === 'pdf' || d.rule === 'browser')).toEqual([]);
  });

  it('prints the guide on A4, tagged, with an outline and metadata', async () => {
    expect(await pageSize(pdf('facilitator-guide.pdf'))).toEqual([596, 842]);
    const info = await pdfInfo(pdf('facilitator-guide.pdf'));
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('My training curriculum — Facilitator guide');
    expect(info.Author).toBe('Your name');
    expect(info.Subject).toBe('Facilitator guide');
    const catalog = await pdfCatalog(pdf('facilitator-guide.pdf'));
    expect(catalog.lang).toBe('en');
    expect(catalog.outlineItems).toBeGreaterThan(3);
  });

  it('numbers the table of contents with the pages the entries land on', async () => {
    for (const doc of ['facilitator-guide.pdf', 'participant-handout.pdf']) {
      const pages = await pageTexts(pdf(doc));
      const toc = pages[1]!;
      expect(toc).toMatch(/Contents/);
      const entries = [...toc.matchAll(/^\s*(Agenda|Module 1: Getting started|1\.\d [^\n]+?)\s+(\d+)\s*$/gm)].map((m) => ({ title: m[1]!.trim(), page: Number(m[2]) }));
      expect(entries.map((e) => e.title)).toEqual([
        'Agenda', 'Module 1: Getting started', '1.1 Welcome and introductions', '1.2 Practice exercise', '1.3 A first conversation', '1.4 Check your understanding',
      ]);
      for (const { title, page } of entries) {
        const heading = title === 'Module 1: Getting started' ? 'Getting started' : title;
        expect(pages[page - 1], `${doc}: "${title}" on page ${page}`).toContain(heading);
      }
    }
  });

  it('carries a running header and a "Version · Page X of Y" footer on every page but the cover', async () => {
    for (const doc of ['facilitator-guide.pdf', 'participant-handout.pdf']) {
      const pages = await pageTexts(pdf(doc));
      expect(pages[0], `${doc} cover`).not.toMatch(/Page \d|Version 0\.1\.0 ·/);
      const kind = doc === 'facilitator-guide.pdf' ? 'Facilitator guide' : 'Participant handout';
      pages.slice(1).forEach((text, i) => {
        const lines = text.split('\n').filter((l) => l.trim());
        expect(lines.at(-1), `${doc} page ${i + 2}`).toMatch(new RegExp(`^\\s*${kind}\\s+Version 0\\.1\\.0 · Page ${i + 2} of ${pages.length}\\s*$`));
        expect(lines[0]).toMatch(/^My training curriculum\s+/);
        // Never an edition id; the module on the module's pages.
        expect(text).not.toMatch(/Base edition|Edition base/);
      });
      const module = pages.findIndex((p) => /^\s*Module 1\s*$/m.test(p));
      expect(module, doc).toBeGreaterThan(0);
      for (const text of pages.slice(module)) expect(text.split('\n')[0]).toMatch(/My training curriculum\s+Module 1: Getting started\s*$/);
      for (const text of pages.slice(1, module)) expect(text.split('\n')[0]).toMatch(new RegExp(`${kind}\\s*$`));
    }
  });

  it('starts the module on a new page, after cover, contents and agenda', async () => {
    const pages = await pageTexts(pdf('facilitator-guide.pdf'), false);
    const running = /^(My training curriculum|Facilitator guide|Module 1: Getting started|Version 0\.1\.0 · Page \d+ of \d+)$/;
    const body = (p: string) => p.split('\n').filter((l) => l.trim() && !running.test(l.trim())); // minus the header and footer
    expect(pages[0]!.replace(/\s+/g, ' ')).toMatch(/FACILITATOR GUIDE/);
    expect(body(pages[2]!)[0]).toBe('Agenda');
    expect(body(pages[3]!)[0]).toBe('Module 1');
  });

  it('keeps facilitator-only text out of the handout PDF', async () => {
    const handout = (await pageTexts(pdf('participant-handout.pdf'))).join('\n');
    for (const s of FACILITATOR_ONLY) expect(handout, s).not.toContain(s);
    const guide = (await pageTexts(pdf('facilitator-guide.pdf'))).join('\n').replace(/\s+/g, ' ');
    for (const s of FACILITATOR_ONLY) expect(guide, s).toContain(s);
  });

  it('prints the role briefs as cut-out cards, not in the handout', async () => {
    const briefs = ['Listen first; do not promise anything', 'You are tired and unsure whom to trust'];
    const handout = (await pageTexts(pdf('participant-handout.pdf'))).join('\n');
    for (const b of briefs) expect(handout, b).not.toContain(b);
    const cards = (await pageTexts(pdf('role-cards.pdf'), false)).map((p) => p.replace(/\s+/g, ' '));
    expect(cards).toHaveLength(1); // two short cards share one sheet
    for (const b of briefs) expect(cards[0]).toContain(b);
    expect(result.editions[0]!.files).toContain('role-cards.pdf');
  });

  it('prints the deck 16:9, one slide a page, without speaker notes', async () => {
    const deck = pdf('slides/getting-started.pdf');
    expect(await pageSize(deck)).toEqual([960, 540]);
    const pages = await pageTexts(deck);
    expect(pages).toHaveLength(result.editions[0]!.slides);
    expect(pages[1]).toContain('Welcome');
    // The counter counts every slide, generated activity and quiz slides included.
    expect(pages[1]).toMatch(new RegExp(`2 ?/ ?${pages.length}\\b`));
    expect(pages.join('\n')).not.toContain('Speaker notes');
    expect((await pdfInfo(deck)).Tagged).toBe('yes');
  });
});

describe.skipIf(!BROWSER)(`PDF options --paper and --notes${NEEDS_BROWSER}`, () => {
  afterAll(cleanTemps);

  it('prints guide and handout on Letter with --paper letter; slides stay 16:9', async () => {
    const { base } = await buildPdf(await starter(), { paper: 'letter' });
    expect(await pageSize(path.join(base, 'facilitator-guide.pdf'))).toEqual([612, 792]);
    expect(await pageSize(path.join(base, 'participant-handout.pdf'))).toEqual([612, 792]);
    expect(await pageSize(path.join(base, 'slides/getting-started.pdf'))).toEqual([960, 540]);
  });

  it('puts two slides a portrait page with --notes, each with its speaker notes beside it', async () => {
    const { base, result } = await buildPdf(await starter(), { notes: true });
    const deck = path.join(base, 'slides/getting-started.pdf');
    const [w, h] = await pageSize(deck);
    expect(Math.abs(w - 595)).toBeLessThanOrEqual(1);
    expect(Math.abs(h - 842)).toBeLessThanOrEqual(1);
    const pages = await pageTexts(deck);
    expect(pages).toHaveLength(Math.ceil(result.editions[0]!.slides / 2));
    expect(pages[0]).toContain('Welcome');
    expect(pages[0]).toContain('SPEAKER NOTES');
    // Beside the slide: the notes share their lines with the slide's text.
    const line = pages[0]!.split('\n').find((l) => l.includes('SPEAKER NOTES'))!;
    expect(line.indexOf('SPEAKER NOTES')).toBeGreaterThanOrEqual(30); // right of the slide, not below it
    expect(pages[0]!.replace(/\s+/g, ' ')).toContain('Speaker notes: seen in the presenter view');
  });
});
