/**
 * Guide and handout on a phone (issue 9): at 360 px the page never scrolls
 * sideways (wide tables scroll inside their own box, which is then a
 * labelled, focusable region), the contents are a folded menu pinned to the
 * top, and its tap targets are at least 44 px high.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, NEEDS_BROWSER, openPage, useExampleSite } from './helpers.js';

const PHONE = { width: 360, height: 740 };

/** How wide the document is against the viewport, and the table boxes that scroll. */
function measure(page: Page) {
  return page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    scrollers: Array.from(document.querySelectorAll<HTMLElement>('.tp-table-wrap'))
      .filter((b) => b.scrollWidth > b.clientWidth + 1)
      .map((b) => ({ tabindex: b.getAttribute('tabindex'), role: b.getAttribute('role'), label: b.getAttribute('aria-label') })),
  }));
}

describe.skipIf(!BROWSER)(`phones${NEEDS_BROWSER}`, () => {
  const site = useExampleSite();


  for (const rel of ['base/participant-handout.html', 'base/facilitator-guide.html', 'ar/participant-handout.html']) {
    it(`${rel}: at 360 px the document is no wider than the viewport`, async () => {
      const page = await openPage(site.browser, path.join(site.out, rel), PHONE);
      const m = await measure(page);
      expect(m.viewport).toBe(360);
      expect(m.document).toBeLessThanOrEqual(m.viewport);
      // The example has wide tables: they scroll in their own box, which keyboards can reach.
      expect(m.scrollers.length).toBeGreaterThan(0);
      for (const s of m.scrollers) expect(s).toMatchObject({ tabindex: '0', role: 'region', label: expect.stringMatching(/\S/) });
      await page.close();
    });
  }

  it('folds the contents into a menu pinned to the top, with 44 px tap targets', async () => {
    const page = await openPage(site.browser, path.join(site.out, 'base/participant-handout.html'), PHONE);
    expect(await page.$eval('.tp-toc details', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    const summary = await page.$eval('.tp-toc summary', (s) => s.getBoundingClientRect().height);
    expect(summary).toBeGreaterThanOrEqual(44);
    await page.click('.tp-toc summary');
    const links = await page.$$eval('.tp-toc details a', (as) => as.map((a) => a.getBoundingClientRect().height));
    expect(links.length).toBeGreaterThan(20);
    expect(Math.min(...links)).toBeGreaterThanOrEqual(44);
    // Far down the page the menu is still at the top; following a link folds it again.
    await page.click('.tp-toc details a[href="#unit-stakeholder-mapping"]');
    await page.waitForFunction(() => !(document.querySelector('.tp-toc details') as HTMLDetailsElement).open);
    const top = await page.$eval('.tp-toc', (n) => n.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(1);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await page.close();
  });

  it('keeps the contents open on a desktop, beside the text', async () => {
    const page = await openPage(site.browser, path.join(site.out, 'base/facilitator-guide.html'), { width: 1400, height: 900 });
    expect(await page.$eval('.tp-toc details', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    const [toc, main] = await Promise.all(['.tp-toc', 'main'].map((s) => page.$eval(s, (n) => n.getBoundingClientRect().toJSON() as DOMRect)));
    expect(toc!.right).toBeLessThanOrEqual(main!.left);
    await page.close();
  });
});
