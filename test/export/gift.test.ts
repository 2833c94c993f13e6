/** GIFT: read back with a port of Moodle's own importer, so escaping is checked against the real rules. */
import { describe, expect, it } from 'vitest';
import { nodesToHtml, withLang } from '../../src/export/content.js';
import { MOODLE_WEIGHTS } from '../../src/export/credit.js';
import { escapeGift, writeGift } from '../../src/export/gift.js';
import { categoryName } from '../../src/export/names.js';
import { Diagnostics } from '../../src/errors.js';
import { readGiftLikeMoodle } from './helpers.js';
import { c, el, model, opt, question, SPECIAL, t } from './model-fixture.js';

const html = (content: ReturnType<typeof c>, block = false) => nodesToHtml([withLang(content.nodes, 'en', 'ltr', block)]);

describe('escapeGift', () => {
  it('escapes ~ = # { } : and the backslash, and writes newlines as \\n', () => {
    expect(escapeGift('~=#{}:\\')).toBe('\\~\\=\\#\\{\\}\\:\\\\');
    expect(escapeGift('a\nb\r\nc')).toBe('a\\nb\\nc');
  });

  it('escapes slashes in category names as Moodle does', () => {
    expect(categoryName('A/B')).toBe('A//B');
    expect(categoryName('/start')).toBe(' //start');
  });
});

describe('writeGift', () => {
  it('carries every special character through Moodle\'s reader unchanged', () => {
    const stem = c(el('p', [t(SPECIAL)]), t('\n'), el('pre', [el('code', [t('line 1\nline 2 {x}')])]));
    const q = question({ kind: 'single', stem, options: [opt(SPECIAL, true), opt('plain', false)], feedback: c(el('p', [t(SPECIAL)])) });
    const [category, read] = readGiftLikeMoodle(writeGift(model([q])));
    expect(category!.category).toBe('Curriculum // with slash/Module: one');
    expect(read!.name).toBe('Unit {1} 1');
    expect(read!.idnumber).toBe(q.id);
    expect(read!.format).toBe('html');
    expect(read!.questiontext).toBe(html(stem, true));
    expect(read!.questiontext).toContain('line 1\nline 2 {x}');
    expect(read!.generalfeedback).toBe(html(q.feedback!, true));
    expect(read!.answers).toEqual([
      { text: html(q.options[0]!), fraction: 1 },
      { text: html(q.options[1]!), fraction: 0 },
    ]);
    expect(read).toMatchObject({ qtype: 'multichoice', single: true });
  });

  it('gives partial credit that sums to 100 over correct options, from Moodle\'s list, and 0 for ticking everything', () => {
    for (let right = 2; right <= 20; right++) {
      for (const wrong of [0, 1, 2, 3, 7, 11, 25]) {
        const options = [...Array.from({ length: right }, (_, i) => opt(`R${i}`, true)), ...Array.from({ length: wrong }, (_, i) => opt(`W${i}`, false))];
        const [, read] = readGiftLikeMoodle(writeGift(model([question({ kind: 'multiple', options })])));
        expect(read).toMatchObject({ qtype: 'multichoice', single: false });
        const fractions = read!.answers!.map((a) => a.fraction);
        const positive = fractions.filter((f) => f > 0).reduce((a, b) => a + b, 0);
        // Moodle's check: the positive fractions, rounded to 2 decimals, make 1.
        expect(Math.round(positive * 100) / 100, `${right} right`).toBe(1);
        if (wrong) expect(fractions.reduce((a, b) => a + b, 0), `${right}/${wrong}`).toBeLessThanOrEqual(1e-6);
        for (const f of fractions) expect(MOODLE_WEIGHTS.some((w) => Math.abs(w / 100 - Math.abs(f)) < 1e-7), `${f}`).toBe(true);
      }
    }
  });

  it('writes 3 correct options as 33.33333 each and 1 wrong as -100', () => {
    const gift = writeGift(model([question({ kind: 'multiple', options: [opt('a', true), opt('b', true), opt('c', true), opt('d', false)] })]));
    expect(gift.match(/~%[-0-9.]+%/g)).toEqual(['~%33.33333%', '~%33.33333%', '~%33.33333%', '~%-100%']);
  });

  it('reports more than 20 correct options as an error', () => {
    const diags = new Diagnostics();
    writeGift(model([question({ kind: 'multiple', options: Array.from({ length: 21 }, (_, i) => opt(`R${i}`, true)) })]), diags);
    expect(diags.errors.map((d) => d.rule)).toEqual(['quiz-format']);
  });

  it('writes true/false as {T} or {F} and open questions as essays, the explanation or model answer as general feedback', () => {
    const tf = question({ kind: 'truefalse', answer: false, options: [opt('True', false), opt('False', true)], feedback: c('Because # = {x}') });
    const essay = question({ kind: 'open', feedback: c(el('p', [t('MODEL: answer')])) });
    const bare = question({ kind: 'open' });
    const gift = writeGift(model([tf, essay, bare]));
    expect(gift).toContain('{F####');
    expect(gift).toMatch(/\{\}\n/);
    const [, a, b, d] = readGiftLikeMoodle(gift);
    expect(a).toMatchObject({ qtype: 'truefalse', correctanswer: false, generalfeedback: html(tf.feedback!, true) });
    expect(b).toMatchObject({ qtype: 'essay', generalfeedback: '<div lang="en" dir="ltr"><p>MODEL: answer</p></div>' });
    expect(d).toMatchObject({ qtype: 'essay', generalfeedback: '' });
  });

  it('marks the language and direction of each text (Arabic reads right to left)', () => {
    const q = question({ kind: 'single', lang: 'ar', dir: 'rtl', stem: c('هل؟'), options: [opt('نعم؟ أ', true), opt('ب', false)] });
    const [, read] = readGiftLikeMoodle(writeGift(model([q], { language: 'ar', dir: 'rtl' })));
    expect(read!.questiontext).toBe('<div lang="ar" dir="rtl">هل؟</div>');
    expect(read!.answers![0]!.text).toBe('<span lang="ar" dir="rtl">نعم؟ أ</span>');
  });

  it('is deterministic', () => {
    const m = model([question({ kind: 'single', options: [opt('a', true), opt('b', false)] })]);
    expect(writeGift(m)).toBe(writeGift(m));
  });
});
