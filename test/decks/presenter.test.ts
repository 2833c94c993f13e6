/**
 * The presenter window (issue 14): `S` opens a second window that stays in
 * step with the audience window whichever of the two navigates; it shows
 * the next slide as a thumbnail, the speaker notes, a timer that starts on
 * the first move, and the unit's planned minutes. The audience window never
 * shows a speaker note, and a quiz question's answer is on no slide face.
 */
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, buildSite, EXAMPLE, EXAMPLE_EDITIONS, NEEDS_BROWSER, openPage } from '../a11y/helpers.js';

/**
 * The example built and a browser as a trainer's: the PDF stage's launcher blocks popups
 * (src/pdf/launch.ts), which a presenter window is, so this one is launched plainly.
 */
function usePresenterSite(): { readonly out: string; readonly browser: Browser } {
  let site: Awaited<ReturnType<typeof buildSite>>;
  let browser: Browser;
  beforeAll(async () => {
    [site, browser] = await Promise.all([
      buildSite(EXAMPLE, { overlays: EXAMPLE_EDITIONS }),
      puppeteer.launch({ executablePath: BROWSER!.path, pipe: true, args: ['--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await site.cleanup();
  });
  return {
    get out() {
      return site.out;
    },
    get browser() {
      return browser;
    },
  };
}

const current = (page: Page) => page.$eval('.tp-deck > .tp-slide.is-current', (s) => Number(s.getAttribute('data-n')));
const waitFor = (page: Page, n: number) => page.waitForFunction((n) => document.querySelector('.tp-deck > .tp-slide.is-current')?.getAttribute('data-n') === String(n), { timeout: 5000 }, n);

async function openPresenter(browser: Browser, audience: Page, how: 'key' | 'button'): Promise<Page> {
  const opened = browser.waitForTarget((t) => t.url().includes('?presenter'), { timeout: 10_000 });
  if (how === 'key') await audience.keyboard.press('s');
  else await audience.click('[data-action="presenter"]');
  const page = (await (await opened).page())!;
  await page.setViewport({ width: 1280, height: 800 });
  await page.waitForFunction(() => document.body.classList.contains('tp-presenter-mode'));
  return page;
}

describe.skipIf(!BROWSER)(`the presenter window${NEEDS_BROWSER}`, () => {
  const site = usePresenterSite();

  for (const edition of ['base', 'ar']) {
    it(`${edition}: opens with S, and both windows follow whichever navigates`, async () => {
      const next = edition === 'ar' ? 'ArrowLeft' : 'ArrowRight';
      const audience = await openPage(site.browser, path.join(site.out, edition, 'slides/integrated-approach.html'), { width: 1280, height: 720, hash: '3' });
      const presenter = await openPresenter(site.browser, audience, 'key');
      expect(await current(presenter)).toBe(3);
      // The timer waits for the first move.
      expect(await presenter.$eval('.tp-elapsed', (e) => e.getAttribute('data-state'))).toBe('waiting');
      await audience.keyboard.press(next);
      await waitFor(presenter, 4);
      expect(await presenter.$eval('.tp-elapsed', (e) => e.getAttribute('data-state'))).toBe('running');
      await presenter.keyboard.press(next);
      await waitFor(audience, 5);
      await presenter.click('[data-action="prev"]');
      await waitFor(audience, 4);
      await audience.click('[data-action="next"]');
      await waitFor(presenter, 5);
      await presenter.keyboard.press('End');
      const total = await audience.$$eval('.tp-deck > .tp-slide', (s) => s.length);
      await waitFor(audience, total);
      await audience.keyboard.press('Home');
      await waitFor(presenter, 1);
      // Pause and reset.
      await presenter.click('[data-timer="pause"]');
      expect(await presenter.$eval('.tp-elapsed', (e) => e.getAttribute('data-state'))).toBe('paused');
      await presenter.click('[data-timer="reset"]');
      expect(await presenter.$eval('.tp-elapsed', (e) => e.textContent)).toBe('00:00');
      // A second S brings the same window back rather than opening another.
      const before = (await site.browser.pages()).length;
      await audience.keyboard.press('s');
      expect((await site.browser.pages()).length).toBe(before);
      await presenter.close();
      await audience.close();
    });
  }

  it('shows the next slide whole as a thumbnail, the notes in large type and the unit time; the audience sees no note', async () => {
    const file = path.join(site.out, 'base/slides/individual.html');
    const audience = await openPage(site.browser, file, { width: 1280, height: 720 });
    const presenter = await openPresenter(site.browser, audience, 'button');
    const total = await audience.$$eval('.tp-deck > .tp-slide', (s) => s.length);
    let withNotes = 0;
    for (let n = 1; n <= total; n++) {
      if (n > 1) {
        await presenter.keyboard.press('ArrowRight');
        await waitFor(audience, n);
      }
      const a = await audience.evaluate(() => {
        const slide = document.querySelector('.tp-deck > .tp-slide.is-current')!;
        const notes = slide.querySelector('.tp-speaker-notes');
        return { notes: notes ? notes.textContent!.replace(/\s+/g, ' ').trim() : '', visible: document.body.innerText.replace(/\s+/g, ' ') };
      });
      const p = await presenter.evaluate(() => {
        const thumb = document.querySelector('.tp-presenter-next .tp-slide');
        const box = document.querySelector('.tp-presenter-next')!.getBoundingClientRect();
        const r = thumb?.getBoundingClientRect();
        const pane = document.querySelector('.tp-presenter-notes') as HTMLElement;
        return {
          next: thumb ? [thumb.getAttribute('data-n'), thumb.querySelector('h1, h2')?.textContent] : null,
          inside: r ? r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.width >= box.width * 0.95 : true,
          notes: pane.innerText.replace(/\s+/g, ' ').trim(),
          size: parseFloat(getComputedStyle(pane).fontSize),
          unit: (document.querySelector('.tp-unit-time') as HTMLElement).hidden ? null : document.querySelector('.tp-unit-time-planned')!.textContent,
        };
      });
      const expected = await audience.evaluate((n) => {
        const s = document.querySelector(`.tp-deck > .tp-slide[data-n="${n + 1}"]`);
        const cur = document.querySelector(`.tp-deck > .tp-slide[data-n="${n}"]`)!;
        return { next: s ? [String(n + 1), s.querySelector('h1, h2')?.textContent] : null, minutes: cur.getAttribute('data-minutes') };
      }, n);
      expect(p.next, `slide ${n}: the thumbnail is the next slide`).toEqual(expected.next);
      expect(p.inside, `slide ${n}: the thumbnail shows the whole slide`).toBe(true);
      expect(p.unit, `slide ${n}: planned minutes of its unit`).toBe(expected.minutes);
      if (a.notes) {
        withNotes++;
        expect(p.notes, `slide ${n}: the presenter reads the notes`).toContain(a.notes.slice(0, 40));
        expect(p.size).toBeGreaterThanOrEqual(24);
        expect(a.visible, `slide ${n}: no speaker-note text in the audience window`).not.toContain(a.notes.slice(0, 40));
      }
    }
    expect(withNotes).toBeGreaterThan(3);
    await presenter.close();
    await audience.close();
  });

  it("puts a quiz question's answer in the notes only, never on the slide face", async () => {
    const file = path.join(site.out, 'base/slides/individual.html');
    const audience = await openPage(site.browser, file, { width: 1280, height: 720 });
    const questions = await audience.$$eval('.tp-deck > .tp-slide-question', (qs) =>
      qs.map((q) => ({ n: Number(q.getAttribute('data-n')), face: q.querySelector('.tp-slide-inner')!.innerHTML, notes: q.querySelector('.tp-speaker-notes')?.textContent ?? '' })),
    );
    expect(questions.length).toBeGreaterThanOrEqual(4);
    for (const q of questions) {
      expect(q.face).not.toMatch(/tp-correct|tp-explanation|Answer key/);
      expect(q.notes).toMatch(/Answer key: [A-Z]\.|Model answer/);
    }
    // Shown, the question's answer is nowhere in the audience window's text.
    await audience.goto(`${audience.url().split('#')[0]}#${questions[0]!.n}`);
    await audience.reload({ waitUntil: 'load' });
    const answer = /Answer key: (.*)/.exec(questions[0]!.notes)?.[1]?.split(';')[0]!.replace(/^[A-Z]\. /, '').trim();
    const text = await audience.evaluate(() => document.body.innerText);
    expect(text).toContain((await audience.$eval('.tp-deck > .tp-slide.is-current .tp-question-text', (p) => (p as HTMLElement).innerText)).slice(0, 20));
    expect(text).not.toContain('Answer key');
    expect(answer).toBeTruthy();
    await audience.close();
  });

  it('runs an activity countdown in both windows when the presenter starts it', async () => {
    const file = path.join(site.out, 'base/slides/individual.html');
    const n = await (async () => {
      const p = await openPage(site.browser, file);
      const found = await p.$eval('.tp-deck > .tp-slide-activity', (s) => Number(s.getAttribute('data-n')));
      await p.close();
      return found;
    })();
    const audience = await openPage(site.browser, file, { width: 1280, height: 720, hash: String(n) });
    const presenter = await openPresenter(site.browser, audience, 'key');
    const running = (page: Page) => page.$eval('.tp-deck > .tp-slide.is-current .tp-countdown', (c) => c.classList.contains('is-running'));
    expect(await running(audience)).toBe(false);
    await presenter.click('.tp-deck > .tp-slide.is-current [data-countdown="start"]');
    expect(await running(presenter)).toBe(true);
    await audience.waitForFunction(() => document.querySelector('.tp-deck > .tp-slide.is-current .tp-countdown')!.classList.contains('is-running'));
    await presenter.click('.tp-deck > .tp-slide.is-current [data-countdown="reset"]');
    await audience.waitForFunction(() => !document.querySelector('.tp-deck > .tp-slide.is-current .tp-countdown')!.classList.contains('is-running'));
    await presenter.close();
    await audience.close();
  });
});
