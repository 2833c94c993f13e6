/** End-to-end: `trainpack pack` writes a complete, reproducible workshop pack (issue 7). */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
    out = await tempDir();
    first = await cli(['pack', dir, '--participants', '10', '--days', '2', '--start', '2026-05-04', '--out', out, '--browser', BROWSER!]);
  }, 120_000);

  const file = (rel: string) => path.join(out, NAME, rel);

  it('writes a folder and a zip with everything, and a manifest of checksums', async () => {
    expect(first.exitCode, first.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    const paths = manifest.files.map((f) => f.path);
    for (const p of ['index.html', 'facilitator-guide.pdf', 'participant-handout.pdf', 'slides/alpha.pdf', 'role-cards.pdf', 'pack/agenda.pdf', 'pack/attendance-sheet.pdf', 'pack/knowledge-test.pdf', 'pack/knowledge-test-answer-key.pdf', 'print-list.csv']) {
      expect(paths, p).toContain(p);
    }
    for (const f of manifest.files) expect(createHash('sha256').update(await readFile(file(f.path))).digest('hex'), f.path).toBe(f.sha256);
    const entries = readZip(await readFile(path.join(out, `${NAME}.zip`)));
    expect([...entries.keys()].sort()).toEqual([...paths, 'manifest.json'].map((p) => `${NAME}/${p}`).sort());
    expect(entries.get(`${NAME}/index.html`)!.equals(await readFile(file('index.html')))).toBe(true);
  });

  it('prints a list of copies: handouts per participant, tests twice, role cards per group, guides per facilitator', async () => {
    const csv = await readFile(file('print-list.csv'), 'utf8');
    expect(csv).toContain('participant-handout.pdf,10,A4,one per participant');
    expect(csv).toContain('pack/knowledge-test.pdf,20,A4,two per participant: before and after');
    expect(csv).toContain('role-cards.pdf,5,A4,one set per group (5 × 2)');
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
    const attendance = (await pageTexts(file('pack/attendance-sheet.pdf'))).join('\n');
    expect(attendance).toMatch(/Day 2/);
    expect(attendance).toMatch(/Tuesday/);
    expect((await pdfInfo(file('pack/agenda.pdf')))['Page size']).toMatch(/A4/);
  });

  it('gives the same zip bytes for the same inputs', async () => {
    const again = await tempDir();
    const r = await cli(['pack', dir, '--participants', '10', '--days', '2', '--start', '2026-05-04', '--out', again, '--browser', BROWSER!]);
    expect(r.exitCode, r.stderr).toBe(0);
    const a = await readFile(path.join(out, `${NAME}.zip`));
    const b = await readFile(path.join(again, `${NAME}.zip`));
    expect(b.equals(a)).toBe(true);
  }, 120_000);
});
