/** Script detection and the cached font check (src/pdf/fonts.ts). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fcList, missingScripts, scriptsIn } from '../../src/pdf/fonts.js';

describe('scriptsIn', () => {
  it.each([
    ['مرحبا بكم', 'ar'],
    ['স্বাগতম', 'bn'],
    ['សូមស្វាគមន៍', 'km'],
    ['ยินดีต้อนรับ', 'th'],
    ['स्वागत है', 'hi'],
    ['እንኳን ደህና መጡ', 'am'],
    ['欢迎', 'zh'],
    ['ようこそ', 'ja'],
    ['환영합니다', 'ko'],
    ['שלום', 'he'],
  ])('finds the script of %s', (text, lang) => {
    expect(scriptsIn(`Latin text ${text} and more`).map((s) => s.lang)).toEqual([lang]);
  });

  it('finds nothing to check in Latin, French or Spanish text', () => {
    expect(scriptsIn('Bienvenue à l’atelier. ¿Qué necesita? Œuvre, niño.')).toEqual([]);
  });
});

describe('missingScripts', () => {
  it('reports scripts without a font, naming the package, and asks once per language', async () => {
    const asked: string[] = [];
    const probe = async (lang: string) => {
      asked.push(lang);
      return lang !== 'km' && lang !== 'zh';
    };
    const first = await missingScripts('Khmer សួស្តី, Arabic مرحبا, Chinese 欢迎', probe);
    expect(first.map((s) => [s.lang, s.pkg])).toEqual([
      ['km', 'fonts-noto-core'],
      ['zh', 'fonts-noto-cjk'],
    ]);
    await missingScripts('សួស្តី again, and مرحبا', probe);
    expect(asked.sort()).toEqual(['ar', 'km', 'zh']);
  });

  it('never asks fontconfig about text it does not need to check', async () => {
    let asked = 0;
    expect(await missingScripts('Plain English only', async () => (++asked, false))).toEqual([]);
    expect(asked).toBe(0);
  });

  it('does not warn when it cannot tell (no fc-list)', async () => {
    expect(await missingScripts('مرحبا', async () => undefined)).toEqual([]);
  });

  it('reads fontconfig on this machine: fonts-noto-core covers Arabic', async () => {
    const ar = await fcList('ar');
    if (ar === undefined) return; // no fc-list here
    expect(ar).toBe(true);
  });
});

describe('installed fonts fingerprint (part of a kept PDF key)', () => {
  it('is a hash of the font files fontconfig lists, the same on each call', async () => {
    const { installedFonts } = await import('../../src/pdf/fonts.js');
    const hasFontconfig = spawnSync('fc-list', ['--version']).status === 0;
    const a = await installedFonts();
    expect(a).toMatch(hasFontconfig ? /^[0-9a-f]{40}$/ : /^$/);
    expect(await installedFonts()).toBe(a);
  });
});
