/**
 * PDFs kept from the last build (issue 8): a PDF whose HTML page and print
 * settings are those the output folder recorded is kept, and when every PDF
 * is kept no browser starts.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { replaceInFile } from '../helpers.js';
import { BROWSER, cleanTemps, copyFixture, NEEDS_BROWSER, pageTexts, tempDir } from './helpers.js';

afterAll(cleanTemps);

describe.skipIf(!BROWSER)(`PDFs kept from the last build${NEEDS_BROWSER}`, () => {
  it('keeps every PDF when nothing changed, without starting a browser, and prints again what changed', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir('trainpack-pdf-out-');
    const options = { dir, out, formats: ['html', 'pdf'] as ('html' | 'pdf')[], browser: BROWSER };
    const first = await build(options);
    expect(first.pdf!.kept).toBe(0);
    expect(first.pdf!.files).toBe(5); // guide, handout, two decks, role cards
    const guidePdf = path.join(out, 'base/facilitator-guide.pdf');
    const inode = (await stat(guidePdf)).ino;

    const second = await build(options);
    expect(second.pdf!.kept).toBe(5);
    expect(second.pdf!.launchMs).toBe(0); // no browser started
    expect(second.editions[0]!.files.filter((f) => f.endsWith('.pdf')).sort()).toEqual(['facilitator-guide.pdf', 'participant-handout.pdf', 'role-cards.pdf', 'slides/alpha.pdf', 'slides/beta.pdf']);
    expect((await stat(guidePdf)).ino).toBe(inode);

    // A change in module beta: its deck, the guide and the handout are printed again; alpha's deck is kept,
    // and so are the role cards (the scenario is not on them).
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'CHANGED-SCENARIO');
    const third = await build(options);
    expect(third.pdf!.kept).toBe(2);
    expect((await pageTexts(guidePdf)).join('\n')).toContain('CHANGED-SCENARIO');

    // Other print settings are other PDFs.
    const letter = await build({ ...options, paper: 'letter' });
    expect(letter.pdf!.kept).toBe(0);
  });
});
