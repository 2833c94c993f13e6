/**
 * Offline search in a browser (issue 9): index.html opened from file://,
 * a query typed, results announced and linking into the handout and the
 * guide; facilitator-only text of the `full` fixture finds nothing, because
 * it is not in the page at all (test/render/search.test.ts checks the index).
 */
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers.js';
import { BROWSER, buildSite, closeBrowser, EXAMPLE, NEEDS_BROWSER, openBrowser, openPage } from './helpers.js';

/** Type a query as a reader would, and wait for the (debounced) answer. */
async function query(page: Page, text: string) {
  await page.click('#tp-search-input', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.getElementById('tp-search-status')!.textContent === '', { timeout: 5_000 });
  await page.keyboard.type(text);
  await page.waitForFunction(() => document.getElementById('tp-search-status')!.textContent !== '', { timeout: 5_000 });
  return page.evaluate(() => ({
    status: document.getElementById('tp-search-status')!.textContent,
    results: Array.from(document.querySelectorAll('#tp-search-results > li')).map((li) => ({
      links: Array.from(li.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      marked: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      text: li.textContent,
    })),
  }));
}

describe.skipIf(!BROWSER)(`offline search in index.html${NEEDS_BROWSER}`, () => {
  let full: Awaited<ReturnType<typeof buildSite>>;
  let example: Awaited<ReturnType<typeof buildSite>>;
  let browser: Browser;

  beforeAll(async () => {
    [full, example, browser] = await Promise.all([buildSite(path.join(FIXTURES, 'full')), buildSite(EXAMPLE, { overlays: ['fr'] }), openBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await closeBrowser(browser);
    await Promise.all([full.cleanup(), example.cleanup()]);
  });

  it('finds a unit by its handout text and links into the handout and the guide', async () => {
    const page = await openPage(browser, path.join(full.out, 'base/index.html'));
    expect(await page.$eval('#search', (s) => (s as HTMLElement).hidden)).toBe(false);
    const r = await query(page, 'exercise-task');
    expect(r.status).toBe('1 unit matches.');
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.links).toEqual(['participant-handout.html#unit-first', 'facilitator-guide.html#unit-first']);
    expect(r.results[0]!.marked).toEqual(['EXERCISE-TASK']);
    expect(r.results[0]!.text).toContain('1.2 First session');
    await page.close();
  });

  it('finds nothing facilitator-only: the sentinels are not in the page', async () => {
    const page = await openPage(browser, path.join(full.out, 'base/index.html'));
    for (const secret of ['FACILITATOR-ONLY-TEXT', 'SOLUTION-SECRET', 'SPEAKER-NOTE-SECRET', 'EXPLANATION-SECRET-ONE']) {
      const r = await query(page, secret);
      expect(r.status, secret).toBe('No unit matches.');
      expect(r.results).toEqual([]);
    }
    expect(await page.content()).not.toContain('FACILITATOR-ONLY-TEXT');
    await page.close();
  });

  it('needs every word, ranks title matches first, and ignores case and accents', async () => {
    const page = await openPage(browser, path.join(example.out, 'fr/index.html'));
    const r = await query(page, 'REINTEGRATION FONDAMENTAUX');
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results[0]!.text).toContain('1.1 Les fondamentaux de la réintégration');
    expect(r.results[0]!.marked.join(' ')).toMatch(/réintégration/i);
    expect((await query(page, 'réintégration zzzqqq')).status).toBe('Aucune unité ne correspond.');
    await page.close();
  });

  it('opens with a query from the address (index.html?q=…)', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(full.out, 'base/index.html')}?q=tip-text`);
    expect(await page.$eval('#tp-search-status', (s) => s.textContent)).toBe('1 unit matches.');
    await page.close();
  });
});
