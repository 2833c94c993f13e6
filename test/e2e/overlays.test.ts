/**
 * End-to-end: every edition of a three-layer chain (base <- fr <- sn) and an
 * Arabic edition, checked on the raw HTML.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyFixture, readDom, tempDir } from '../helpers.js';

let out: string;
const page = (edition: string, rel: string) => readDom(path.join(out, edition, rel));
const text = async (edition: string, rel: string) => (await page(edition, rel)).document.querySelector('main')!.textContent!.replace(/\s+/g, ' ');

beforeAll(async () => {
  const dir = await copyFixture('overlays');
  out = await tempDir();
  const r = await cli(['build', dir, '--all', '--out', out]);
  expect(r.exitCode, r.stderr).toBe(0);
});

describe('editions', () => {
  it('builds the base and every overlay', async () => {
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(out)).sort()).toEqual(['ar', 'base', 'fr', 'sn']);
  });

  it('replace: the French unit replaces the English one; the rest falls back, marked in the guide only', async () => {
    const guide = await text('fr', 'facilitator-guide.html');
    expect(guide).toContain('FR-INTRO-TEXT');
    expect(guide).not.toContain('BASE-INTRO-TEXT');
    expect(guide).toContain('BASE-TASK');
    const { document } = await page('fr', 'facilitator-guide.html');
    const marked = [...document.querySelectorAll('article.tp-unit')].filter((a) => a.querySelector('.tp-fallback')).map((a) => a.id);
    expect(marked).toEqual(['unit-practice', 'unit-extra', 'unit-more', 'unit-quiz']);
    const handout = await page('fr', 'participant-handout.html');
    expect(handout.document.querySelectorAll('.tp-fallback').length).toBe(0);
  });

  it('vars cascade, the last layer winning', async () => {
    expect(await text('base', 'participant-handout.html')).toContain('Call BASE-HOTLINE in BASE-CITY.');
    expect(await text('fr', 'participant-handout.html')).toContain('Appelez FR-HOTLINE à BASE-CITY.');
    expect(await text('sn', 'participant-handout.html')).toContain('Appelez FR-HOTLINE à DAKAR.');
  });

  it('patch: front matter overrides, replace keeps the heading, before, after and remove', async () => {
    const { document } = await page('sn', 'facilitator-guide.html');
    const unit = document.querySelector('#unit-practice')!;
    expect(unit.querySelector('h3')!.textContent).toContain('Pratique (SN)');
    expect(unit.querySelector('.tp-duration')!.textContent).toContain('50');
    const body = unit.querySelector('.tp-unit-body')!.textContent!.replace(/\s+/g, ' ');
    expect(body).toContain('SN-LEGAL replaces the body');
    expect(body).not.toContain('BASE-LEGAL');
    expect(body).toContain('Legal framework');
    expect(body.indexOf('SN-BEFORE-TASK')).toBeLessThan(body.indexOf('BASE-TASK'));
    expect(body.indexOf('SN-AFTER-CLOSING')).toBeGreaterThan(body.indexOf('BASE-CLOSING'));
    expect(body).not.toContain('BASE-OLD-PART');
  });

  it('add and exclude', async () => {
    const sn = await text('sn', 'facilitator-guide.html');
    expect(sn).toContain('SN-ADDED-TEXT DAKAR');
    expect(sn).not.toContain('BASE-EXTRA');
    expect(await text('fr', 'facilitator-guide.html')).toContain('BASE-EXTRA');
    const { document } = await page('sn', 'facilitator-guide.html');
    expect([...document.querySelectorAll('article.tp-unit')].map((a) => a.id)).toEqual(['unit-intro', 'unit-practice', 'unit-added', 'unit-more', 'unit-quiz']);
    // The agenda follows the edition: no excluded unit, the added one in its place, the patched duration.
    const agenda = [...document.querySelectorAll('.tp-agenda a')].map((a) => a.getAttribute('href'));
    expect(agenda).toEqual(['#unit-intro', '#unit-practice', '#unit-added', '#unit-more', '#unit-quiz']);
    const times = [...document.querySelectorAll('.tp-agenda tbody tr:not(.tp-agenda-session)')].map((r) => r.querySelector('td')!.textContent);
    expect(times[1]).toBe('09:30–10:20'); // practice, patched from 40 to 50 minutes
  });

  it('string overrides and translated UI', async () => {
    const fr = await page('fr', 'facilitator-guide.html');
    expect(fr.document.querySelector('#toc-title')!.textContent).toBe('Sommaire');
    const sn = await page('sn', 'facilitator-guide.html');
    expect(sn.document.querySelector('#toc-title')!.textContent).toBe('Sommaire');
    expect(sn.html).toContain('Corrigé');
    expect(sn.document.querySelector('.tp-cover-kind')!.textContent).not.toBe('Facilitator guide');
  });

  it('sets lang and dir="rtl" on every Arabic page; left-to-right text stays inside', async () => {
    for (const rel of ['index.html', 'facilitator-guide.html', 'participant-handout.html', 'slides/core.html', 'slides/more.html']) {
      const { document } = await page('ar', rel);
      expect(document.documentElement.getAttribute('lang'), rel).toBe('ar');
      expect(document.documentElement.getAttribute('dir'), rel).toBe('rtl');
    }
    expect(await text('ar', 'participant-handout.html')).toContain('مع رقم +20 100 000 داخل');
    const fr = await page('fr', 'index.html');
    expect(fr.document.documentElement.getAttribute('dir')).toBe('ltr');
    expect(fr.document.documentElement.getAttribute('lang')).toBe('fr');
  });

  it('links the editions to each other from index.html', async () => {
    const { document } = await page('sn', 'index.html');
    const links = [...document.querySelectorAll('.tp-editions a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['../base/index.html', '../ar/index.html', '../fr/index.html', '../sn/index.html']);
    expect(document.querySelector('.tp-editions a[aria-current="page"]')!.getAttribute('href')).toBe('../sn/index.html');
  });

  it('--shard i/n splits the editions between CI jobs, each page still linking all of them', async () => {
    const dir = await copyFixture('overlays');
    const { readdir } = await import('node:fs/promises');
    const built: string[][] = [];
    for (const part of ['1/2', '2/2']) {
      const o = await tempDir();
      const r = await cli(['build', dir, '--all', '--shard', part, '--out', o]);
      expect(r.exitCode, r.stderr).toBe(0);
      built.push((await readdir(o)).sort());
      const first = built.at(-1)![0]!;
      const { document } = await readDom(path.join(o, first, 'index.html'));
      expect(document.querySelectorAll('.tp-editions a').length).toBe(4);
    }
    // Editions in order base, ar, fr, sn, dealt round-robin.
    expect(built).toEqual([['base', 'fr'], ['ar', 'sn']]);
    const bad = await cli(['build', dir, '--all', '--shard', '3/2']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/expected i\/n/);
  });

  it('--overlay builds one chain only', async () => {
    const dir = await copyFixture('overlays');
    const o = await tempDir();
    const r = await cli(['build', dir, '--overlay', 'sn', '--out', o]);
    expect(r.exitCode, r.stderr).toBe(0);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(o)).toEqual(['sn']);
  });
});
