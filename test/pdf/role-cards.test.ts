/**
 * Role cards (FORMAT.md section 6, issue 15): every brief on a cut-out card,
 * 4 to a sheet when short and 2 when long, one role-play's cards a sheet;
 * the handout keeps only who plays whom unless `roles_in_handout: true`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, buildPdf, cleanTemps, NEEDS_BROWSER, pageTexts, writeCurriculum } from './helpers.js';

const long = (tag: string) => `${tag} ${'This brief is long on purpose so that the card needs half a page. '.repeat(10)}`;
const role = (name: string, text: string) => `:::role{name="${name}"}\n${text}\n:::\n`;

describe.skipIf(!BROWSER)(`role cards${NEEDS_BROWSER}`, () => {
  let base: string;
  beforeAll(async () => {
    const dir = await writeCurriculum({
      'curriculum.yml': 'id: cards\ntitle: Cards\nversion: 1.0.0\nlanguage: en\n',
      'modules/01-m/module.yml': 'title: Role-plays\n',
      'modules/01-m/01-short.md': `---\ntitle: Four short roles\ntype: roleplay\nduration: 30\n---\n\nSCENARIO-SHORT\n\n${['North', 'South', 'East', 'West'].map((n) => role(`Player ${n}`, `BRIEF-${n.toUpperCase()}`)).join('\n')}`,
      'modules/01-m/02-long.md': `---\ntitle: Two long roles\ntype: roleplay\nduration: 30\n---\n\nSCENARIO-LONG\n\n${role('Mayor', long('BRIEF-MAYOR'))}\n${role('Trader', long('BRIEF-TRADER'))}`,
      'modules/01-m/03-open.md': `---\ntitle: Open roles\ntype: roleplay\nduration: 30\nroles_in_handout: true\n---\n\n${role('Host', 'BRIEF-OPEN-HOST')}\n${role('Guest', 'BRIEF-OPEN-GUEST')}`,
    });
    ({ base } = await buildPdf(dir));
  });
  afterAll(cleanTemps);

  it('puts four short cards on one sheet and two long ones on another', async () => {
    const pages = (await pageTexts(path.join(base, 'role-cards.pdf'))).map((p) => p.replace(/\s+/g, ' '));
    const short = pages.filter((p) => /BRIEF-(NORTH|SOUTH|EAST|WEST)/.test(p));
    expect(short).toHaveLength(1);
    for (const n of ['NORTH', 'SOUTH', 'EAST', 'WEST']) expect(short[0]).toContain(`BRIEF-${n}`);
    expect(short[0]).toContain('Set 1 · 4/4');
    expect(short[0]).toContain('1.1 Four short roles');
    const longPage = pages.filter((p) => p.includes('BRIEF-MAYOR'));
    expect(longPage).toHaveLength(1);
    expect(longPage[0]).toContain('BRIEF-TRADER');
    expect(longPage[0]).not.toContain('BRIEF-NORTH');
    // Every page holds at least two cards.
    for (const p of pages) expect((p.match(/Set \d+ · \d+\/\d+/g) ?? []).length, p).toBeGreaterThanOrEqual(2);
  });

  it('keeps secret briefs out of the handout PDF, and open ones in it', async () => {
    const handout = (await pageTexts(path.join(base, 'participant-handout.pdf'))).join('\n');
    for (const s of ['BRIEF-NORTH', 'BRIEF-MAYOR', 'BRIEF-TRADER']) expect(handout, s).not.toContain(s);
    for (const s of ['SCENARIO-SHORT', 'Player North', 'Mayor', 'Played by', 'BRIEF-OPEN-HOST', 'BRIEF-OPEN-GUEST']) expect(handout, s).toContain(s);
  });

  it('writes no role cards for an edition without role-plays', async () => {
    const dir = await writeCurriculum({
      'curriculum.yml': 'id: none\ntitle: None\nlanguage: en\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': '---\ntitle: Talk\nduration: 10\n---\n\nHello.\n',
    });
    const { base: other } = await buildPdf(dir);
    expect(existsSync(path.join(other, 'role-cards.html'))).toBe(false);
    expect(existsSync(path.join(other, 'role-cards.pdf'))).toBe(false);
  });
});
