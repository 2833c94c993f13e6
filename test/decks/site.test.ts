/**
 * One connected site (issue 14): the top bar of the index, guide, handout
 * and decks links the edition's pages, decks and other editions with
 * relative links that resolve from file://; units link to the previous and
 * next one; the contents mark the unit in view; a jump lands at once; the
 * guide's slide markers open the deck at that slide and each deck links
 * back to its units in the guide.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BROWSER, NEEDS_BROWSER, openPage, pagesOf, useExampleSite } from '../a11y/helpers.js';

describe.skipIf(!BROWSER)(`one connected site${NEEDS_BROWSER}`, () => {
  const site = useExampleSite();

  for (const edition of ['base', 'ar']) {
    it(`${edition}: every page has the top bar, and its links are relative and lead to files that exist`, async () => {
      for (const rel of pagesOf(path.join(site.out, edition))) {
        const page = await openPage(site.browser, path.join(site.out, edition, rel), { width: 1280, height: 800 });
        const links = await page.$$eval('.tp-topbar a', (as) => as.map((a) => [a.getAttribute('href')!, (a as HTMLAnchorElement).href]));
        const hrefs = links.map(([raw]) => raw!);
        expect(hrefs.length, rel).toBeGreaterThanOrEqual(3 + 5 + 2); // home, guide, handout, five decks, two editions
        for (const [raw, resolved] of links) {
          expect(raw, `${rel}: ${raw}`).not.toMatch(/^([a-z]+:|\/)/i);
          expect(existsSync(fileURLToPath(resolved!.split('#')[0]!)), `${rel}: ${raw}`).toBe(true);
        }
        const up = rel.startsWith('slides/') ? '../' : '';
        expect(hrefs).toContain(`${up}index.html`);
        expect(hrefs.some((h) => h.startsWith(`${up}facilitator-guide.html`))).toBe(true);
        expect(hrefs).toContain(`${up}participant-handout.html`);
        expect(hrefs).toContain(`${up}../${edition === 'ar' ? 'base' : 'ar'}/index.html`);
        // The page itself is marked as the current one.
        if (!rel.startsWith('slides/')) expect(await page.$$eval('.tp-topbar [aria-current="page"]', (a) => a.length), rel).toBeGreaterThan(0);
        else expect(await page.$eval('.tp-topbar [aria-current="page"]', (a) => a.getAttribute('href')), rel).toBe(path.basename(rel) === rel ? rel : `../${rel}`);
        await page.close();
      }
    }, 120_000);
  }

  it("opens the deck at the guide's slide marker, and the deck links back to the unit in the guide", async () => {
    const guide = path.join(site.out, 'base/facilitator-guide.html');
    const page = await openPage(site.browser, guide, { width: 1280, height: 800 });
    const markers = await page.$$eval('.tp-slide-marker .tp-slide-label a', (as) => as.map((a) => ({ href: a.getAttribute('href')!, url: (a as HTMLAnchorElement).href, text: a.textContent!, unit: a.closest('.tp-unit')!.id })));
    expect(markers.length).toBeGreaterThan(30);
    await page.close();
    for (const m of markers.filter((_, i) => i % 4 === 0)) {
      expect(m.href).toMatch(/^slides\/[a-z-]+\.html#\d+$/);
      const deck = await site.browser.newPage();
      await deck.setViewport({ width: 1280, height: 720 });
      await deck.goto(m.url, { waitUntil: 'load' });
      const shown = await deck.$eval('.tp-deck > .tp-slide.is-current', (s) => ({ n: s.getAttribute('data-n'), title: s.querySelector('h1, h2')!.textContent, unit: s.getAttribute('data-unit') }));
      expect(shown.n).toBe(m.href.split('#')[1]);
      expect(m.text).toBe(`Slide ${shown.n} — ${shown.title}`);
      expect(`unit-${shown.unit}`).toBe(m.unit);
      // Back to the guide: the top bar's guide link follows the current slide's unit, and the overview lists every unit.
      expect(await deck.$eval('.tp-topbar a[href^="../facilitator-guide.html"]', (a) => a.getAttribute('href'))).toBe(`../facilitator-guide.html#${m.unit}`);
      const back = await deck.$$eval('.tp-overview-guide a', (as) => as.map((a) => a.getAttribute('href')));
      expect(back).toContain(`../facilitator-guide.html#${m.unit}`);
      await deck.close();
    }
  }, 120_000);

  it('links each unit to the one before and after it, in edition order', async () => {
    for (const rel of ['base/facilitator-guide.html', 'ar/participant-handout.html']) {
      const page = await openPage(site.browser, path.join(site.out, rel), { width: 1280, height: 800 });
      const units = await page.$$eval('main .tp-unit', (us) =>
        us.map((u) => ({ id: u.id, prev: u.querySelector('.tp-unit-nav a[rel="prev"]')?.getAttribute('href'), next: u.querySelector('.tp-unit-nav a[rel="next"]')?.getAttribute('href') })),
      );
      expect(units.length).toBe(25);
      units.forEach((u, i) => {
        expect(u.prev, `${rel} ${u.id}`).toBe(i ? `#${units[i - 1]!.id}` : undefined);
        expect(u.next, `${rel} ${u.id}`).toBe(i < units.length - 1 ? `#${units[i + 1]!.id}` : undefined);
      });
      await page.close();
    }
  });

  it('marks the unit in view in the contents; a jump lands at once, even when motion is welcome', async () => {
    const page = await openPage(site.browser, path.join(site.out, 'base/facilitator-guide.html'), { width: 1400, height: 900, reducedMotion: false });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    for (const id of ['unit-stakeholder-mapping', 'unit-case-management']) {
      // Right after the click, in the same task: the page is already there.
      const top = await page.evaluate((id) => {
        (document.querySelector(`.tp-toc a[href="#${id}"]`) as HTMLElement).click();
        return document.getElementById(id)!.getBoundingClientRect().top;
      }, id);
      expect(Math.abs(top), id).toBeLessThan(40);
      await page.waitForFunction((id) => document.querySelector(`.tp-toc a[href="#${id}"]`)!.getAttribute('aria-current') === 'location', { timeout: 5000 }, id);
      expect(await page.$$eval('.tp-toc a[aria-current]', (as) => as.length)).toBe(1);
    }
    // The previous/next links jump the same way.
    const next = await page.evaluate(() => {
      const a = document.querySelector('#unit-case-management .tp-unit-nav a[rel="next"]') as HTMLAnchorElement;
      a.click();
      return [a.getAttribute('href'), document.querySelector(a.getAttribute('href')!)!.getBoundingClientRect().top];
    });
    expect(Math.abs(next[1] as number)).toBeLessThan(40);
    await page.close();
  });
});
