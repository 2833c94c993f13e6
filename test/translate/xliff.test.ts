/**
 * XLIFF 1.2 (src/translate/xliff.ts) against real translators' tools: PO ->
 * XLIFF -> PO through trainpack is lossless; the Translate Toolkit converts
 * what trainpack writes (xliff2po, then msgfmt --check passes) and writes
 * what trainpack imports (po2xliff); a malformed file is an error with its
 * line and column and changes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogue, writeCatalogue } from '../../src/translate/catalogue.js';
import { extractCatalogue } from '../../src/translate/index.js';
import { pseudo } from '../../src/translate/pseudo.js';
import { Diagnostics } from '../../src/errors.js';
import { cli, copyFixture, tempDir } from '../helpers.js';

/** Run a system tool; a missing one fails with how to install it. */
async function tool(cmd: string, args: string[], pkg: string) {
  const r = await execa(cmd, args, { reject: false });
  if ((r as { code?: string }).code === 'ENOENT' || r.exitCode === 127) throw new Error(`${cmd} is missing: apt-get install ${pkg} (scripts/setup.sh does)`);
  return r;
}

let dir: string;
let work: string;
const po = () => path.join(dir, 'overlays/es/translation.po');

beforeAll(async () => {
  dir = await copyFixture('translate');
  work = await tempDir();
  await extractCatalogue(dir, 'es');
  // Some messages translated, one fuzzy, the rest empty: every state crosses the border.
  const diags = new Diagnostics();
  const cat = parseCatalogue(await readFile(po(), 'utf8'), 'po', diags)!;
  cat.entries.forEach((e, i) => {
    if (i % 3 === 0) e.str = pseudo(e.id);
    if (i % 3 === 1) Object.assign(e, { str: pseudo(e.id), fuzzy: true, previous: 'An older source' });
  });
  await writeFile(po(), writeCatalogue(cat));
});

describe('XLIFF 1.2', () => {
  it('PO -> XLIFF -> PO through trainpack is lossless', async () => {
    const before = await readFile(po(), 'utf8');
    const xlf = path.join(work, 'es.xlf');
    const ex = await cli(['translate', 'export', 'es', '--format', 'xliff', '--out', xlf, '--dir', dir]);
    expect(ex.exitCode, ex.stderr).toBe(0);
    const xml = await readFile(xlf, 'utf8');
    expect(xml).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
    expect(xml.match(/<file /g)).toHaveLength(4); // three units and the module
    for (const s of ['needs-translation', 'needs-review-translation', 'translated']) expect(xml).toContain(`state="${s}"`);
    expect(xml).toContain('<note from="developer">quiz option</note>');
    // Translations made in the XLIFF come back; the untouched file changes nothing.
    const im = await cli(['translate', 'import', xlf, '--dir', dir]);
    expect(im.exitCode, im.stderr).toBe(0);
    expect(await readFile(po(), 'utf8')).toBe(before);
    await writeFile(xlf, xml.replace('<target state="needs-translation"></target>', '<target state="translated">Traducido en la herramienta</target>'));
    const im2 = await cli(['translate', 'import', xlf, '--dir', dir]);
    expect(im2.stderr).toMatch(/1 translations updated/);
    expect(await readFile(po(), 'utf8')).toContain('msgstr "Traducido en la herramienta"');
    await writeFile(po(), before);
  });

  it('the Translate Toolkit reads what trainpack writes, and trainpack imports what it writes', async () => {
    const before = await readFile(po(), 'utf8');
    const xlf = path.join(work, 'tk.xlf');
    await cli(['translate', 'export', 'es', '--out', xlf, '--dir', dir]);
    const back = path.join(work, 'back.po');
    const x2p = await tool('xliff2po', [xlf, back], 'translate-toolkit');
    expect(x2p.exitCode, x2p.stderr).toBe(0);
    const fmt = await tool('msgfmt', ['--check', '-o', '/dev/null', back], 'gettext');
    expect(fmt.exitCode, fmt.stderr).toBe(0);
    // po2xliff loses msgctxt: sources shared by several units are told apart by their references.
    const fromTk = path.join(work, 'from-po.xlf');
    const p2x = await tool('po2xliff', [po(), fromTk], 'translate-toolkit');
    expect(p2x.exitCode, p2x.stderr).toBe(0);
    await writeFile(po(), before.replace(/msgstr "⟦[^"\n]*⟧"/g, 'msgstr ""'));
    const im = await cli(['translate', 'import', fromTk, '--overlay', 'es', '--dir', dir]);
    expect(im.exitCode, im.stderr).toBe(0);
    expect(await readFile(po(), 'utf8')).toBe(before);
    // And back through xliff2po then po2xliff: the trans-unit ids carry the context.
    const round = path.join(work, 'round.xlf');
    await tool('po2xliff', [back, round], 'translate-toolkit');
    await writeFile(po(), before.replace(/msgstr "⟦[^"\n]*⟧"/g, 'msgstr ""'));
    const im2 = await cli(['translate', 'import', round, '--overlay', 'es', '--dir', dir]);
    expect(im2.exitCode, im2.stderr).toBe(0);
    expect(await readFile(po(), 'utf8')).toBe(before);
  });

  it('a malformed XLIFF is an error at its line and column, and the catalogue is left as it was', async () => {
    const before = await readFile(po(), 'utf8');
    const xlf = path.join(work, 'bad.xlf');
    await cli(['translate', 'export', 'es', '--out', xlf, '--dir', dir]);
    const lines = (await readFile(xlf, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('<target state="translated">'));
    lines[at] = lines[at]!.replace('</target>', '</targt>');
    await writeFile(xlf, lines.join('\n').replace(/state="needs-translation"><\/target>/, 'state="translated">changed</target>'));
    const r = await cli(['translate', 'import', xlf, '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`bad\\.xlf:${at + 1}:\\d+ error Malformed XLIFF`));
    expect(await readFile(po(), 'utf8')).toBe(before);
  });
});
