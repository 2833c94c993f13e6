/** The XML helpers of the writers, and the checker the tests rely on (it must reject what a real parser rejects). */
import { describe, expect, it } from 'vitest';
import { attrs, cdata, ncName, xmlAttr, xmlComment, xmlSafe, xmlText } from '../../src/export/xml.js';
import { expatProblem, hasExpat, xmlProblem } from './helpers.js';

describe('xml helpers', () => {
  it('escape text and attributes and drop characters XML cannot hold', () => {
    expect(xmlText('a < b & c > d ]]>')).toBe('a &lt; b &amp; c &gt; d ]]&gt;');
    expect(xmlAttr('"x"\n\ty')).toBe('&quot;x&quot;&#10;&#9;y');
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh😀')).toBe('abcdef\tg\nh😀');
    expect(attrs({ a: '1', b: undefined, c: 'x"y' })).toBe(' a="1" c="x&quot;y"');
  });

  it('make comments and identifiers that are always valid', () => {
    expect(xmlComment('a -- b -')).toBe('<!-- a - - b -  -->');
    expect(xmlProblem(`<r>${xmlComment('---x--')}</r>`)).toBeUndefined();
    expect(ncName('quiz-1')).toBe('quiz-1');
    expect(ncName('1-quiz')).toBe('_1-quiz');
    expect(ncName('é x')).toBe('__x');
  });

  it('round-trip any text through CDATA and escaping with a real parser', () => {
    const nasty = 'x]]>y]]]]>z<![CDATA[&amp;<b>\u0001';
    const doc = `<r><a>${cdata(nasty)}</a><b t="${xmlAttr(nasty)}">${xmlText(nasty)}</b></r>`;
    expect(xmlProblem(doc)).toBeUndefined();
    if (hasExpat) expect(expatProblem(doc)).toBeUndefined();
  });
});

describe('xmlProblem (the tests\' checker)', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a>&</a>', /bare "&"/],
    ['<a>&nbsp;</a>', /bare "&"/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
    ['<a x=1/>', /bad start tag/],
    ['<a>x]]>y</a>', /"]]>" in text/],
    ['<a><![CDATA[x]]>]]></a>', /"]]>" in text/],
    ['<a><!-- x -- y --></a>', /"--" in a comment/],
    ['<a/><b/>', /more than one root/],
    ['<a>\u0001</a>', /character not allowed/],
    ['<a>', /unclosed/],
    ['text<a/>', /outside the root/],
  ])('rejects %j', (xml, problem) => {
    expect(xmlProblem(xml)).toMatch(problem);
    if (hasExpat) expect(expatProblem(xml)).toBeDefined();
  });

  it('accepts well-formed documents', () => {
    const ok = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><r a="&lt;&#10;" b=\'x\'><x:y/>&#x41;<![CDATA[<&]]>é</r>\n';
    expect(xmlProblem(ok)).toBeUndefined();
    if (hasExpat) expect(expatProblem(ok)).toBeUndefined();
  });
});
