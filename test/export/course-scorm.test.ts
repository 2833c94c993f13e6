/**
 * The course in real Chromium (issue 19), inside a stand-in platform whose
 * window provides scorm-again's SCORM 1.2 API (course-lms.ts): the learner
 * answers Module 1's quiz right, then wrong, and the run-time records the
 * score and status; leaves mid-module and resumes at the bookmark with the
 * answers so far; the package opened from disk with no platform says that
 * progress is not recorded and still works; `cmi.suspend_data` stays within
 * 4,096 characters; a phone at 390 px never scrolls sideways; and no request
 * leaves the package.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCourse } from '../../src/export/course/index.js';
import { findBrowser, type FoundBrowser } from '../../src/pdf/browser.js';
import { closeBrowser, launchBrowser } from '../../src/pdf/launch.js';
import { ROOT, tempDir } from '../helpers.js';
import { axe, blocking } from '../a11y/helpers.js';
import { ORIGIN, openLms, serve, unpack } from './course-lms.js';
import { quizUnit, readZip, tinyCurriculum } from './helpers.js';

const BROWSER: FoundBrowser | undefined = await findBrowser().catch(() => undefined);
const NEEDS = BROWSER ? '' : ' (skipped: no browser; apt-get install chromium-headless-shell, or see scripts/setup.sh)';
const EXAMPLE = path.join(ROOT, 'curricula/reintegration');
const LAUNCH = 'integrated-approach/index.html';

/** The first package of an export, unpacked into a temp folder. */
async function unpacked(dir: string, options: { overlay?: string } = {}): Promise<string> {
  const { packages } = await exportCourse({ dir, ...options });
  const out = await tempDir('trainpack-sco-');
  await unpack(readZip(packages[0]!.content), out);
  return out;
}

/** Go to a unit through the contents, as a learner would. */
async function open(sco: Frame, unitId: string) {
  await sco.click(`.tp-course-toc a[href="#unit-${unitId}"]`);
  await sco.waitForFunction((id) => !(document.getElementById(`unit-${id}`) as HTMLElement).hidden, {}, unitId);
}

/** Answer every choice question of the visible quiz right or wrong (from the page's key data), then submit. */
async function answerAndSubmit(sco: Frame, right: boolean) {
  await sco.evaluate((right) => {
    const key = JSON.parse(document.getElementById('tp-course-key')!.textContent!) as Record<string, { correct: number[] }>;
    const form = document.querySelector('.tp-course-unit:not([hidden]) .tp-course-quiz')!;
    for (const li of form.querySelectorAll('.tp-cq')) {
      const k = key[li.getAttribute('data-q')!]!;
      const inputs = [...li.querySelectorAll('input')];
      if (!inputs.length) continue;
      const want = right ? k.correct : [inputs.findIndex((_, i) => !k.correct.includes(i))];
      for (const i of inputs) if (i.checked !== want.includes(Number(i.value))) i.click();
    }
  }, right);
  await sco.$eval('.tp-course-unit:not([hidden]) button[type="submit"]', (b) => (b as HTMLButtonElement).click());
  await sco.waitForSelector('.tp-course-unit:not([hidden]) .tp-cq-feedback:not(:empty)');
}

const visibleUnit = (sco: Frame) => sco.$eval('.tp-course-unit:not([hidden])', (s) => s.id);

describe.skipIf(!BROWSER)(`the course in a SCORM 1.2 platform${NEEDS}`, () => {
  let browser: Browser;
  let base: string;
  let ar: string;
  beforeAll(async () => {
    [browser, base, ar] = await Promise.all([launchBrowser(BROWSER!).then((b) => b.browser), unpacked(EXAMPLE), unpacked(EXAMPLE, { overlay: 'ar' })]);
  }, 120_000);
  afterAll(async () => {
    if (browser) await closeBrowser(browser);
  });

  it('scores the quiz right, then wrong: score, status and bookmark recorded by the run-time', async () => {
    const lms = await openLms(browser, base, LAUNCH);
    const sco = await lms.sco();
    let cmi = await lms.cmi();
    expect(cmi.core.lesson_status).toBe('incomplete');
    expect(cmi.core.lesson_location).toBe('reintegration-essentials');
    await open(sco, 'quiz-integrated-approach');
    expect((await lms.cmi()).core.lesson_location).toBe('quiz-integrated-approach');

    await answerAndSubmit(sco, true);
    cmi = await lms.cmi();
    expect(cmi.core.score).toEqual({ raw: '100', min: '0', max: '100' });
    expect(cmi.core.lesson_status).toBe('passed');
    expect(await sco.$$eval('.tp-cq-right', (l) => l.length)).toBe(4);
    expect(await sco.$eval('.tp-cq-result', (p) => p.textContent)).toContain('Score: 100%');

    await sco.$eval('.tp-cq-retry', (b) => (b as HTMLButtonElement).click());
    await answerAndSubmit(sco, false);
    cmi = await lms.cmi();
    expect(cmi.core.score).toEqual({ raw: '0', min: '0', max: '100' });
    expect(cmi.core.lesson_status).toBe('failed');
    expect(await sco.$$eval('.tp-cq-wrong', (l) => l.length)).toBe(4);
    // After submitting: the explanation and the model answer of the open question.
    const feedback = await sco.$eval('.tp-course-unit:not([hidden]) .tp-course-quiz', (f) => f.textContent!);
    expect(feedback).toContain('Microcredit is economic');
    expect(feedback).toContain('Model answer');
    expect(await lms.page.evaluate(() => (window as unknown as { commits: number }).commits)).toBeGreaterThan(2);
    expect(lms.outside).toEqual([]);
    // The SCO asked for nothing but its own page (images are inlined).
    expect(lms.requests.filter((u) => u.includes('/pkg/'))).toEqual([`http://lms.test/pkg/${LAUNCH}`]);
    await lms.page.close();
  });

  it('leaving mid-module commits and finishes; the next attempt resumes at the bookmark with the answers so far', async () => {
    const first = await openLms(browser, base, LAUNCH);
    let sco = await first.sco();
    await open(sco, 'quiz-integrated-approach');
    // An answer chosen, not submitted; then on to unit 3 and away.
    await sco.click('.tp-cq[data-q="quiz-integrated-approach-3"] input[value="2"]');
    await open(sco, 'sustainability-and-coordination');
    await first.page.evaluate(() => { (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank'; });
    await first.page.waitForFunction(() => (window as unknown as { finished: boolean }).finished);
    const cmi = await first.cmi();
    expect(cmi.core.lesson_location).toBe('sustainability-and-coordination');
    expect(cmi.core.exit).toBe('suspend');
    expect(cmi.core.lesson_status).toBe('incomplete');
    expect(cmi.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}$/);
    expect(cmi.suspend_data.length).toBeGreaterThan(0);
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
    await first.page.close();

    // What a platform hands the next attempt.
    const second = await openLms(browser, base, LAUNCH, { init: { core: { lesson_location: cmi.core.lesson_location, lesson_status: cmi.core.lesson_status, entry: 'resume' }, suspend_data: cmi.suspend_data } });
    sco = await second.sco();
    expect(await visibleUnit(sco)).toBe('unit-sustainability-and-coordination');
    expect(await sco.$eval('#tp-progress-text', (p) => p.textContent)).toBe('3 of 5 units seen');
    await open(sco, 'quiz-integrated-approach');
    expect(await sco.$eval('.tp-cq[data-q="quiz-integrated-approach-3"] input[value="2"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    expect(second.outside).toEqual([]);
    await second.page.close();
  });

  it('a module without a quiz is completed once every unit is seen', async () => {
    const dir = await tinyCurriculum({ '01-a.md': '---\ntitle: A\nduration: 5\n---\n\nText A.\n', '02-b.md': '---\ntitle: B\nduration: 5\n---\n\nText B.\n' });
    const pkg = await unpacked(dir);
    const lms = await openLms(browser, pkg, 'm/index.html');
    const sco = await lms.sco();
    expect((await lms.cmi()).core.lesson_status).toBe('incomplete');
    await sco.click('.tp-course-next');
    await sco.waitForFunction(() => !(document.getElementById('unit-b') as HTMLElement).hidden);
    const cmi = await lms.cmi();
    expect(cmi.core.lesson_status).toBe('completed');
    expect(cmi.core.score.raw).toBe('');
    await lms.page.close();
  });

  it('keeps cmi.suspend_data within 4,096 characters when the answers are longer', async () => {
    const open = Array.from({ length: 30 }, (_, i) => `${i + 2}. Open question ${i}?\n   > Model ${i}.`).join('\n');
    const dir = await tinyCurriculum({ '01-q.md': quizUnit(`1. Pick one?\n   - [x] Yes\n   - [ ] No\n${open}`) });
    const pkg = await unpacked(dir);
    const lms = await openLms(browser, pkg, 'm/index.html');
    const sco = await lms.sco();
    await sco.click('.tp-cq[data-q="q-1"] input[value="0"]');
    /** Fill the first `n` open answers with 400 characters each; what the course holds and what the platform stored. */
    const fill = (n: number) =>
      sco.evaluate((n) => {
        const boxes = [...document.querySelectorAll('textarea')].slice(0, n);
        for (const t of boxes) t.value = 'x'.repeat(400);
        boxes[0]!.dispatchEvent(new Event('change', { bubbles: true }));
        const c = (window as unknown as { trainpackCourse: { state: unknown; encode(): string; api: { LMSGetLastError(): string; LMSGetValue(n: string): string } } }).trainpackCourse;
        return { full: JSON.stringify(c.state).length, encoded: c.encode(), error: c.api.LMSGetLastError(), stored: c.api.LMSGetValue('cmi.suspend_data') };
      }, n);
    // 18 long answers: over the limit in full, just under it with each answer cut to 200 characters.
    let r = await fill(18);
    expect(r.full).toBeGreaterThan(4096);
    expect(r.error).toBe('0');
    expect(r.stored).toBe(r.encoded);
    expect(r.stored.length).toBeLessThanOrEqual(4096);
    expect(r.stored.length).toBeGreaterThan(3800);
    let stored = JSON.parse(r.stored);
    expect(stored.a['q-1']).toEqual([0]);
    expect(stored.a['q-2']).toHaveLength(200);
    // 30: even cut they do not fit; open answers go, the choice answers stay.
    r = await fill(30);
    expect(r.stored.length).toBeLessThanOrEqual(4096);
    stored = JSON.parse(r.stored);
    expect(stored.a).toEqual({ 'q-1': [0] });
    await lms.page.close();
  });

  it('opened from disk with no platform: says progress is not recorded, and the quiz still works', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(base, LAUNCH)).href + '#unit-quiz-integrated-approach', { waitUntil: 'load' });
    expect(await page.$eval('.tp-course-offline', (p) => !(p as HTMLElement).hidden && getComputedStyle(p).display !== 'none')).toBe(true);
    expect(await page.$eval('.tp-course-offline', (p) => p.textContent)).toContain('Progress is not recorded');
    await answerAndSubmit(page.mainFrame(), true);
    expect(await page.$eval('.tp-cq-result', (p) => p.textContent)).toContain('100%');
    const root = pathToFileURL(base).href;
    expect(requests.filter((u) => !u.startsWith(root) && !u.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it('finds the API from window.opener when the platform opens the course in a new window', async () => {
    const lms = await openLms(browser, base, LAUNCH, { frame: false });
    const popup = new Promise<import('puppeteer-core').Page>((resolve) => browser.once('targetcreated', async (t) => resolve((await t.page())!)));
    await lms.page.evaluate(() => { window.open('about:blank', 'course'); });
    const win = await popup;
    // The new window is served like the platform's (and still has the platform as its opener).
    const { outside } = await serve(win, base, LAUNCH);
    await win.goto(`${ORIGIN}/pkg/${LAUNCH}#unit-dimensions-and-levels`);
    await win.waitForFunction(() => 'trainpackCourse' in window);
    expect(await win.$eval('.tp-course-offline', (p) => (p as HTMLElement).hidden)).toBe(true);
    await lms.page.waitForFunction(() => (window as unknown as { API: { cmi: { core: { lesson_location: string } } } }).API.cmi.core.lesson_location === 'dimensions-and-levels');
    expect(outside).toEqual([]);
    await win.close();
    await lms.page.close();
  });

  it('has no serious accessibility problem on a unit and on a submitted quiz (axe-core)', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(base, LAUNCH)).href, { waitUntil: 'load' });
    expect(blocking(await axe(page))).toEqual([]);
    await page.evaluate(() => { location.hash = '#unit-quiz-integrated-approach'; });
    await answerAndSubmit(page.mainFrame(), false);
    expect(blocking(await axe(page))).toEqual([]);
    await page.close();
  });

  it('on a phone (390 px), in Arabic: right to left, nothing wider than the screen, the pager at hand', async () => {
    const lms = await openLms(browser, ar, LAUNCH, { width: 390, height: 844 });
    const sco = await lms.sco();
    for (const unit of ['reintegration-essentials', 'dimensions-and-levels', 'quiz-integrated-approach']) {
      await sco.evaluate((u) => { location.hash = `#unit-${u}`; }, unit);
      await sco.waitForFunction((u) => !(document.getElementById(`unit-${u}`) as HTMLElement).hidden, {}, unit);
      const m = await sco.evaluate(() => ({ dir: document.documentElement.dir, width: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(m).toEqual({ dir: 'rtl', width: 390, viewport: 390 });
    }
    const next = await sco.$eval('.tp-course-prev', (a) => { const r = a.getBoundingClientRect(); return { height: r.height, bottom: r.bottom }; });
    expect(next.height).toBeGreaterThanOrEqual(44);
    expect(next.bottom).toBeLessThanOrEqual(844);
    expect(lms.outside).toEqual([]);
    await lms.page.close();
  });
});
