import { describe, expect, it } from 'vitest';
import { counterStyle, digitList, direction, formatNumber, listFormat, localizeDigits, numberingSystem, timeFormat } from '../../src/render/locale.js';
import { typesetText, typographyOf } from '../../src/render/typography.js';
import { typesetTree } from '../../src/render/typography.js';
import type { Root } from 'hast';

describe('direction from the script of the language tag', () => {
  it.each(['ar', 'fa', 'ur', 'he', 'pa-Arab', 'ckb', 'ps', 'sd', 'dv', 'syr', 'yi', 'ug', 'nqo', 'ff-Adlm', 'rhg', 'az-Arab', 'ar-Latn-x-test'.slice(0, 2)])('%s is right to left', (tag) => {
    expect(direction(tag)).toBe('rtl');
  });
  it.each(['en', 'fr', 'pa', 'az', 'az-Latn', 'ku', 'zh-Hans', 'am', 'bn', 'km', 'th', 'sr-Latn', 'ff'])('%s is left to right', (tag) => {
    expect(direction(tag)).toBe('ltr');
  });
  it('an unreadable tag is left to right, not a crash', () => {
    expect(direction('not a tag')).toBe('ltr');
  });
});

describe('digits', () => {
  it('latin keeps 0-9 even where the locale prefers its own (bn, fa)', () => {
    expect(formatNumber('bn', 12, false)).toBe('12');
    expect(formatNumber('fa', 12, false)).toBe('12');
    expect(timeFormat('bn', false)(9 * 60)).toMatch(/^9:00/);
  });
  it('native uses the locale numbering system', () => {
    expect(numberingSystem('ar', true)).toBe('arab');
    expect(formatNumber('ar', 1234, true)).toBe('١٢٣٤');
    expect(formatNumber('fa', 12, true)).toBe('۱۲');
    expect(formatNumber('bn', 12, true)).toBe('১২');
    expect(formatNumber('km', 12, true)).toBe('១២');
    expect(formatNumber('th', 12, true)).toBe('๑๒');
    expect(formatNumber('hi', 12, true)).toBe('१२');
    expect(formatNumber('fr', 12, true)).toBe('12');
    expect(localizeDigits('1.2', 'ar', true)).toBe('١.٢');
    expect(counterStyle('ar', true)).toBe('arabic-indic');
    expect(counterStyle('bn', true)).toBe('bengali');
    expect(counterStyle('ar', false)).toBe('decimal');
    expect(digitList('th', true).split(' ')).toHaveLength(10);
    expect(digitList('th', false)).toBe('');
  });
});

describe('times and lists follow the locale', () => {
  it('12 or 24 hours as the locale has it', () => {
    expect(timeFormat('en', false)(9 * 60)).toMatch(/^9:00\s?AM$/u);
    expect(timeFormat('fr', false)(13 * 60 + 30)).toBe('13:30');
    expect(timeFormat('de', false)(9 * 60)).toBe('09:00');
    expect(timeFormat('ar', true)(9 * 60)).toMatch(/^٩:٠٠/);
  });
  it('lists joined by Intl.ListFormat, duplicates left out', () => {
    expect(listFormat('en', ['pens', 'flipchart', 'Pens', 'markers'])).toBe('pens, flipchart, and markers');
    expect(listFormat('fr', ['stylos', 'marqueurs', 'stylos'])).toBe('stylos et marqueurs');
    expect(listFormat('ar', ['أقلام', 'لوح', 'شريط'])).not.toMatch(/,/);
  });
});

describe('typography by locale', () => {
  it('curly quotes and apostrophes', () => {
    expect(typesetText(`"Don't" she said 'twice'`, 'en')).toBe('“Don’t” she said ‘twice’');
    expect(typesetText('Il a dit "oui" : c\'est fait !', 'fr')).toBe('Il a dit «\u202Foui\u202F»\u202F: c’est fait\u202F!');
    expect(typesetText('Er sagt "ja"', 'de')).toBe('Er sagt „ja“');
    expect(typesetText('Он сказал "да"', 'ru')).toBe('Он сказал «да»');
    expect(typesetText('他说"好"', 'ja')).toBe('他说「好」');
  });
  it('never inside URLs, e-mail addresses or clock times', () => {
    expect(typesetText('Voir https://example.org/a?b=1 : ok', 'fr')).toBe('Voir https://example.org/a?b=1\u202F: ok');
    expect(typesetText('Écrire à ref@example.org ; à 10:30 !', 'fr')).toBe('Écrire à ref@example.org\u202F; à 10:30\u202F!');
  });
  it('generated labels in Arabic script get the Arabic comma and question mark', () => {
    expect(typographyOf('نعم, لا?', 'ar')).toBe('نعم، لا؟');
    expect(typographyOf('Yes, no?', 'en')).toBe('Yes, no?');
  });
  it('content: text nodes only, never code, links that show their URL, or attribute values', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'p', properties: { title: 'a "b"' }, children: [
          { type: 'text', value: 'Say "' },
          { type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: 'hi' }] },
          { type: 'text', value: '" and ' },
          { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: 'x = "y"' }] },
          { type: 'text', value: ' at ' },
          { type: 'element', tagName: 'a', properties: { href: "https://e.org/it's" }, children: [{ type: 'text', value: "https://e.org/it's" }] },
        ] },
      ],
    };
    typesetTree(tree, 'en');
    const p = tree.children[0] as import('hast').Element;
    expect(p.properties.title).toBe('a "b"');
    const texts = JSON.stringify(p.children);
    expect(texts).toContain('Say “');
    expect(texts).toContain('” and ');
    expect(texts).toContain('x = \\"y\\"');
    expect(texts).toContain("https://e.org/it's");
  });
});
