/**
 * End-to-end: the built CLI on the `full` fixture (every block type), and the
 * HTML it wrote, parsed. Leak tests read the raw HTML: nothing facilitator-only
 * may be present in participant output, not even hidden.
 */
import { FACILITATOR_ONLY } from '../fixtures/full-secrets.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyFixture, readDom, tempDir } from '../helpers.js';

/** Facilitator-only sentinels, plus slide content (slides only). */
const SECRETS = [...FACILITATOR_ONLY, 'SLIDE-BULLET-ONE'];
/** Markup of facilitator-only blocks: none may exist in participant output, even empty or hidden. */
const HIDDEN_SELECTORS = '.tp-facilitator, .tp-solution, .tp-debrief, .tp-notes, .tp-slide, .tp-correct, .tp-explanation, .tp-unknown, [hidden]';

let out: string;
let stderr: string;

beforeAll(async () => {
  const dir = await copyFixture('full');
  out = await tempDir();
  const r = await cli(['build', dir, '--out', out]);
  stderr = r.stderr;
  expect(r.exitCode, r.stderr).toBe(0);
});

const file = (rel: string) => path.join(out, 'base', rel);

describe('trainpack build (full fixture)', () => {
  it('writes the layout of FORMAT.md section 6', async () => {
    expect((await readdir(path.join(out, 'base'))).sort()).toEqual(
      ['.trainpack-output', 'facilitator-guide.html', 'index.html', 'participant-handout.html', 'slides'].sort(),
    );
    expect((await readdir(file('slides'))).sort()).toEqual(['alpha.html', 'beta.html']);
    expect(stderr).toMatch(/5 units/);
  });

  it('keeps every facilitator-only thing out of the participant handout', async () => {
    const { html, document } = await readDom(file('participant-handout.html'));
    for (const s of SECRETS) expect(html, s).not.toContain(s);
    expect(html).not.toMatch(/checked/);
    expect(document.querySelectorAll(HIDDEN_SELECTORS).length).toBe(0);
    expect(html).not.toMatch(/<!--/);
    expect(html).toContain('PARTICIPANT-ONLY-TEXT');
    expect(html).toContain('EXERCISE-TASK-TEXT');
    expect(html).toContain('TIP-TEXT');
    expect(html).toContain('SCENARIO-TEXT');
    // Quizzes: questions with empty boxes, options present.
    expect(document.querySelectorAll('.tp-quiz .tp-question').length).toBe(4);
    expect(document.querySelectorAll('#unit-quiz .tp-option .tp-box').length).toBe(5);
    expect(html).toContain('CORRECT-ONE'); // the option text itself is shown, unmarked
  });

  it('shows the facilitator guide everything but participant blocks', async () => {
    const { html, document } = await readDom(file('facilitator-guide.html'));
    for (const s of SECRETS.filter((s) => s !== 'SLIDE-BULLET-ONE')) expect(html, s).toContain(s);
    expect(document.querySelectorAll('.tp-explanation').length).toBe(3);
    expect(html).not.toContain('PARTICIPANT-ONLY-TEXT');
    expect(html).not.toContain('SLIDE-BULLET-ONE');
    const markers = [...document.querySelectorAll('.tp-slide-label')].map((e) => e.textContent);
    // Deck alpha: 1 cover, 2 title slide of "second" (no slides), 3-4 slides of "first".
    expect(markers).toEqual(['Slide 3 — Opening slide', 'Slide 4 — Second slide']);
    const correct = [...document.querySelectorAll('#unit-quiz .tp-correct')].map((e) => e.textContent);
    expect(correct.map((t) => t!.replace(/✓.*/, '').trim())).toEqual(['CORRECT-ONE', 'CORRECT-TWO-A', 'CORRECT-TWO-B']);
    expect(document.querySelectorAll('.tp-role').length).toBe(2);
    expect(document.querySelector('#unit-first .tp-unit-facts')?.textContent).toContain('flipchart');
  });

  it('orders units by module.yml and modules by curriculum.yml', async () => {
    const { document } = await readDom(file('facilitator-guide.html'));
    const ids = [...document.querySelectorAll('article.tp-unit')].map((a) => a.id);
    expect(ids).toEqual(['unit-second', 'unit-first', 'unit-roles', 'unit-quiz', 'unit-selfcheck']);
  });

  it('substitutes variables', async () => {
    for (const page of ['facilitator-guide.html', 'participant-handout.html']) {
      const { html } = await readDom(file(page));
      expect(html).toContain('Call +99 123 456 at Example Agency.');
      expect(html).not.toContain(':var[');
    }
  });

  it('puts each role on its own card in the handout', async () => {
    const { document } = await readDom(file('participant-handout.html'));
    const roles = [...document.querySelectorAll('section.tp-role')];
    expect(roles.map((r) => r.querySelector('.tp-role-name')?.textContent)).toEqual(['Case worker', 'Returnee']);
    expect(roles[0]!.textContent).toContain('ROLE-CASEWORKER-TEXT');
    expect(roles[0]!.textContent).not.toContain('ROLE-RETURNEE-TEXT');
  });

  it('lets a self_check quiz carry its key into the handout, folded', async () => {
    const { document } = await readDom(file('participant-handout.html'));
    const details = document.querySelector('#unit-selfcheck details.tp-selfcheck');
    expect(details?.textContent).toContain('SELF-EXPLANATION');
    expect(details?.textContent).toContain('SELF-CORRECT');
  });

  it('builds one deck a module with slides, notes and title slides', async () => {
    const alpha = await readDom(file('slides/alpha.html'));
    const slides = [...alpha.document.querySelectorAll('section.tp-slide')];
    expect(slides.length).toBe(4);
    expect(slides.map((s) => s.querySelector('h1, h2')?.textContent)).toEqual([
      'Alpha module',
      'Second unit comes first',
      'Opening slide',
      'Second slide',
    ]);
    expect(slides[2]!.querySelector('.tp-speaker-notes')?.textContent).toContain('SPEAKER-NOTE-SECRET');
    expect(slides[3]!.textContent).toContain('SLIDE-TIP-TEXT');
    expect(alpha.html).not.toContain('FACILITATOR-ONLY-TEXT');
    expect(alpha.html).not.toContain('Background text');
    const beta = await readDom(file('slides/beta.html'));
    expect(beta.document.querySelectorAll('section.tp-slide').length).toBe(4); // cover + 3 title slides
  });

  it('writes self-contained pages: no remote or missing resources', async () => {
    for (const page of ['index.html', 'facilitator-guide.html', 'participant-handout.html', 'slides/alpha.html']) {
      const { document } = await readDom(file(page));
      for (const el of document.querySelectorAll('[src], link[href]')) {
        const url = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
        expect(url, page).not.toMatch(/^(https?:)?\/\//);
      }
      expect(document.querySelectorAll('link[rel=stylesheet], script[src]').length).toBe(0);
    }
    const { document } = await readDom(file('facilitator-guide.html'));
    const img = document.querySelector('#unit-first img');
    expect(img?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(img?.getAttribute('alt')).toBe('Three levels diagram');
  });

  it('rewrites links between units and to sections', async () => {
    const { document } = await readDom(file('facilitator-guide.html'));
    const hrefs = [...document.querySelectorAll('#unit-first .tp-unit-body a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('#unit-second');
    expect(hrefs).toContain('#first--background');
    expect(document.getElementById('first--background')?.textContent).toBe('Background');
  });

  it('links everything from index.html', async () => {
    const { document } = await readDom(file('index.html'));
    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    for (const h of ['facilitator-guide.html', 'participant-handout.html', 'slides/alpha.html', 'slides/beta.html']) expect(hrefs).toContain(h);
    expect(document.querySelector('.tp-agenda')).not.toBeNull();
  });

  it('lays out the agenda over days with breaks', async () => {
    const { document } = await readDom(file('facilitator-guide.html'));
    const days = [...document.querySelectorAll('.tp-agenda-day')];
    // 09:00-12:00 days: 45 + 60 = 105 min, then the break, then 50 does not fit before 12:00.
    expect(days.length).toBeGreaterThanOrEqual(2);
    const rows = [...days[0]!.querySelectorAll('tbody tr:not(.tp-agenda-session)')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim()).join(' '));
    expect(rows[0]).toBe('9:00 AM–9:45 AM Second unit comes first');
    expect(rows[1]).toBe('9:45 AM–10:45 AM First session');
  });

  it('sets lang and dir on every page', async () => {
    for (const page of ['index.html', 'facilitator-guide.html', 'participant-handout.html', 'slides/beta.html']) {
      const { document } = await readDom(file(page));
      expect(document.documentElement.getAttribute('lang')).toBe('en');
      expect(document.documentElement.getAttribute('dir')).toBe('ltr');
    }
  });
});
