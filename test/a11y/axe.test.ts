/**
 * axe-core in Chromium over every page type of the bundled example, base
 * and the Arabic (right-to-left) edition: index, facilitator guide,
 * participant handout and every slide of every deck. A serious or critical
 * violation fails the test (issue 9).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture } from '../helpers.js';
import { axe, blocking, BROWSER, buildSite, closeBrowser, EXAMPLE_EDITIONS as EDITIONS, NEEDS_BROWSER, openBrowser, openPage, pagesOf, useExampleSite } from './helpers.js';


describe.skipIf(!BROWSER)(`axe-core on the bundled example${NEEDS_BROWSER}`, () => {
  const site = useExampleSite();

  it('catches what it should: a page with an unlabelled image and faint text fails', async () => {
    const file = path.join(site.out, 'bad.html');
    await writeFile(file, '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#ccc">faint</p></main></body></html>');
    const page = await openPage(site.browser, file);
    expect(blocking(await axe(page)).map((v) => v.id).sort()).toEqual(['color-contrast', 'image-alt']);
    await page.close();
  });

  for (const edition of EDITIONS) {
    it(`${edition}: index, guide and handout have no serious or critical violation, on a desktop, at 1024×768 and on a phone`, async () => {
      for (const rel of pagesOf(path.join(site.out, edition)).filter((p) => !p.startsWith('slides/'))) {
        for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]] as const) {
          const page = await openPage(site.browser, path.join(site.out, edition, rel), { width, height });
          // A table box becomes a focusable region only once page.js has measured it.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
          expect(blocking(await axe(page)), `${edition}/${rel} at ${width} px`).toEqual([]);
          await page.close();
        }
      }
    }, 360_000);

    it(`${edition}: every deck at 1024×768 and on a phone, with its key help and overview open, and the presenter window`, async () => {
      for (const rel of pagesOf(path.join(site.out, edition)).filter((p) => p.startsWith('slides/'))) {
        for (const [width, height] of [[1024, 768], [390, 844]] as const) {
          const page = await openPage(site.browser, path.join(site.out, edition, rel), { width, height });
          expect(blocking(await axe(page)), `${edition}/${rel} at ${width} px`).toEqual([]);
          await page.keyboard.press('?');
          expect(blocking(await axe(page)), `${edition}/${rel} at ${width} px, key help`).toEqual([]);
          await page.keyboard.press('Escape');
          await page.keyboard.press('o');
          expect(blocking(await axe(page)), `${edition}/${rel} at ${width} px, overview`).toEqual([]);
          await page.close();
        }
      }
      const page = await openPage(site.browser, path.join(site.out, edition, 'slides/integrated-approach.html'), { width: 1280, height: 800 });
      await page.goto(page.url().replace('.html', '.html?presenter'), { waitUntil: 'load' });
      await page.keyboard.press('ArrowDown');
      expect(blocking(await axe(page)), `${edition} presenter window`).toEqual([]);
      await page.close();
    }, 240_000);

    it(`${edition}: every slide of every deck has no serious or critical violation`, async () => {
      for (const rel of pagesOf(path.join(site.out, edition)).filter((p) => p.startsWith('slides/'))) {
        const page = await openPage(site.browser, path.join(site.out, edition, rel), { width: 1280, height: 776 });
        expect(blocking(await axe(page)), `${edition}/${rel} slide 1, whole page`).toEqual([]);
        const total = await page.$$eval('.tp-slide', (s) => s.length);
        for (let n = 2; n <= total; n++) {
          await page.keyboard.press(edition === 'ar' ? 'ArrowLeft' : 'ArrowRight');
          expect(await page.$eval('.tp-slide.is-current', (s) => s.id)).toBe(`slide-${n}`);
          expect(blocking(await axe(page, '.tp-slide.is-current')), `${edition}/${rel} slide ${n}`).toEqual([]);
        }
        await page.close();
      }
    }, 120_000);
  }
});

describe.skipIf(!BROWSER)(`axe-core with theme colours at the AA limit${NEEDS_BROWSER}`, () => {
  // page.css and deck.css put theme colours on white only (or white on primary):
  // any primary and accent that pass themeWarnings keep every page at AA.
  it('keeps every page and slide of the full fixture free of contrast violations', async () => {
    const dir = await copyFixture('full');
    const yml = await readFile(path.join(dir, 'curriculum.yml'), 'utf8');
    await writeFile(path.join(dir, 'curriculum.yml'), `${yml}theme:\n  primary: "#767676"\n  accent: "#767676"\n`);
    const [site, browser] = await Promise.all([buildSite(dir), openBrowser()]);
    try {
      for (const rel of pagesOf(path.join(site.out, 'base'))) {
        const page = await openPage(browser, path.join(site.out, 'base', rel));
        const total = rel.startsWith('slides/') ? await page.$$eval('.tp-slide', (s) => s.length) : 1;
        for (let n = 1; n <= total; n++) {
          if (n > 1) await page.keyboard.press('ArrowRight');
          expect(blocking(await axe(page)), `${rel} ${n}`).toEqual([]);
        }
        await page.close();
      }
    } finally {
      await closeBrowser(browser);
      await site.cleanup();
    }
  }, 120_000);
});
