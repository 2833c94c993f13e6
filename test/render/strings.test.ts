import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, Templates } from '../../src/render/templates.js';

const dir = path.join(BUILTIN_TEMPLATES, 'strings');
const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
const en = read('en.json');
const placeholders = (s: string) => [...s.matchAll(/\{[a-z_]+\}/g)].map((m) => m[0]).sort();
const shipped = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json');

describe('shipped UI catalogues', () => {
  it('include the languages of the field', () => {
    for (const lang of ['fr', 'es', 'ar', 'bn', 'km', 'th', 'id', 'pt', 'sw', 'hi', 'ur', 'fa', 'zh-Hans', 'ru', 'uk', 'tr', 'am']) expect(shipped).toContain(`${lang}.json`);
  });

  it.each(shipped)('%s has every key of en.json, no other key, and keeps every placeholder', (file) => {
    const catalogue = read(file);
    expect(Object.keys(catalogue).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in catalogue))).toEqual([]);
    for (const [key, english] of Object.entries(en)) {
      expect(typeof catalogue[key], `${file} ${key}`).toBe('string');
      expect(catalogue[key]!.trim(), `${file} ${key} is empty`).not.toBe('');
      expect(placeholders(catalogue[key]!), `${file} ${key}`).toEqual(placeholders(english));
    }
  });

  it('a catalogue is found for a tag with a region or without its script (zh-CN, zh -> zh-Hans)', () => {
    const t = new Templates();
    expect(t.strings('zh-CN').missing).toEqual([]);
    expect(t.strings('zh').strings.answer_key).toBe(read('zh-Hans.json').answer_key);
    expect(t.strings('pt-BR').missing).toEqual([]);
    expect(t.strings('de').missing.length).toBe(Object.keys(en).length);
  });

  it('UI strings are typeset for their language (French spacing, apostrophes; Arabic comma)', () => {
    const t = new Templates();
    const fr = t.strings('fr').strings;
    expect(fr.objectives_intro).toBe('À l’issue de cette unité, les participants seront capables de\u202F:');
    expect(fr.slide_status).toContain('{total}\u202F: {title}');
    const ar = t.strings('ar').strings;
    expect(ar.deck_help).not.toMatch(/,/);
  });
});
