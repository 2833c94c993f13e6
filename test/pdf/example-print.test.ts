/**
 * The bundled example printed as a designer would (issue 15), base and
 * Arabic editions: covers without running header or footer, the running
 * header naming the edition's title and the module (never an id), no page
 * less than half used unless a module (or the agenda) starts on the next,
 * role cards several to a page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, buildPdf, cleanTemps, NEEDS_BROWSER, pageTexts, pdfFonts, ROOT } from './helpers.js';
import { underfilled } from './fill.js';
import { destinations, loadPdf } from '../../src/pdf/pdfdoc.js';

const EXAMPLE = path.join(ROOT, 'curricula/reintegration');
const DOCS = ['facilitator-guide.pdf', 'participant-handout.pdf'];

describe.skipIf(!BROWSER)(`the example curriculum in print (base, ar)${NEEDS_BROWSER}`, () => {
  let out: string;
  beforeAll(async () => {
    ({ out } = await buildPdf(EXAMPLE, { overlays: ['base', 'ar'], persistentCache: false, start: '2026-05-04', event: { venue: 'Venue-Sentinel' } }));
  }, 300_000);
  afterAll(cleanTemps);

  const file = (edition: string, rel: string) => path.join(out, edition, rel);

  it('prints covers without running header or footer, and every other page with both', async () => {
    const footer = { base: (i: number, n: number) => new RegExp(`Version 1\\.0\\.0 · Page ${i} of ${n}`), // pdftotext gives right-to-left lines in logical or in visual order: accept both.
    ar: (i: number, n: number) => new RegExp(`الصفحة\\s*${i}\\s*من\\s*${n}|${n}\\s*من\\s*${i}\\s*·?\\s*الصفحة`) };
    const header = { base: /Reintegration assistance for returning migrants/, ar: /المساعدة على إعادة إدماج المهاجرين العائدين|العائدين/ };
    for (const edition of ['base', 'ar'] as const) {
      for (const doc of DOCS) {
        const pages = (await pageTexts(file(edition, doc), false)).map((p) => p.replace(/[\u200e\u200f\u202a-\u202e]/g, ''));
        expect(pages[0], `${edition}/${doc} cover`).not.toMatch(/الصفحة|Page \d|Version 1\.0\.0 ·|الإصدار 1\.0\.0 ·/);
        expect(pages[0]).toContain('Venue-Sentinel');
        pages.slice(1).forEach((p, i) => {
          expect(p, `${edition}/${doc} page ${i + 2}`).toMatch(footer[edition](i + 2, pages.length));
          expect(p, `${edition}/${doc} page ${i + 2}`).toMatch(header[edition]);
          // The edition's title, never its id ("Base edition", "الطبعة ar").
          expect(p).not.toMatch(/Base edition|الطبعة ar|Edition ar/);
        });
        // From the first module on, the header names the module.
        const first = destinations(await loadPdf(await readFile(file(edition, doc)))).get('module-integrated-approach')!;
        expect(first, `${edition}/${doc}`).toBeGreaterThan(2);
        for (const p of [pages[first - 1]!, pages[first]!]) expect(p.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ')).toMatch(/Module 1: An integrated approach to reintegration|الوحدة\s*:?\s*1/);
        expect(pages[first - 2]!.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ')).not.toMatch(/Module 1|الوحدة\s*:?\s*1/);
      }
    }
  });

  it('leaves no page less than half used unless a module starts on the next', async () => {
    for (const edition of ['base', 'ar']) {
      for (const doc of DOCS) expect(await underfilled(file(edition, doc)), `${edition}/${doc}`).toEqual([]);
    }
  });

  it('prints SVG diagrams and symbols in Noto, never in a fallback family Noto could replace', async () => {
    for (const edition of ['base', 'ar']) {
      for (const doc of [...DOCS, 'role-cards.pdf']) {
        const fonts = await pdfFonts(file(edition, doc));
        expect(fonts.filter((f) => /Liberation|Arial|Helvetica/i.test(f)), `${edition}/${doc}`).toEqual([]);
      }
    }
  });

  it('prints the role cards at least two to a page', async () => {
    for (const edition of ['base', 'ar']) {
      const pages = await pageTexts(file(edition, 'role-cards.pdf'), false);
      const counts = pages.map((p) => (p.match(/\d+\/\d+/g) ?? []).length);
      expect(counts.reduce((a, b) => a + b, 0), edition).toBe(9); // three role-plays of three roles
      // Two or four a page; only the last page may hold the odd card.
      counts.slice(0, -1).forEach((n) => expect([2, 4]).toContain(n));
      expect(counts.at(-1)).toBeGreaterThanOrEqual(1);
    }
  });
});
