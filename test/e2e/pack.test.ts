/** End-to-end: `trainpack pack` writes a complete, reproducible workshop pack (issue 7). */
import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../export/zip-read.js';
import { BROWSER, NEEDS_BROWSER, pageTexts, pdfInfo } from '../pdf/helpers.js';
import { cli, copyFixture, tempDir } from '../helpers.js';

const NAME = 'full-fixture-base-workshop-pack';
let dir: string;
let out: string;
let first: { exitCode?: number; stderr: string };

describe.skipIf(!BROWSER)(`trainpack pack${NEEDS_BROWSER}`, () => {
  beforeAll(async () => {
    dir = await copyFixture('full');
    // A facilitator note in the quiz unit (never in the test or its key) and a theme colour (on every pack document).
    await appendFile(path.join(dir, 'modules/02-beta/02-quiz.md'), '\n:::facilitator\nQUIZ-FACILITATOR-NOTE: do not collect it.\n:::\n');
    await appendFile(path.join(dir, 'curriculum.yml'), 'theme:\n  primary: "#5a2d82"\n');
    out = await tempDir();
    first = await cli(['pack', dir, '--participants', '24', '--facilitators', 'Awa Diop, Karim Sy', '--venue', 'VENUE-SENTINEL', '--days', '2', '--start', '2026-05-04', '--format', 'pptx,docx', '--out', out, '--browser', BROWSER!]);
  }, 120_000);

  const file = (rel: string) => path.join(out, NAME, rel);

  it('writes a folder and a zip with everything, and a manifest of checksums', async () => {
    expect(first.exitCode, first.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    const paths = manifest.files.map((f) => f.path);
    // With --format pptx,docx the editable Office files travel in the pack too (issue 20).
    for (const p of ['index.html', 'facilitator-guide.pdf', 'participant-handout.pdf', 'slides/alpha.pdf', 'role-cards.pdf', 'pack/agenda.pdf', 'pack/attendance-sheet.pdf', 'pack/knowledge-test.pdf', 'pack/knowledge-test-answer-key.pdf', 'print-list.csv', 'slides/alpha.pptx', 'facilitator-guide.docx', 'participant-handout.docx', 'role-cards.docx']) {
      expect(paths, p).toContain(p);
    }
    for (const f of manifest.files) expect(createHash('sha256').update(await readFile(file(f.path))).digest('hex'), f.path).toBe(f.sha256);
    const entries = readZip(await readFile(path.join(out, `${NAME}.zip`)));
    expect([...entries.keys()].sort()).toEqual([...paths, 'manifest.json'].map((p) => `${NAME}/${p}`).sort());
    expect(entries.get(`${NAME}/index.html`)!.equals(await readFile(file('index.html')))).toBe(true);
  });

  it('prints a list of copies: handouts per participant, tests twice, role cards per group, guides per facilitator', async () => {
    const csv = await readFile(file('print-list.csv'), 'utf8');
    expect(csv).toContain('participant-handout.pdf,24,A4,one per participant');
    expect(csv).toContain('pack/knowledge-test.pdf,48,A4,two per participant: before and after');
    expect(csv).toContain('role-cards.pdf,12,A4,one set per group (12 × 2)');
    expect(csv).toContain('facilitator-guide.pdf,2,A4,one per facilitator');
    expect(csv).toContain('slides/alpha.pdf,0,16:9');
  });

  it('puts the role cards two or more to a page and keeps the key out of the test', async () => {
    const cards = await pageTexts(file('role-cards.pdf'));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('ROLE-CASEWORKER-TEXT');
    expect(cards[0]).toContain('ROLE-RETURNEE-TEXT');
    const test = (await pageTexts(file('pack/knowledge-test.pdf'))).join('\n');
    expect(test).toContain('QUESTION-ONE');
    for (const secret of ['EXPLANATION-SECRET-ONE', 'MODEL-ANSWER-SECRET', '✓']) expect(test).not.toContain(secret);
    const key = (await pageTexts(file('pack/knowledge-test-answer-key.pdf'))).join('\n');
    expect(key).toContain('EXPLANATION-SECRET-ONE');
    expect(key).not.toContain('QUIZ-FACILITATOR-NOTE');
    expect(test).not.toContain('QUIZ-FACILITATOR-NOTE');
    expect((await pdfInfo(file('pack/agenda.pdf')))['Page size']).toMatch(/A4/);
  });

  it('prints the attendance sheet for 24 on one landscape page, a dated signature box per day', async () => {
    const info = await pdfInfo(file('pack/attendance-sheet.pdf'));
    expect(info.Pages).toBe('1');
    const [w, h] = /([\d.]+) x ([\d.]+)/.exec(info['Page size']!)!.slice(1).map(Number) as [number, number];
    expect(w).toBeGreaterThan(h);
    const text = (await pageTexts(file('pack/attendance-sheet.pdf')))[0]!;
    const flat = (await pageTexts(file('pack/attendance-sheet.pdf'), false))[0]!.replace(/\s+/g, ' ');
    for (const s of ['Name', 'Organisation', 'Sex / gender', 'Phone or email', 'Signature', 'Mon, May 4', 'Tue, May 5', 'VENUE-SENTINEL', 'Awa Diop, Karim Sy']) expect(flat, s).toContain(s);
    expect(text).toMatch(/^\s*24\s*$/m);
    expect(text).not.toMatch(/^\s*25\s*$/m);
  });

  it('numbers the knowledge test straight through, with before/after boxes, a name and a score box', async () => {
    const test = (await pageTexts(file('pack/knowledge-test.pdf'))).join('\n');
    for (const s of ['Name', 'Before the workshop', 'After the workshop', 'Score']) expect(test, s).toContain(s);
    const html = await readFile(file('pack/knowledge-test.html'), 'utf8');
    const questions = (html.match(/class="tp-question[ "]/g) ?? []).length;
    expect(questions).toBeGreaterThan(2); // two quiz units: one count runs through both
    expect(test).toMatch(new RegExp(`/\\s*${questions}\\b`));
    expect(html).toMatch(/\.tp-pack-test main \{ counter-reset: tp-question; \}/);
    expect(html).toMatch(/\.tp-pack-test \.tp-quiz \{ counter-reset: none; \}/);
  });

  it('dresses every pack document in the edition theme', async () => {
    for (const f of ['pack/agenda.html', 'pack/attendance-sheet.html', 'pack/knowledge-test.html', 'pack/knowledge-test-answer-key.html', 'role-cards.html']) {
      expect(await readFile(file(f), 'utf8'), f).toMatch(/--tp-primary:\s*#5a2d82/i);
    }
  });

  it('lists every pack document in index.html with what it is for and how many copies', async () => {
    const index = await readFile(file('index.html'), 'utf8');
    const section = index.slice(index.indexOf('id="pack-contents"'));
    expect(section.length).toBeGreaterThan(100);
    const hrefs = new Set([...section.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
    for (const f of await readdir(file('pack'))) expect(hrefs, `pack/${f}`).toContain(`pack/${f}`);
    for (const f of ['facilitator-guide.pdf', 'participant-handout.pdf', 'role-cards.pdf', 'print-list.csv', 'manifest.json']) expect(hrefs, f).toContain(f);
    expect(section).toContain('What is in this pack');
    expect(section).toMatch(/Attendance sheet[\s\S]*To sign in each day/);
  });

  it('deflates the zip to well under its contents', async () => {
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as { files: { bytes: number }[] };
    const contents = manifest.files.reduce((n, f) => n + f.bytes, 0);
    const zipped = (await readFile(path.join(out, `${NAME}.zip`))).length;
    expect(zipped).toBeLessThan(contents * 0.7);
  });

  it('gives the same zip bytes for the same inputs', async () => {
    const again = await tempDir();
    const r = await cli(['pack', dir, '--participants', '24', '--facilitators', 'Awa Diop, Karim Sy', '--venue', 'VENUE-SENTINEL', '--days', '2', '--start', '2026-05-04', '--format', 'pptx,docx', '--out', again, '--browser', BROWSER!]);
    expect(r.exitCode, r.stderr).toBe(0);
    const a = await readFile(path.join(out, `${NAME}.zip`));
    const b = await readFile(path.join(again, `${NAME}.zip`));
    expect(b.equals(a)).toBe(true);
  }, 120_000);
});
