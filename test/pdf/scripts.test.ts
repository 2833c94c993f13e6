/**
 * Non-Latin scripts and right-to-left editions in print: Noto fonts are
 * embedded for each script (no tofu), Arabic editions are mirrored, and a
 * script with no installed font is a warning naming the package.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fcList } from '../../src/pdf/fonts.js';
import { BROWSER, buildPdf, cleanTemps, copyFixture, NEEDS_BROWSER, pageSize, pageTexts, pageWords, pdfCatalog, pdfFonts, pdfInfo, writeCurriculum } from './helpers.js';

afterAll(cleanTemps);

describe.skipIf(!BROWSER)(`scripts in print (fixture pdf-scripts)${NEEDS_BROWSER}`, () => {
  it('embeds a Noto font for Arabic, Bengali, Khmer and Thai in guide, handout and deck', async () => {
    const { base, result } = await buildPdf(await copyFixture('pdf-scripts'));
    expect(result.diagnostics.filter((d) => d.rule === 'pdf')).toEqual([]);
    for (const rel of ['facilitator-guide.pdf', 'participant-handout.pdf', 'slides/scripts.pdf']) {
      const fonts = await pdfFonts(path.join(base, rel));
      for (const family of ['NotoSansArabic', 'NotoSansBengali', 'NotoSansKhmer', 'NotoSansThai']) {
        expect(fonts.some((f) => f.startsWith(family)), `${rel}: ${family} in ${fonts.join(', ')}`).toBe(true);
      }
    }
    const text = (await pageTexts(path.join(base, 'facilitator-guide.pdf'))).join('\n');
    expect(text).toContain('Œuvre, façade, élève');
    expect(text).toContain('¿Qué necesita primero la persona?');
    expect(text).toContain('ยินดีต้อนรับ');
    const info = await pdfInfo(path.join(base, 'facilitator-guide.pdf'));
    expect(info.Author).toBe('Test Author, Second Author');
  });
});

describe.skipIf(!BROWSER)(`a right-to-left edition (fixture pdf-rtl)${NEEDS_BROWSER}`, () => {
  it('mirrors the layout, localises header and footer, and keeps the handout clean', async () => {
    const { base } = await buildPdf(await copyFixture('pdf-rtl'));
    const guide = path.join(base, 'facilitator-guide.pdf');
    expect(await pageSize(guide)).toEqual([596, 842]);
    expect((await pdfCatalog(guide)).lang).toBe('ar');
    expect((await pdfFonts(guide)).some((f) => f.startsWith('NotoSansArabic'))).toBe(true);

    // Table of contents: the page number sits at the end of the line, which is the left in RTL.
    // pdftotext -bbox gives Arabic words in visual order, letters reversed: compare both ways.
    const is = (w: { text: string }, word: string) => w.text === word || [...w.text].reverse().join('') === word;
    const words = await pageWords(guide, 2);
    const title = words.find((w) => is(w, 'جدول'))!; // "جدول الأعمال", the agenda
    expect(title).toBeDefined();
    const number = words.find((w) => /^\d+$/.test(w.text) && Math.abs(w.yMin - title.yMin) < 6)!;
    expect(number.text).toBe('3');
    expect(number.xMax).toBeLessThan(title.xMin);
    // Running header: edition title on the right (start), document kind on the left.
    const header = words.filter((w) => w.yMin < 40);
    const start = header.find((w) => is(w, 'العائدين'))!;
    const kind = header.find((w) => is(w, 'دليل'))!;
    expect(start.xMin).toBeGreaterThan(kind.xMax);

    const pages = await pageTexts(guide, false);
    expect(pages[0]).not.toMatch(/صفحة/); // the cover has no footer
    pages.slice(1).forEach((p, i) => expect(p.replace(/[\u200e\u200f\u202a-\u202e]/g, ''), `page ${i + 2}`).toMatch(new RegExp(`صفحة\\s*${i + 2}\\s*من\\s*${pages.length}`)));

    const handout = (await pageTexts(path.join(base, 'participant-handout.pdf'))).join('\n');
    expect(handout).not.toContain('FACILITATOR-RTL-SECRET');
    expect(handout).not.toContain('SPEAKER-RTL-SECRET');
    // Role briefs are cut-out cards: two or more to a sheet, in role-cards.pdf.
    const cards = await pageTexts(path.join(base, 'role-cards.pdf'));
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThan(2);
  });
});

describe.skipIf(!BROWSER)(`a script with no font installed${NEEDS_BROWSER}`, () => {
  it('warns once, naming the package to install', async (ctx) => {
    if ((await fcList('zh')) !== false) ctx.skip(); // this machine has CJK fonts (or no fc-list)
    const dir = await writeCurriculum({
      'curriculum.yml': 'id: cjk\ntitle: CJK\nlanguage: en\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': '---\ntitle: Chinese\nduration: 10\n---\n\n欢迎参加培训。\n\n::::slide\n# 欢迎\n::::\n',
    });
    const { result } = await buildPdf(dir);
    const warnings = result.diagnostics.filter((d) => d.rule === 'pdf' && d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('Han');
    expect(warnings[0]!.hint).toContain('apt-get install fonts-noto-cjk');
  });
});
