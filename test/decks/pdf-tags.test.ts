/**
 * Slide PDFs keep every slide in the tag tree (issue 14): a slide that is
 * not the current one on screen must not be hidden from assistive
 * technology (aria-hidden), or Chromium leaves it out of the PDF's
 * structure. Read with pdf-lib: every page holds a heading structure
 * element (H1 on the cover, H2 on the others), images are Figures with
 * their alt text, and lists stay lists.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE } from '../a11y/helpers.js';
import { BROWSER, buildPdf, cleanTemps, NEEDS_BROWSER } from '../pdf/helpers.js';

interface Tag {
  s: string;
  page: number;
  alt?: string;
}

/** Every structure element of a PDF with the page it sits on. */
async function tagsOf(file: string): Promise<{ pages: number; tags: Tag[] }> {
  const doc = await PDFDocument.load(await readFile(file));
  const pages = doc.getPages().map((p) => p.ref.toString());
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const tags: Tag[] = [];
  const walk = (node: PDFObject | undefined, pg?: string) => {
    const n = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (n instanceof PDFArray) {
      for (let i = 0; i < n.size(); i++) walk(n.get(i), pg);
      return;
    }
    if (!(n instanceof PDFDict)) return;
    const p = n.get(PDFName.of('Pg'));
    const page = p ? p.toString() : pg;
    const s = n.get(PDFName.of('S'));
    const alt = n.lookup(PDFName.of('Alt'));
    if (s) tags.push({ s: s.toString().slice(1), page: page ? pages.indexOf(page) : -1, alt: alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : undefined });
    walk(n.get(PDFName.of('K')), page);
  };
  walk(root.get(PDFName.of('K')));
  return { pages: pages.length, tags };
}

describe.skipIf(!BROWSER)(`slide PDFs keep every slide in the tag tree${NEEDS_BROWSER}`, () => {
  afterAll(cleanTemps);

  it('base and ar: a heading on every page, figures with alt text, lists', async () => {
    const { out } = await buildPdf(EXAMPLE, { overlays: ['base', 'ar'], modules: ['integrated-approach', 'individual'], persistentCache: false });
    for (const edition of ['base', 'ar']) {
      for (const deck of ['integrated-approach', 'individual']) {
        const html = await readFile(path.join(out, edition, 'slides', `${deck}.html`), 'utf8');
        const slides = html.match(/<section class="tp-slide /g)!.length;
        const alts = [...html.matchAll(/<section class="tp-slide [\s\S]*?<\/section>/g)].flatMap((m) => [...m[0].matchAll(/<img [^>]*alt="([^"]+)"/g)].map((a) => a[1]!));
        const { pages, tags } = await tagsOf(path.join(out, edition, 'slides', `${deck}.pdf`));
        const where = `${edition}/${deck}`;
        expect(pages, where).toBe(slides);
        const headed = new Set(tags.filter((t) => /^H[12]$/.test(t.s)).map((t) => t.page));
        expect([...headed].sort((a, b) => a - b), `${where}: a heading on every page`).toEqual([...Array(pages).keys()]);
        const figures = tags.filter((t) => t.s === 'Figure');
        expect(figures.length, where).toBeGreaterThanOrEqual(2); // the logo on the cover and a diagram
        for (const f of figures) expect(f.alt, `${where}: figure on page ${f.page + 1}`).toMatch(/\S/);
        expect(figures.map((f) => f.alt).sort(), where).toEqual(alts.map((a) => a.replace(/&#x27;|&apos;/g, "'").replace(/&amp;/g, '&')).sort());
        expect(new Set(tags.filter((t) => t.s === 'L').map((t) => t.page)).size, `${where}: lists on many slides`).toBeGreaterThan(pages / 2);
      }
    }
  }, 300_000);
});
