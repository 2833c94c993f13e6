/**
 * The stage (issue 14): in every deck of the bundled example, base and
 * Arabic, at every projector, tablet and phone size, the slide is
 * letterboxed — inside the viewport, centred, filling at least 95% of the
 * limiting dimension — and once the controls have faded none of them
 * overlaps it. The keys the key help names as next and previous, the
 * buttons and a swipe go next and previous, in left-to-right and
 * right-to-left decks alike.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, NEEDS_BROWSER, openPage, pagesOf, useExampleSite } from '../a11y/helpers.js';

export const VIEWPORTS: [number, number][] = [
  [1024, 768],
  [1280, 720],
  [1366, 768],
  [1920, 1080],
  [768, 1024],
  [390, 844],
  [844, 390],
];

const current = (page: Page) => page.$eval('.tp-slide.is-current', (s) => Number(s.getAttribute('data-n')));

/** Where the current slide is, and the visible controls that overlap it. */
function measure(page: Page) {
  return page.evaluate(() => {
    const slide = document.querySelector('.tp-deck > .tp-slide.is-current')!.getBoundingClientRect();
    const visible = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
      }
      return true;
    };
    const overlapping = Array.from(document.querySelectorAll('.tp-deck-nav button, .tp-deck-nav, .tp-topbar, .tp-topbar a, .tp-progress'))
      .filter((el) => visible(el))
      .map((el) => ({ el: el.className || el.tagName, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && r.left < slide.right - 0.5 && r.right > slide.left + 0.5 && r.top < slide.bottom - 0.5 && r.bottom > slide.top + 0.5)
      .map(({ el }) => String(el));
    return { slide: slide.toJSON() as DOMRect, width: innerWidth, height: innerHeight, overlapping };
  });
}

describe.skipIf(!BROWSER)(`the stage${NEEDS_BROWSER}`, () => {
  const site = useExampleSite();

  for (const edition of ['base', 'ar']) {
    it(`${edition}: every deck is letterboxed at every size, no control over it once idle`, async () => {
      const decks = pagesOf(path.join(site.out, edition)).filter((p) => p.startsWith('slides/'));
      expect(decks.length).toBe(5);
      for (const rel of decks) {
        for (const [width, height] of VIEWPORTS) {
          const file = path.join(site.out, edition, rel);
          // A short idle delay instead of waiting 2 s; reduced motion: the fade is instant.
          const page = await site.browser.newPage();
          await page.setViewport({ width, height });
          await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
          const total = await (async () => {
            await page.goto(`file://${file}?idle=30#2`, { waitUntil: 'load' });
            return page.$$eval('.tp-slide', (s) => s.length);
          })();
          for (const n of [2, total]) {
            if (n !== 2) await page.keyboard.press('End');
            expect(await current(page)).toBe(n);
            await page.waitForFunction(() => document.body.classList.contains('tp-idle'));
            const m = await measure(page);
            const where = `${edition}/${rel} slide ${n} at ${width}×${height}`;
            const { slide } = m;
            const stage = height - 4; // the progress bar's 4 px along the bottom edge
            expect(slide.left, where).toBeGreaterThanOrEqual(-0.5);
            expect(slide.top, where).toBeGreaterThanOrEqual(-0.5);
            expect(slide.right, where).toBeLessThanOrEqual(width + 0.5);
            expect(slide.bottom, where).toBeLessThanOrEqual(stage + 0.5);
            expect(Math.abs(slide.left - (width - slide.right)), `${where}: centred across`).toBeLessThan(1.5);
            expect(Math.abs(slide.top - (stage - slide.bottom)), `${where}: centred down`).toBeLessThan(1.5);
            expect(Math.max(slide.width / width, slide.height / height), `${where}: fills the limiting dimension`).toBeGreaterThanOrEqual(0.95);
            expect(slide.width / slide.height, where).toBeCloseTo(16 / 9, 2);
            expect(m.overlapping, where).toEqual([]);
          }
          await page.close();
        }
      }
    }, 240_000);
  }

  it('brings the controls back on pointer movement and keeps them while focused', async () => {
    const page = await openPage(site.browser, `${path.join(site.out, 'base/slides/individual.html')}`, { width: 1280, height: 720 });
    await page.goto(`${page.url()}?idle=30`);
    await page.waitForFunction(() => document.body.classList.contains('tp-idle'));
    expect(await page.$eval('.tp-deck-nav', (n) => getComputedStyle(n).opacity)).toBe('0');
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    expect(await page.evaluate(() => document.body.classList.contains('tp-idle'))).toBe(false);
    await page.focus('[data-action="next"]');
    await page.waitForFunction(() => document.body.classList.contains('tp-idle'));
    expect(await page.$eval('.tp-deck-nav', (n) => getComputedStyle(n).opacity)).toBe('1');
    await page.close();
  });

  for (const edition of ['base', 'ar']) {
    it(`${edition}: the keys and buttons the help names as next and previous go next and previous; so does a swipe`, async () => {
      const rtl = edition === 'ar';
      const page = await openPage(site.browser, path.join(site.out, edition, 'slides/integrated-approach.html'), { width: 1280, height: 720, hash: '5' });
      expect(await current(page)).toBe(5);
      // The key help is behind `?`.
      expect(await page.$eval('#deck-help', (h) => (h as HTMLElement).hidden)).toBe(true);
      await page.keyboard.press('?');
      expect(await page.$eval('#deck-help', (h) => (h as HTMLElement).hidden)).toBe(false);
      const keys = await page.$eval('#deck-help', (h) => ({
        next: Array.from(h.querySelectorAll('[data-does="next"] kbd')).map((k) => [k.getAttribute('data-key'), k.textContent]),
        prev: Array.from(h.querySelectorAll('[data-does="prev"] kbd')).map((k) => [k.getAttribute('data-key'), k.textContent]),
      }));
      // The arrow named first points in reading direction.
      expect(keys.next[0]).toEqual(rtl ? ['ArrowLeft', '←'] : ['ArrowRight', '→']);
      expect(keys.prev[0]).toEqual(rtl ? ['ArrowRight', '→'] : ['ArrowLeft', '←']);
      await page.keyboard.press('Escape');
      expect(await page.$eval('#deck-help', (h) => (h as HTMLElement).hidden)).toBe(true);
      await page.focus('#deck');
      let at = 5;
      for (const [key] of keys.next) {
        await page.keyboard.press(key as never);
        expect(await current(page), `next by ${key}`).toBe(++at);
      }
      for (const [key] of keys.prev) {
        await page.keyboard.press(key as never);
        expect(await current(page), `previous by ${key}`).toBe(--at);
      }
      // Buttons: "next" sits on the side reading goes towards, and its chevron points there.
      const [next, prev] = await Promise.all(['next', 'prev'].map((a) => page.$eval(`[data-action="${a}"]`, (b) => {
        const r = b.getBoundingClientRect();
        const svg = b.querySelector('svg')!.getBoundingClientRect();
        const path = b.querySelector('path')!;
        // Which way the chevron's tip points on screen: compare its middle point with its ends.
        const len = path.getTotalLength();
        const m = path.getScreenCTM()!;
        const pt = (l: number) => new DOMPoint(path.getPointAtLength(l).x, path.getPointAtLength(l).y).matrixTransform(m).x;
        return { x: r.left + r.width / 2, tip: pt(len / 2) - (pt(0) + pt(len)) / 2, svg: svg.left };
      })));
      expect(rtl ? next!.x < prev!.x : next!.x > prev!.x, 'next button on the reading side').toBe(true);
      expect(rtl ? next!.tip < 0 : next!.tip > 0, 'next chevron points in reading direction').toBe(true);
      expect(rtl ? prev!.tip > 0 : prev!.tip < 0, 'previous chevron points back').toBe(true);
      await page.click('[data-action="next"]');
      expect(await current(page)).toBe(at + 1);
      await page.click('[data-action="prev"]');
      expect(await current(page)).toBe(at);
      // A swipe against the reading direction turns to the next slide, as a page does.
      const swipe = (dx: number) =>
        page.evaluate((dx) => {
          const t = (x: number) => new Touch({ identifier: 1, target: document.body, clientX: x, clientY: 300 });
          document.dispatchEvent(new TouchEvent('touchstart', { touches: [t(640)], changedTouches: [t(640)], bubbles: true }));
          document.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [t(640 + dx)], bubbles: true }));
        }, dx);
      await swipe(rtl ? 200 : -200);
      expect(await current(page), 'swipe to next').toBe(at + 1);
      await swipe(rtl ? -200 : 200);
      expect(await current(page), 'swipe back').toBe(at);
      // The progress bar grows from the reading start.
      const bar = await page.$eval('.tp-progress-bar', (b) => { const r = b.getBoundingClientRect(); return { left: r.left, right: r.right, width: innerWidth }; });
      if (rtl) expect(bar.right).toBeCloseTo(bar.width, 0);
      else expect(bar.left).toBe(0);
      await page.close();
    });
  }

  it('keeps the slide number in the URL: a reload or a link lands on it; O opens an overview to jump from', async () => {
    const file = path.join(site.out, 'base/slides/community.html');
    const page = await openPage(site.browser, file, { width: 1280, height: 720, hash: '4' });
    expect(await current(page)).toBe(4);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => location.hash)).toBe('#5');
    await page.reload({ waitUntil: 'load' });
    expect(await current(page)).toBe(5);
    await page.keyboard.press('o');
    expect(await page.$eval('#deck-overview', (o) => (o as HTMLElement).hidden)).toBe(false);
    const total = await page.$$eval('.tp-deck > .tp-slide', (s) => s.length);
    expect(await page.$$eval('#deck-overview [data-go]', (b) => b.length)).toBe(total);
    // The thumbnails are pictures: no speaker notes, nothing focusable inside.
    expect(await page.$$eval('#deck-overview .tp-thumb .tp-speaker-notes, #deck-overview .tp-thumb button', (x) => x.length)).toBe(0);
    await page.click('#deck-overview [data-go="2"]');
    expect(await page.$eval('#deck-overview', (o) => (o as HTMLElement).hidden)).toBe(true);
    expect(await current(page)).toBe(2);
    await page.close();
  });
});
