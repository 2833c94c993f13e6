/** QTI 2.1: the package read back (ZIP with CRCs checked, every XML parsed), items checked against the spec's rules. */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { qtiPackage } from '../../src/export/qti.js';
import { toQtiXhtml } from '../../src/export/xhtml.js';
import { zip } from '../../src/emit/zip.js';
import { FIXTURES, tempDir } from '../helpers.js';
import { expatProblem, hasExpat, modelOf, readZip, xmlProblem } from './helpers.js';
import type { QuizQuestion } from '../../src/export/model.js';
import { c, el, model, opt, question, SPECIAL, t } from './model-fixture.js';

function parse(xml: string) {
  expect(xmlProblem(xml)).toBeUndefined();
  if (hasExpat) expect(expatProblem(xml)).toBeUndefined();
  return new DOMParser().parseFromString(xml, 'text/xml');
}

/** The package of a model, read back through the ZIP reader. */
function unpack(m: Parameters<typeof qtiPackage>[0]) {
  const files = readZip(zip(qtiPackage(m)));
  const xml = (name: string) => parse(files.get(name)!.toString('utf8'));
  return { files, xml };
}

/** Elements QTI 2.1 allows in an item: its own and its XHTML subset. */
const QTI_ELEMENTS = new Set([
  'assessmentItem', 'responseDeclaration', 'outcomeDeclaration', 'defaultValue', 'value', 'correctResponse', 'mapping', 'mapEntry',
  'itemBody', 'choiceInteraction', 'simpleChoice', 'extendedTextInteraction', 'rubricBlock', 'responseProcessing', 'responseCondition',
  'responseIf', 'responseElse', 'match', 'variable', 'correct', 'setOutcomeValue', 'baseValue', 'isNull', 'mapResponse', 'modalFeedback',
  'abbr', 'acronym', 'address', 'blockquote', 'br', 'cite', 'code', 'dfn', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'kbd', 'p', 'pre',
  'q', 'samp', 'span', 'strong', 'var', 'dl', 'dt', 'dd', 'ol', 'ul', 'li', 'b', 'big', 'hr', 'i', 'small', 'sub', 'sup', 'tt', 'caption',
  'col', 'colgroup', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'td', 'th', 'img', 'a',
]);

describe('toQtiXhtml', () => {
  it('maps HTML outside QTI\'s subset to allowed elements and drops other attributes', () => {
    const nodes = [
      el('section', [el('mark', [t('m')]), el('input', [], { type: 'checkbox' }), el('del', [t('d')])]),
      el('p', [t('x')], { lang: 'fr', dir: 'ltr', id: 'x' }),
      el('img', [], { src: 'media/a.png' }),
      el('custom', [t('kept text')]),
    ];
    expect(toQtiXhtml(nodes)).toBe('<div><span>m</span><span>d</span></div><p xml:lang="fr">x</p><img src="media/a.png" alt=""/>kept text');
  });
});

describe('qtiPackage', () => {
  it('packages every item, listed in the manifest, with nothing unlisted', () => {
    const m = model([
      question({ kind: 'single', options: [opt('a', true), opt('b', false)] }),
      question({ kind: 'open' }),
    ]);
    const { files, xml } = unpack(m);
    expect([...files.keys()].slice(0, 2)).toEqual(['imsmanifest.xml', 'assessment.xml']);
    const manifest = xml('imsmanifest.xml');
    const listed = [...manifest.querySelectorAll('file')].map((f) => (f as Element).getAttribute('href'));
    expect([...listed].sort()).toEqual([...files.keys()].filter((f) => f !== 'imsmanifest.xml').sort());
    const resources = [...manifest.querySelectorAll('resource')] as Element[];
    expect(resources.map((r) => r.getAttribute('type'))).toEqual(['imsqti_test_xmlv2p1', 'imsqti_item_xmlv2p1', 'imsqti_item_xmlv2p1']);
    for (const r of resources) expect(files.has(r.getAttribute('href')!)).toBe(true);
    const ids = new Set(resources.map((r) => r.getAttribute('identifier')));
    for (const d of manifest.querySelectorAll('dependency')) expect(ids.has((d as Element).getAttribute('identifierref'))).toBe(true);
    expect(manifest.querySelector('general > language')!.textContent).toBe('en');
    // The test: one section per module holding one per quiz unit, referring to every item.
    const test = xml('assessment.xml');
    expect(test.querySelector('assessmentSection > assessmentSection')!.getAttribute('title')).toBe('Unit {1}');
    for (const ref of test.querySelectorAll('assessmentItemRef')) expect(files.has((ref as Element).getAttribute('href')!)).toBe(true);
  });

  it('writes single, multiple, true/false and open items with the right scoring', () => {
    const single = question({ kind: 'single', stem: c(el('p', [t(SPECIAL)])), options: [opt(SPECIAL, false), opt('right', true)], feedback: c(el('p', [t('WHY')])) });
    const multiple = question({ kind: 'multiple', options: [opt('a', true), opt('b', true), opt('c', true), opt('x', false), opt('y', false)] });
    const tf = question({ kind: 'truefalse', answer: false, options: [opt('True', false), opt('False', true)] });
    const open = question({ kind: 'open', feedback: c(el('p', [t('MODEL')])) });
    const { xml } = unpack(model([single, multiple, tf, open]));
    const item = (id: string) => xml(`items/${id}.xml`).querySelector('assessmentItem')!;

    const s = item(single.id);
    expect(s.getAttribute('xml:lang')).toBe('en');
    expect(s.getAttribute('identifier')).toBe(single.id);
    expect(s.querySelector('choiceInteraction')!.getAttribute('maxChoices')).toBe('1');
    expect(s.querySelector('correctResponse')!.textContent!.trim()).toBe('C2');
    expect(s.querySelector('simpleChoice')!.textContent).toBe(SPECIAL);
    expect(s.querySelector('itemBody > div > p')!.textContent).toBe(SPECIAL);
    expect(s.querySelector('modalFeedback')!.textContent!.trim()).toBe('WHY');
    expect(s.querySelector('responseProcessing setOutcomeValue[identifier="FEEDBACK"] baseValue')!.textContent).toBe('EXPLANATION');

    const mq = item(multiple.id);
    expect(mq.querySelector('responseDeclaration')!.getAttribute('cardinality')).toBe('multiple');
    expect(mq.querySelector('choiceInteraction')!.getAttribute('maxChoices')).toBe('0');
    expect(mq.querySelectorAll('correctResponse value').length).toBe(3);
    const mapping = mq.querySelector('mapping')!;
    expect([mapping.getAttribute('lowerBound'), mapping.getAttribute('upperBound')]).toEqual(['0', '1']);
    const values = [...mapping.querySelectorAll('mapEntry')].map((e) => Number((e as Element).getAttribute('mappedValue')));
    expect(values.filter((v) => v > 0).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    expect(values.filter((v) => v > 0).reduce((a, b) => a + b)).toBeLessThan(1.000001);
    expect(values.reduce((a, b) => a + b)).toBeLessThanOrEqual(1e-9);
    expect(mq.querySelector('responseProcessing')!.getAttribute('template')).toMatch(/map_response$/);

    const tq = item(tf.id);
    expect(tq.querySelectorAll('simpleChoice').length).toBe(2);
    expect(tq.querySelector('correctResponse')!.textContent!.trim()).toBe('C2');
    expect(tq.querySelector('responseProcessing')!.getAttribute('template')).toMatch(/match_correct$/);

    const oq = item(open.id);
    expect(oq.querySelector('extendedTextInteraction')).not.toBeNull();
    expect(oq.querySelector('responseDeclaration')!.getAttribute('baseType')).toBe('string');
    expect(oq.querySelector('rubricBlock')!.getAttribute('view')).toBe('scorer');
    expect(oq.querySelector('rubricBlock')!.textContent!.trim()).toBe('MODEL');
    expect(oq.querySelector('responseProcessing')).toBeNull();

    for (const q of [single, multiple, tf, open]) {
      for (const e of item(q.id).querySelectorAll('*')) expect(QTI_ELEMENTS.has((e as Element).localName), (e as Element).localName).toBe(true);
    }
  });

  it('maps partial credit so all correct options reach 1 and ticking every box reaches 0, for any counts', () => {
    const cases: [number, number, QuizQuestion][] = [];
    for (let right = 2; right <= 25; right++) {
      for (const wrong of [0, 1, 2, 3, 6, 7, 30]) {
        const options = [...Array.from({ length: right }, (_, i) => opt(`R${i}`, true)), ...Array.from({ length: wrong }, (_, i) => opt(`W${i}`, false))];
        cases.push([right, wrong, question({ kind: 'multiple', options })]);
      }
    }
    const files = readZip(zip(qtiPackage(model(cases.map(([, , q]) => q)))));
    for (const [right, wrong, q] of cases) {
      const doc = new DOMParser().parseFromString(files.get(`items/${q.id}.xml`)!.toString('utf8'), 'text/xml');
      const values = [...doc.querySelectorAll('mapEntry')].map((e) => Number((e as Element).getAttribute('mappedValue')));
      const plus = values.filter((v) => v > 0).reduce((a, b) => a + b, 0);
      expect(plus, `${right}/${wrong}`).toBeGreaterThanOrEqual(1);
      expect(plus, `${right}/${wrong}`).toBeLessThan(1.00001);
      // Wrong ones first, as a player might add them.
      if (wrong) expect([...values].reverse().reduce((a, b) => a + b, 0), `${right}/${wrong}`).toBeLessThanOrEqual(0);
      if (wrong) expect(values.reduce((a, b) => a + b, 0), `${right}/${wrong}`).toBeLessThanOrEqual(0);
    }
  });

  it('carries images as files beside the items, and the Arabic edition\'s language', async () => {
    const base = await modelOf(path.join(FIXTURES, 'export-i18n'));
    const { files, xml } = unpack(base.model);
    const media = [...files.keys()].filter((f) => f.startsWith('items/media/'));
    expect(media).toHaveLength(1);
    const img = xml('items/check-3.xml').querySelector('img')!;
    expect(img.getAttribute('src')).toBe(media[0]!.slice('items/'.length));
    expect(img.getAttribute('alt')).toBe('Logo');

    const ar = await modelOf(path.join(FIXTURES, 'export-i18n'), 'ar');
    const pkg = unpack(ar.model);
    expect(pkg.xml('imsmanifest.xml').querySelector('general > language')!.textContent).toBe('ar');
    expect(pkg.xml('items/check-1.xml').querySelector('assessmentItem')!.getAttribute('xml:lang')).toBe('ar');
    expect(pkg.xml('items/check-1.xml').querySelector('simpleChoice')!.textContent).toBe('صحيح');
    // A unit the Arabic overlay does not translate is still English.
    expect(pkg.xml('items/yesno-1.xml').querySelector('assessmentItem')!.getAttribute('xml:lang')).toBe('en');
  });

  it('is byte-for-byte deterministic', async () => {
    const a = await modelOf(path.join(FIXTURES, 'export-i18n'));
    const b = await modelOf(path.join(FIXTURES, 'export-i18n'));
    expect(zip(qtiPackage(a.model)).equals(zip(qtiPackage(b.model)))).toBe(true);
  });
});

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('zip', () => {
  it.skipIf(!hasUnzip)('writes archives that Info-ZIP unzip tests clean', async () => {
    const file = path.join(await tempDir(), 'a.zip');
    await writeFile(file, zip(new Map<string, string | Buffer>([['a.txt', 'hello'], ['d/é.xml', '<x/>'], ['empty', Buffer.alloc(0)]])));
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No errors detected');
  });

  it('reads back what it wrote', () => {
    const files = new Map<string, string | Buffer>([['a.txt', 'hello'], ['b/c.bin', Buffer.from([0, 1, 2, 255])]]);
    const back = readZip(zip(files));
    expect([...back.keys()]).toEqual(['a.txt', 'b/c.bin']);
    expect(back.get('a.txt')!.toString()).toBe('hello');
    expect([...back.get('b/c.bin')!]).toEqual([0, 1, 2, 255]);
  });
});
