/** Moodle XML: well-formed whatever the text, and read back with an XML parser. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { nodesToHtml, withLang } from '../../src/export/content.js';
import { MOODLE_WEIGHTS } from '../../src/export/credit.js';
import { writeMoodleXml } from '../../src/export/moodle-xml.js';
import { cdata } from '../../src/export/xml.js';
import { FIXTURES } from '../helpers.js';
import { expatProblem, hasExpat, modelOf, xmlProblem } from './helpers.js';
import { c, el, model, opt, question, SPECIAL, t } from './model-fixture.js';

function parse(xml: string) {
  expect(xmlProblem(xml)).toBeUndefined();
  if (hasExpat) expect(expatProblem(xml)).toBeUndefined();
  return new DOMParser().parseFromString(xml, 'text/xml');
}
const html = (content: ReturnType<typeof c>, block = true) => nodesToHtml([withLang(content.nodes, 'en', 'ltr', block)]);
const text = (node: Element | null | undefined, sel: string) => node?.querySelector(sel)?.textContent ?? undefined;

describe('cdata', () => {
  it('splits "]]>" so no text can end the section early', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(xmlProblem(`<t>${cdata(']]>]]>]]]>')}</t>`)).toBeUndefined();
  });
});

describe('writeMoodleXml', () => {
  it('is well formed with < & ]]> and control characters anywhere, and keeps the text exact', () => {
    const stem = c(el('p', [t(`${SPECIAL}\u0001\u000B`)]));
    const q = question({ kind: 'single', stem, options: [opt(SPECIAL, true), opt('b', false)], feedback: c(el('p', [t(SPECIAL)])) });
    const doc = parse(writeMoodleXml(model([q])));
    const [category, multichoice] = [...doc.querySelectorAll('question')] as Element[];
    expect(category!.getAttribute('type')).toBe('category');
    expect(text(category, 'category > text')).toBe('Curriculum // with slash/Module: one');
    expect(text(category, 'info > text')).toBe('S & T');
    expect(multichoice!.getAttribute('type')).toBe('multichoice');
    expect(text(multichoice, 'name > text')).toBe('Unit {1} 1');
    // Control characters XML cannot hold are dropped; everything else is there as written.
    expect(text(multichoice, 'questiontext > text')).toBe(html(c(el('p', [t(SPECIAL)]))));
    expect(text(multichoice, 'questiontext > text')).toContain(' ]]> k');
    expect(text(multichoice, 'generalfeedback > text')).toBe(html(q.feedback!));
    expect(text(multichoice, 'single')).toBe('true');
    expect(text(multichoice, 'idnumber')).toBe(q.id);
    const answers = [...multichoice!.querySelectorAll('answer')] as Element[];
    expect(answers.map((a) => [a.getAttribute('fraction'), text(a, 'text')])).toEqual([
      ['100', html(q.options[0]!, false)],
      ['0', '<span lang="en" dir="ltr">b</span>'],
    ]);
  });

  it('gives multiple choice partial credit summing to 100, negative for wrong options', () => {
    const q = question({ kind: 'multiple', options: [opt('a', true), opt('b', true), opt('c', true), opt('x', false), opt('y', false)] });
    const doc = parse(writeMoodleXml(model([q])));
    const question_ = doc.querySelector('question[type="multichoice"]')!;
    expect(text(question_, 'single')).toBe('false');
    const fractions = [...question_.querySelectorAll('answer')].map((a) => Number((a as Element).getAttribute('fraction')));
    expect(fractions).toEqual([33.33333, 33.33333, 33.33333, -50, -50]);
    expect(Math.round(fractions.filter((f) => f > 0).reduce((a, b) => a + b) * 100) / 10000).toBe(1);
    for (const f of fractions) expect(MOODLE_WEIGHTS).toContain(Math.abs(f));
  });

  it('writes true/false with Moodle\'s answer words, essays with the model answer as grader information', () => {
    const tf = question({ kind: 'truefalse', answer: true, options: [opt('Vrai', true), opt('Faux', false)], feedback: c('why') });
    const essay = question({ kind: 'open', feedback: c(el('p', [t('MODEL & answer')])) });
    const doc = parse(writeMoodleXml(model([tf, essay])));
    const tfq = doc.querySelector('question[type="truefalse"]')!;
    expect([...tfq.querySelectorAll('answer')].map((a) => [(a as Element).getAttribute('fraction'), text(a as Element, 'text')])).toEqual([
      ['100', 'true'],
      ['0', 'false'],
    ]);
    expect(text(tfq, 'generalfeedback > text')).toBe(html(tf.feedback!));
    const eq = doc.querySelector('question[type="essay"]')!;
    expect(text(eq, 'graderinfo > text')).toBe('<div lang="en" dir="ltr"><p>MODEL &amp; answer</p></div>');
    expect(text(eq, 'generalfeedback > text')).toBe('');
    expect(text(eq, 'responseformat')).toBe('editor');
  });

  it('attaches images as files referenced by @@PLUGINFILE@@', async () => {
    const { model: m, problems } = await modelOf(path.join(FIXTURES, 'export-i18n'));
    expect(problems).toEqual([]);
    const doc = parse(writeMoodleXml(m));
    const answer = [...doc.querySelectorAll('answer')].find((a) => a.querySelector('file')) as Element;
    const file = answer.querySelector('file')!;
    const name = file.getAttribute('name')!;
    expect(name).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(file.getAttribute('encoding')).toBe('base64');
    expect(Buffer.from(file.textContent!, 'base64')).toEqual(await readFile(path.join(FIXTURES, 'export-i18n/assets/logo.png')));
    expect(text(answer, 'text')).toContain(`<img src="@@PLUGINFILE@@/${name}" alt="Logo">`);
    expect(doc.toString()).not.toContain('data:image');
  });

  it('names the edition and language in a comment, and is deterministic', async () => {
    const { model: m } = await modelOf(path.join(FIXTURES, 'export-i18n'), 'ar');
    const xml = writeMoodleXml(m);
    expect(xml).toContain('edition, language ar');
    expect(xml).toContain('<div lang="ar" dir="rtl">هل السماء زرقاء؟</div>');
    expect(writeMoodleXml(m)).toBe(xml);
  });
});
