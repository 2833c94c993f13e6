/**
 * Slide decks (issue 9): fully usable by keyboard, each change announced in
 * a live region, `prefers-reduced-motion` honoured, and no text on a slide
 * below 24 px at 1280×720 (footer and slide number included), so it reads
 * from the back of a room.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, NEEDS_BROWSER, openPage, pagesOf, useExampleSite } from './helpers.js';

const SIZE = { width: 1280, height: 776 };
const current = (page: Page) => page.$eval('.tp-slide.is-current', (s) => Number(s.getAttribute('data-n')));
const announced = (page: Page) => page.$eval('.tp-deck-status', (s) => s.textContent);

describe.skipIf(!BROWSER)(`slide decks${NEEDS_BROWSER}`, () => {
  const site = useExampleSite();
  const deck = (edition: string) => path.join(site.out, edition, 'slides/integrated-approach.html');


  it('moves by keyboard and announces each slide with its title', async () => {
    const page = await openPage(site.browser, deck('base'), SIZE);
    expect(await current(page)).toBe(1);
    expect(await page.$eval('.tp-deck-status', (s) => [s.getAttribute('role'), s.textContent])).toEqual(['status', '']);
    const total = await page.$$eval('.tp-deck > .tp-slide', (s) => s.length);
    await page.keyboard.press('ArrowRight');
    expect(await current(page)).toBe(2);
    expect(await announced(page)).toBe(`Slide 2 of ${total}: What is reintegration?`);
    expect(await page.evaluate(() => location.hash)).toBe('#2');
    await page.keyboard.press('End');
    expect(await current(page)).toBe(total);
    await page.keyboard.press('ArrowLeft');
    expect(await current(page)).toBe(total - 1);
    await page.keyboard.press('Home');
    expect(await current(page)).toBe(1);
    // Slides not shown are out of the accessibility tree by display: none, not aria-hidden
    // (aria-hidden would drop them from the PDF's tag tree too).
    expect(await page.$$eval('.tp-deck > .tp-slide', (s) => s.filter((x) => getComputedStyle(x).display !== 'none').map((x) => x.id))).toEqual(['slide-1']);
    expect(await page.$$eval('.tp-slide[aria-hidden]', (s) => s.length)).toBe(0);
    await page.close();
  });

  it('reaches every control with Tab; Space presses a focused button instead of turning the slide', async () => {
    const page = await openPage(site.browser, deck('base'), SIZE);
    // The site's top bar comes first, then the deck's controls.
    const focusable: string[] = [];
    for (let i = 0; i < 20 && focusable.at(-1) !== 'help'; i++) {
      await page.keyboard.press('Tab');
      focusable.push(await page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? document.activeElement?.tagName ?? ''));
    }
    expect(focusable.filter((f) => !['A', 'SUMMARY'].includes(f))).toEqual(['prev', 'next', 'overview', 'presenter', 'fullscreen', 'help']);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('overview');
    // A visible focus ring on the focused control.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Space');
    expect(await page.$eval('[data-action="overview"]', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    expect(await page.$eval('#deck-overview', (p) => (p as HTMLElement).hidden)).toBe(false);
    expect(await current(page)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.$eval('#deck-overview', (p) => (p as HTMLElement).hidden)).toBe(true);
    await page.focus('[data-action="prev"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('next');
    await page.keyboard.press('Enter');
    expect(await current(page)).toBe(2);
    await page.close();
  });

  it('goes forward with ArrowLeft in a right-to-left edition', async () => {
    const page = await openPage(site.browser, deck('ar'), SIZE);
    await page.keyboard.press('ArrowLeft');
    expect(await current(page)).toBe(2);
    expect(await announced(page)).toMatch(/^الشريحة 2 من \d+: /);
    await page.close();
  });

  it('animates slide changes only when reduced motion is not asked for', async () => {
    const calm = await openPage(site.browser, deck('base'), { ...SIZE, reducedMotion: true });
    await calm.keyboard.press('ArrowRight');
    expect(await calm.$eval('.tp-slide.is-current', (s) => getComputedStyle(s).animationName)).toBe('none');
    await calm.close();
    const moving = await openPage(site.browser, deck('base'), { ...SIZE, reducedMotion: false });
    await moving.keyboard.press('ArrowRight');
    expect(await moving.$eval('.tp-slide.is-current', (s) => getComputedStyle(s).animationName)).not.toBe('none');
    await moving.close();
  });

  it('has no text below 24 px on any slide of any deck, base and Arabic', async () => {
    for (const edition of ['base', 'ar']) {
      for (const rel of pagesOf(path.join(site.out, edition)).filter((p) => p.startsWith('slides/'))) {
        const page = await openPage(site.browser, path.join(site.out, edition, rel), SIZE);
        const small = await page.evaluate(() => {
          const found: string[] = [];
          for (const slide of Array.from(document.querySelectorAll<HTMLElement>('.tp-slide'))) {
            slide.classList.add('is-current');
            const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
              const el = t.parentElement!;
              if (!t.textContent!.trim() || el.getClientRects().length === 0) continue; // hidden: speaker notes
              const size = parseFloat(getComputedStyle(el).fontSize);
              if (size < 24) found.push(`${slide.id} ${el.className || el.tagName}: ${size}px "${t.textContent!.trim().slice(0, 30)}"`);
            }
            slide.classList.remove('is-current');
          }
          return found;
        });
        expect(small, `${edition}/${rel}`).toEqual([]);
        await page.close();
      }
    }
  }, 60_000);
});
