/**
 * Catalogues (src/translate): which blocks become messages, msgmerge
 * semantics on update, --seed from replacement files, positioned errors for
 * malformed catalogues and broken placeholders (nothing half-applied), and
 * the parse cache keyed by each unit's messages.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { ParseCache, prepare } from '../../src/pipeline.js';
import { blocksOfText, parseInline } from '../../src/translate/blocks.js';
import { parseCatalogue, writeCatalogue } from '../../src/translate/catalogue.js';
import { extractCatalogue } from '../../src/translate/index.js';
import { translationProblem } from '../../src/translate/placeholders.js';
import { pseudo } from '../../src/translate/pseudo.js';
import { Diagnostics } from '../../src/errors.js';
import { BIN, cli, copyFixture, replaceInFile, ROOT, snapshotFiles, tempDir } from '../helpers.js';

const WELCOME = 'modules/01-basics/01-welcome.md';
const po = (dir: string, id = 'es') => path.join(dir, `overlays/${id}/translation.po`);

async function read(dir: string, id = 'es') {
  const diags = new Diagnostics();
  const cat = parseCatalogue(await readFile(po(dir, id), 'utf8'), 'po', diags);
  expect(diags.list).toEqual([]);
  return cat!;
}

/** Set the translation of one message (by its source) in the PO file. */
async function translate(dir: string, pairs: Record<string, string>, id = 'es') {
  const cat = await read(dir, id);
  for (const [from, to] of Object.entries(pairs)) {
    const e = cat.entries.find((x) => x.id === from);
    if (!e) throw new Error(`no message ${from}`);
    e.str = to;
    e.fuzzy = false;
  }
  await writeFile(po(dir, id), writeCatalogue(cat));
}

async function msgfmt(file: string) {
  const r = await execa('msgfmt', ['--check', '-o', '/dev/null', file], { reject: false }).catch(() => undefined);
  if (!r) throw new Error('msgfmt is missing: apt-get install gettext (scripts/setup.sh does)');
  expect(r.exitCode, r.stderr).toBe(0);
}

describe('text blocks', () => {
  it('names every block with its kind; messages keep inline Markdown and lose nesting prefixes and {#id}', async () => {
    const dir = await copyFixture('translate');
    const text = await readFile(path.join(dir, WELCOME), 'utf8');
    const body = text.replace(/^---[\s\S]*?\n---\n/, (m) => m.replace(/[^\n]/g, ' '));
    const blocks = blocksOfText(body, 'session').map((b) => [b.kind, b.msgid, b.line]);
    expect(blocks).toEqual([
      ['heading', 'Why we meet', 10],
      ['paragraph', 'We meet to **share** what works. Call :var[hotline] for help,\nor read [the referral guide](02-referral.md#steps).', 12],
      ['paragraph', 'A quoted thought that runs\nover two lines.', 15],
      ['list item', 'First point', 18],
      ['list item', 'Second point with `code`', 19],
      ['table cell', 'Service', 21],
      ['table cell', 'Where', 21],
      ['table cell', 'Health', 23],
      ['table cell', 'District clinic', 23],
      ['image alt text', '![A map of the district](../../assets/map.svg)', 25],
      ['title attribute', 'Keep it short', 27],
      ['paragraph', 'Short sessions work better.', 28],
      ['heading', 'Why we meet', 31],
      ['paragraph', 'A second heading with the same text gets its own slug.', 33],
    ]);
    // CRLF and a BOM give the same messages.
    const crlf = blocksOfText('\uFEFF' + body.replace(/\n/g, '\r\n'), 'session').map((b) => b.msgid);
    expect(crlf).toEqual(blocks.map((b) => b[1]));
    const quizText = await readFile(path.join(dir, 'modules/01-basics/03-check.md'), 'utf8');
    const quiz = blocksOfText(quizText.slice(quizText.indexOf('\n---\n') + 5), 'quiz').map((b) => b.kind);
    expect(quiz).toEqual(['quiz question', 'quiz option', 'quiz option', 'quiz explanation']);
  });

  it('the pseudo-locale keeps every placeholder and inline structure', () => {
    for (const m of ['Call :var[hotline] now', 'read [the guide](a.md#x) and ![a map](m.svg)', 'Use `code` and <https://example.org> &amp; **bold**', 'A\nB']) {
      expect(translationProblem(m, pseudo(m)), m).toBeUndefined();
      expect(pseudo(m)).not.toMatch(/\b(Call|read|Use|bold)\b/);
    }
  });

  it('placeholders a translation must keep', () => {
    expect(translationProblem('Call :var[hotline]', 'Llame')).toMatch(/drops :var\[hotline\]/);
    expect(translationProblem('[guide](a.md)', '[guía](b.md)')).toMatch(/changes the link target a\.md to b\.md/);
    expect(translationProblem('![map](m.svg)', '![mapa](n.svg)')).toMatch(/image path m\.svg/);
    expect(translationProblem('One line', 'Una\n\ndos')).toMatch(/not inline text/);
    expect(translationProblem('One line', 'Una\n- lista')).toMatch(/not inline text/);
    // A marker at the very start stays text in its place: it cannot open a list there.
    expect(parseInline('- una lista')?.map((n) => n.type)).toEqual(['text']);
    expect(translationProblem('[guide](a.md) :var[x]', ':var[x] [guía](a.md)')).toBeUndefined();
    // A table cell that reads like a list item on its own stays text.
    expect(translationProblem('1. First contact', '1. Primer contacto')).toBeUndefined();
    expect(parseInline('1. Primer contacto')?.map((n) => n.type)).toEqual(['text']);
  });
});

describe('translate extract', () => {
  it('writes a catalogue msgfmt accepts: msgctxt the unit id, #: file:line, #. the kind', async () => {
    const dir = await copyFixture('translate');
    const r = await extractCatalogue(dir, 'es');
    expect(r).toMatchObject({ file: 'overlays/es/translation.po', created: true, fuzzy: 0, obsolete: 0 });
    await msgfmt(po(dir));
    const text = await readFile(po(dir), 'utf8');
    expect(text).toContain('#: modules/01-basics/01-welcome.md:10\n#: modules/01-basics/01-welcome.md:31\n#. heading\nmsgctxt "welcome"\nmsgid "Why we meet"');
    expect(text).toContain('#. module summary\nmsgctxt "module:basics"');
    expect(text).toContain('#. quiz option\nmsgctxt "check"\nmsgid "The returnee"');
    expect(text).toContain('#. unit title\nmsgctxt "referral"');
    // Extract again with nothing changed: the same bytes.
    await extractCatalogue(dir, 'es');
    expect(await readFile(po(dir), 'utf8')).toBe(text);
  });

  it('updates like msgmerge: a changed source keeps its translation as fuzzy with #| msgid, a vanished one goes obsolete and comes back', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    await translate(dir, { 'Refer the person with their consent.': 'Oriente a la persona con su consentimiento.', 'Write down who you referred, and when.': 'Anote a quién orientó y cuándo.' });
    const file = path.join(dir, 'modules/01-basics/02-referral.md');
    await replaceInFile(file, 'with their consent.', 'with their informed consent.');
    await replaceInFile(file, 'Write down who you referred, and when.\n', '');
    const r = await extractCatalogue(dir, 'es');
    expect(r).toMatchObject({ created: false, fuzzy: 1, obsolete: 1 });
    await msgfmt(po(dir));
    const text = await readFile(po(dir), 'utf8');
    expect(text).toMatch(/#, fuzzy\n#\| msgid "Refer the person with their consent\."\nmsgctxt "referral"\nmsgid "Refer the person with their informed consent\."\nmsgstr "Oriente a la persona con su consentimiento\."/);
    expect(text).toMatch(/#~ msgctxt "referral"\n#~ msgid "Write down who you referred, and when\."\n#~ msgstr "Anote a quién orientó y cuándo\."/);
    await writeFile(file, (await readFile(file, 'utf8')) + '\nWrite down who you referred, and when.\n');
    expect(await extractCatalogue(dir, 'es')).toMatchObject({ obsolete: 0, fuzzy: 1 });
    const back = (await read(dir)).entries.find((e) => e.id === 'Write down who you referred, and when.')!;
    expect(back).toMatchObject({ str: 'Anote a quién orientó y cuándo.', fuzzy: false });
  });

  it('--seed fills a new catalogue from replacement files whose blocks align', async () => {
    const dir = await copyFixture('translate');
    const r = await extractCatalogue(dir, 'fr', { seed: true });
    expect(r.seeded).toBe(4);
    const seeded = Object.fromEntries((await read(dir, 'fr')).entries.filter((e) => e.ctx === 'referral').map((e) => [e.id, e.str]));
    expect(seeded).toEqual({
      Referral: 'Orientation',
      Steps: 'Étapes',
      'Refer the person with their consent.': 'Orientez la personne avec son consentement.',
      'Write down who you referred, and when.': 'Notez qui vous avez orienté, et quand.',
    });
  });
});

describe('catalogues at build', () => {
  it('translations replace blocks (ids, vars and link targets kept); others fall back with their language', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    await translate(dir, {
      'Why we meet': 'Por qué nos reunimos',
      'We meet to **share** what works. Call :var[hotline] for help,\nor read [the referral guide](02-referral.md#steps).': 'Nos reunimos para **compartir** lo que funciona. Llame al :var[hotline] o lea [la guía](02-referral.md#steps).',
      'Keep it short': 'Sea breve',
      Welcome: 'Bienvenida',
      'The basics': 'Lo básico',
    });
    const out = await tempDir();
    const r = await cli(['build', dir, '--out', out, '--overlay', 'es', '--format', 'html']);
    expect(r.exitCode, r.stderr).toBe(0);
    const html = await readFile(path.join(out, 'es/facilitator-guide.html'), 'utf8');
    expect(html).toContain('<h4 id="welcome--why">Por qué nos reunimos</h4>');
    // The same text twice is one message; the second heading keeps the slug its source text gives it.
    expect(html).toContain('<h4 id="welcome--why-we-meet">Por qué nos reunimos</h4>');
    // A unit with no translation at all falls back whole, marked as before; a partly translated one says so once.
    expect(html).toContain('<h4 id="referral--steps">Steps</h4>');
    expect(html.match(/class="tp-facilitator tp-fallback tp-partial"/g)).toHaveLength(1);
    expect(html).toContain('Nos reunimos para <strong>compartir</strong> lo que funciona. Llame al +00 111 222 o lea <a href="#referral--steps">la guía</a>.');
    expect(html).toContain('Sea breve');
    expect(html).toContain('Bienvenida');
    expect(html).toContain('Lo básico');
    expect(html).toMatch(/<span lang="en" dir="ltr" class="tp-untranslated">Short sessions work better\.<\/span>/);
  });

  it('replace and patch files win over the catalogue for the units they touch', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'fr');
    const cat = await read(dir, 'fr');
    // The unit fr replaces has no messages; one written by hand anyway is not applied.
    expect(cat.entries.filter((e) => e.ctx === 'referral')).toEqual([]);
    cat.entries.push({ ctx: 'referral', id: 'Refer the person with their consent.', str: 'DU CATALOGUE', fuzzy: false, refs: [], notes: [], comments: [], flags: [] });
    cat.entries.find((e) => e.id === 'Short sessions work better.')!.str = 'Les séances courtes marchent mieux.';
    await writeFile(po(dir, 'fr'), writeCatalogue(cat));
    const out = await tempDir();
    const r = await cli(['build', dir, '--out', out, '--overlay', 'fr', '--format', 'html']);
    expect(r.exitCode, r.stderr).toBe(0);
    const html = await readFile(path.join(out, 'fr/facilitator-guide.html'), 'utf8');
    expect(html).toContain('Orientez la personne avec son consentement.');
    expect(html).not.toContain('DU CATALOGUE');
    expect(html).toContain('Les séances courtes marchent mieux.');
  });

  it('a malformed catalogue or a dropped placeholder is an error at its PO line and column; the build writes nothing', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    const good = await readFile(po(dir), 'utf8');
    await translate(dir, { 'We meet to **share** what works. Call :var[hotline] for help,\nor read [the referral guide](02-referral.md#steps).': 'Nos reunimos. Lea [la guía](otra.md).' });
    const text = await readFile(po(dir), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('msgstr "Nos reunimos')) + 1;
    const res = await check({ dir, overlays: ['es'], persistentCache: false });
    const found = res.diagnostics.filter((d) => d.rule === 'translation-placeholder');
    expect(found).toMatchObject([{ severity: 'error', file: 'overlays/es/translation.po', line, column: 9 }]);
    expect(found[0]!.message).toMatch(/drops :var\[hotline\]; changes the link target 02-referral\.md#steps to otra\.md/);

    await writeFile(po(dir), good.replace('msgid "Why we meet"', 'msgid "Why we meet'));
    const bad = good.split('\n').findIndex((l) => l === 'msgid "Why we meet"') + 1;
    const res2 = await check({ dir, overlays: ['es'], persistentCache: false });
    expect(res2.diagnostics.filter((d) => d.rule === 'translation')).toMatchObject([{ severity: 'error', file: 'overlays/es/translation.po', line: bad, column: 7 }]);
    const out = await tempDir();
    const r = await cli(['build', dir, '--out', path.join(out, 'site'), '--overlay', 'es', '--format', 'html']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`overlays/es/translation.po:${bad}:7 error Malformed catalogue`);
    expect(existsSync(path.join(out, 'site', 'es'))).toBe(false);
  });

  it('a checked catalogue is kept in the persistent cache and read back by the next process; a broken one never is', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    await translate(dir, { 'Why we meet': 'Por qué nos reunimos', Steps: 'Pasos' });
    const text = await readFile(po(dir), 'utf8');
    const { loadCatalogue, CATALOGUE_MEMO } = await import('../../src/translate/layer.js');
    const { memoTable, sha1 } = await import('../../src/cache/memo.js');
    expect(loadCatalogue(text, 'overlays/es/translation.po').problems).toEqual([]);
    expect(memoTable(CATALOGUE_MEMO).get(sha1(`overlays/es/translation.po\0${text}`))).toBeDefined();
    const broken = text.replace('msgstr "Pasos"', 'msgstr "Pasos :var[nope]"');
    expect(loadCatalogue(broken, 'overlays/es/translation.po').problems.length).toBeGreaterThan(0);
    expect(memoTable(CATALOGUE_MEMO).get(sha1(`overlays/es/translation.po\0${broken}`))).toBeUndefined();
    // Through the CLI: no cache; then a build that saves the catalogue; then one (another output) that reads it back.
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    for (const [out, extra] of [[a, ['--no-cache']], [b, []], [c, []]] as const) {
      const r = await cli(['build', dir, '--out', out, '--overlay', 'es', '--format', 'html', ...extra]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    expect(await snapshotFiles(path.join(c, 'es'))).toEqual(await snapshotFiles(path.join(a, 'es')));
    expect(await readFile(path.join(c, 'es/facilitator-guide.html'), 'utf8')).toContain('Por qué nos reunimos');
  });

  it('the parse cache re-parses exactly the units whose messages changed', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    await translate(dir, { 'Why we meet': 'Por qué', 'Steps': 'Pasos' });
    const cache = new ParseCache();
    const parseOnce = async () => {
      const before = cache.misses;
      const p = await prepare({ dir, overlays: ['es'] }, cache);
      expect(p.diagnostics.errors).toEqual([]);
      return cache.misses - before;
    };
    expect(await parseOnce()).toBe(3);
    expect(await parseOnce()).toBe(0);
    await translate(dir, { Steps: 'Etapas' });
    expect(await parseOnce()).toBe(1);
    // A module title or a unit title is not part of any unit's body: nothing to parse again.
    await translate(dir, { 'The basics': 'Lo básico', Referral: 'Derivación' });
    expect(await parseOnce()).toBe(1);
    // A fuzzy flag on a translated message: that unit falls back for it, so it is parsed again.
    const cat = await read(dir);
    cat.entries.find((e) => e.id === 'Steps')!.fuzzy = true;
    await writeFile(po(dir), writeCatalogue(cat));
    expect(await parseOnce()).toBe(1);
  });

  it('worker threads build a catalogue edition byte for byte as the main thread does', async () => {
    const dir = await copyFixture('translate');
    await extractCatalogue(dir, 'es');
    await translate(dir, { 'Why we meet': 'Por qué nos reunimos', 'Steps': 'Pasos', 'The returnee': 'La persona retornada' });
    const run = (out: string, workers: number) =>
      execa('node', [BIN, 'build', dir, '--out', out, '--overlay', 'es', '--no-cache'], { cwd: ROOT, reject: false, env: { NO_COLOR: '1', TRAINPACK_WORKERS: String(workers), TRAINPACK_WORKERS_MIN: '1', NODE_DEBUG: 'trainpack:workers' } });
    const [a, b] = [await tempDir(), await tempDir()];
    const threaded = await run(a, 2);
    const inline = await run(b, 0);
    expect(threaded.exitCode, threaded.stderr).toBe(0);
    expect(inline.exitCode, inline.stderr).toBe(0);
    expect(threaded.stderr).toMatch(/[1-9]\d* units parsed in workers/);
    const [x, y] = [await snapshotFiles(a), await snapshotFiles(b)];
    expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
    for (const [rel, bytes] of x) expect(bytes.equals(y.get(rel)!), rel).toBe(true);
    expect(x.get('es/facilitator-guide.html')!.toString()).toContain('La persona retornada');
  });
});
