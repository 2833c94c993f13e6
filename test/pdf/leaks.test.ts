/**
 * What reaches each PDF (fixture `full`: every block type, with sentinel
 * strings in facilitator-only places), and pages with a remote image:
 * printed anyway, with a warning naming the page, never a hang.
 */
import { FACILITATOR_ONLY } from '../fixtures/full-secrets.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER, buildPdf, cleanTemps, copyFixture, FIXTURES, NEEDS_BROWSER, pageTexts, writeCurriculum } from './helpers.js';

afterAll(cleanTemps);

const HAS_FULL = existsSync(path.join(FIXTURES, 'full/curriculum.yml'));

describe.skipIf(!BROWSER || !HAS_FULL)(`PDFs of the full fixture${NEEDS_BROWSER}${HAS_FULL ? '' : ' (skipped: no test/fixtures/full)'}`, () => {
  it('keeps facilitator-only text out of the handout and the speaker notes out of the slides', async () => {
    const { base } = await buildPdf(await copyFixture('full'));
    const text = async (rel: string) => (await pageTexts(path.join(base, rel))).join('\n');
    const handout = await text('participant-handout.pdf');
    for (const s of FACILITATOR_ONLY) expect(handout, s).not.toContain(s);
    for (const s of ['PARTICIPANT-ONLY-TEXT', 'SCENARIO-TEXT']) expect(handout, s).toContain(s);
    // Role briefs are secret: the handout says who plays whom, the briefs are cut-out cards.
    for (const s of ['ROLE-CASEWORKER-TEXT', 'ROLE-RETURNEE-TEXT']) expect(handout, s).not.toContain(s);
    expect(handout).toMatch(/Case worker[\s\S]*Played by/);
    const guide = await text('facilitator-guide.pdf');
    for (const s of ['FACILITATOR-ONLY-TEXT', 'SOLUTION-SECRET', 'DEBRIEF-SECRET', 'SPEAKER-NOTE-SECRET']) expect(guide, s).toContain(s);
    for (const deck of ['slides/alpha.pdf', 'slides/beta.pdf']) {
      const slides = await text(deck);
      for (const s of FACILITATOR_ONLY) expect(slides, `${deck}: ${s}`).not.toContain(s);
    }
  });

  it('prints the role cards several to a page, with nothing facilitator-only on them', async () => {
    const { base } = await buildPdf(await copyFixture('full'));
    const pages = await pageTexts(path.join(base, 'role-cards.pdf'));
    const both = pages.filter((p) => p.includes('ROLE-CASEWORKER-TEXT') && p.includes('ROLE-RETURNEE-TEXT'));
    expect(both).toHaveLength(1);
    const all = pages.join('\n');
    for (const s of [...FACILITATOR_ONLY, 'SCENARIO-TEXT']) expect(all, s).not.toContain(s);
  });
});

describe.skipIf(!BROWSER)(`a page with a remote image${NEEDS_BROWSER}`, () => {
  it('still prints, quickly, with a remote-asset warning naming the page', async () => {
    const dir = await writeCurriculum({
      'curriculum.yml': 'id: remote\ntitle: Remote\nlanguage: en\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': [
        '---', 'title: Remote image', 'duration: 10', '---', '',
        'BEFORE-IMAGE-TEXT', '', '![a remote picture](https://example.invalid/picture.png)', '', 'AFTER-IMAGE-TEXT', '',
        '::::slide', '# Slide with a remote image', '', '![remote](https://example.invalid/slide.png)', '::::', '',
      ].join('\n'),
    });
    const started = Date.now();
    const { base, result } = await buildPdf(dir);
    expect(Date.now() - started).toBeLessThan(30_000);
    const guide = (await pageTexts(path.join(base, 'facilitator-guide.pdf'))).join('\n');
    expect(guide).toContain('BEFORE-IMAGE-TEXT');
    expect(guide).toContain('AFTER-IMAGE-TEXT');
    expect(existsSync(path.join(base, 'slides/m.pdf'))).toBe(true);
    const remote = result.diagnostics.filter((d) => d.rule === 'remote-asset');
    // The PDF stage names the printed page (the parse stage names the source line).
    const printed = remote.filter((d) => d.file.endsWith('.html'));
    expect(printed.map((d) => d.file).sort()).toEqual(['base/facilitator-guide.html', 'base/participant-handout.html', 'base/slides/m.html']);
    expect(printed.every((d) => d.severity === 'warning' && d.message.includes('https://example.invalid/'))).toBe(true);
  });
});
