/**
 * End-to-end (issue 18, "Done when"): a catalogue extracted from the bundled
 * example for a new overlay, filled with the pseudo-locale and built: every
 * translated block is in the output with no source text left in it, and the
 * markup around it is the base edition's. Then one source paragraph changes:
 * extract again flags exactly that message fuzzy, the build shows that
 * paragraph from the source (marked in the guide only), nothing else.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { po } from 'gettext-parser';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyFixture, readDom, replaceInFile, ROOT, tempDir } from '../helpers.js';

let dir: string;
let out: string;
const CHANGED = 'modules/01-integrated-approach/01-reintegration-essentials.md';

async function msgfmtCheck(file: string) {
  const r = await execa('msgfmt', ['--check', '-o', '/dev/null', file], { reject: false }).catch(() => undefined);
  if (!r) throw new Error('msgfmt is missing: apt-get install gettext (scripts/setup.sh does)');
  expect(r.exitCode, r.stderr).toBe(0);
}

/** Every message of a PO file: [msgctxt, msgid, msgstr, fuzzy]. */
async function messages(file: string) {
  const parsed = po.parse(await readFile(file));
  return Object.entries(parsed.translations).flatMap(([ctx, t]) =>
    Object.values(t).filter((e) => e.msgid !== '').map((e) => ({ ctx, id: e.msgid, str: e.msgstr[0] ?? '', fuzzy: (e.comments?.flag ?? '').includes('fuzzy'), previous: e.comments?.previous })),
  );
}

/** The values of the curriculum's vars: the views put them in as text, untranslated by design. */
let varValues: string[] = [];

/** Text of the unit bodies that still holds English words, with variable values, code and UI labels left out. */
function leftovers(document: Document): string[] {
  const out: string[] = [];
  for (const body of document.querySelectorAll('.tp-unit-body, .tp-unit-header h3, .tp-objectives li, .tp-chips li')) {
    const walker = (n: Node) => {
      if (n.nodeType === 3) {
        const t = n.textContent!.trim();
        const bare = varValues.reduce((s, v) => s.split(v).join(' '), t);
        if (/[A-Za-z]{3,}/.test(bare)) out.push(t);
        return;
      }
      const el = n as Element;
      if (el.matches?.('[data-var], code, pre, .tp-label, .tp-block-title, .tp-slide-marker, .tp-question-hint, .tp-answer-key, .tp-box, .tp-correct-mark, .tp-fallback, .tp-answer-key-label, .tp-role-played')) return;
      for (const c of el.childNodes) walker(c);
    };
    walker(body);
  }
  return out;
}

beforeAll(async () => {
  dir = await copyFixture(path.join(ROOT, 'curricula/reintegration'));
  const { vars } = parse(await readFile(path.join(dir, 'curriculum.yml'), 'utf8')) as { vars: Record<string, string> };
  varValues = Object.values(vars).map(String);
  out = await tempDir();
  const init = await cli(['overlay', 'init', 'qps', '--language', 'es', '--dir', dir]);
  expect(init.exitCode, init.stderr).toBe(0);
});

describe('translate by paragraph, end to end', () => {
  it('extracts a catalogue msgfmt accepts, fills it with the pseudo-locale, and builds it block by block', async () => {
    const ex = await cli(['translate', 'extract', 'qps', dir, '--pseudo']);
    expect(ex.exitCode, ex.stderr).toBe(0);
    const file = path.join(dir, 'overlays/qps/translation.po');
    await msgfmtCheck(file);
    const all = await messages(file);
    expect(all.length).toBeGreaterThan(500);
    expect(all.every((m) => m.str.startsWith('⟦') && !m.fuzzy)).toBe(true);
    expect(new Set(all.map((m) => m.ctx))).toContain('module:integrated-approach');

    const build = await cli(['build', dir, '--out', out, '--overlay', 'qps', '--format', 'html']);
    expect(build.exitCode, build.stderr).toBe(0);
    const base = await cli(['build', dir, '--out', out, '--format', 'html']);
    expect(base.exitCode, base.stderr).toBe(0);

    const guide = await readDom(path.join(out, 'qps/facilitator-guide.html'));
    const handout = await readDom(path.join(out, 'qps/participant-handout.html'));
    // No source text left in the translated blocks, and no block left untranslated.
    expect(leftovers(guide.document as unknown as Document)).toEqual([]);
    expect(leftovers(handout.document as unknown as Document)).toEqual([]);
    expect(guide.document.querySelectorAll('.tp-untranslated, .tp-partial').length).toBe(0);

    // Every message without Markdown syntax is found, as written, in some output page.
    const decks = await readdir(path.join(out, 'qps/slides'));
    const pages = [guide.document, handout.document, ...(await Promise.all(decks.map(async (d) => (await readDom(path.join(out, 'qps/slides', d))).document)))];
    // Quotes and spaces as the edition's typography sets them (« », no-break spaces) compare equal.
    const norm = (t: string) => t.replace(/["'«»“”„‘’‹›]/g, '"').replace(/[\s\u00a0\u202f]+/g, ' ');
    const text = norm(pages.map((d) => d.body.textContent!).join(' '));
    const plain = all.filter((m) => !/[*_`[\]<>\\&:|]/.test(m.id) && !m.ctx.startsWith('module:'));
    const missing = plain.filter((m) => !text.includes(norm(m.str)));
    expect(missing.map((m) => m.id)).toEqual([]);

    // The layout is the base edition's: the same elements in the same order in every unit body.
    const shape = (d: Document) => [...d.querySelectorAll('.tp-unit-body *')].map((e) => `${e.tagName}.${e.getAttribute('class') ?? ''}`).join(' ');
    const baseGuide = await readDom(path.join(out, 'base/facilitator-guide.html'));
    expect(shape(guide.document as unknown as Document)).toBe(shape(baseGuide.document as unknown as Document));
    // Heading ids follow the source, so links hold in every language.
    const ids = (d: Document) => [...d.querySelectorAll('.tp-unit-body [id]')].map((e) => e.id);
    expect(ids(guide.document as unknown as Document)).toEqual(ids(baseGuide.document as unknown as Document));
  }, 300_000); // two builds of the whole example

  it('one changed paragraph: exactly that message turns fuzzy, and only it falls back, marked in the guide', async () => {
    await replaceInFile(path.join(dir, CHANGED), 'everyone should use the same words for the same things.', 'everyone should use the same words for the same ideas.');
    const ex = await cli(['translate', 'extract', 'qps', dir]);
    expect(ex.exitCode, ex.stderr).toBe(0);
    const file = path.join(dir, 'overlays/qps/translation.po');
    await msgfmtCheck(file);
    const fuzzy = (await messages(file)).filter((m) => m.fuzzy);
    expect(fuzzy.map((m) => m.ctx)).toEqual(['reintegration-essentials']);
    expect(fuzzy[0]!.id).toContain('the same ideas.');
    expect(fuzzy[0]!.str).toMatch(/^⟦/);
    expect(fuzzy[0]!.previous).toContain('the same things.');
    // The obsolete copy is not kept: its translation moved to the fuzzy message.
    expect(await readFile(file, 'utf8')).not.toMatch(/^#~/m);

    const build = await cli(['build', dir, '--out', out, '--overlay', 'qps', '--format', 'html']);
    expect(build.exitCode, build.stderr).toBe(0);
    const guide = await readDom(path.join(out, 'qps/facilitator-guide.html'));
    const marked = [...guide.document.querySelectorAll('.tp-untranslated')];
    expect(marked.map((e) => e.textContent!.replace(/\s+/g, ' ').trim())).toEqual([fuzzy[0]!.id.replace(/\s+/g, ' ')]);
    expect(marked[0]!.getAttribute('lang')).toBe('en');
    expect(marked[0]!.closest('article')!.id).toBe('unit-reintegration-essentials');
    expect(marked[0]!.closest('article')!.querySelectorAll('.tp-partial').length).toBe(1);
    expect(guide.document.querySelectorAll('.tp-partial').length).toBe(1);
    // The handout shows the same passage with its language, but no facilitator marker.
    const handout = await readDom(path.join(out, 'qps/participant-handout.html'));
    expect(handout.document.querySelectorAll('.tp-partial').length).toBe(0);
    expect(handout.document.querySelectorAll('.tp-untranslated[lang="en"]').length).toBe(1);

    // check warns at the fuzzy message's place in the PO file, and does not fail.
    const check = await cli(['check', dir, '--overlay', 'qps']);
    expect(check.exitCode, check.stderr + check.stdout).toBe(0);
    expect(check.stdout + check.stderr).toMatch(/overlays\/qps\/translation\.po:\d+:\d+ warning Fuzzy translation in "reintegration-essentials"/);
    // overlay status counts it.
    const status = await cli(['overlay', 'status', 'qps', '--json', '--dir', dir]);
    expect(status.exitCode, status.stderr).toBe(0);
    const cat = (JSON.parse(status.stdout) as { catalogues: { overlay: string; total: { fuzzy: number; untranslated: number }; units: { unit: string; fuzzy: number }[] }[] }).catalogues[0]!;
    expect(cat.total.fuzzy).toBe(1);
    expect(cat.total.untranslated).toBe(0);
    expect(cat.units.filter((u) => u.fuzzy > 0).map((u) => u.unit)).toEqual(['reintegration-essentials']);
  }, 300_000);
});
