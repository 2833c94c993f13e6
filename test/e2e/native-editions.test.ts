/**
 * End-to-end (issue 16): editions that read as native. On a copy of the
 * bundled example:
 * - the ar edition: every untranslated unit's container says lang="en"
 *   dir="ltr", in the HTML pages, the deck and the PDF's tag tree (/Lang);
 *   with `numbers: native`, the PDF footer, its contents, the slide counters
 *   and the agenda are in Arabic-Indic digits;
 * - bn and km editions (overlays written here, no translated unit): no
 *   English UI label outside the English content they fall back to;
 * - a French overlay with its own `workshop:` block: its break labels, an
 *   unlabelled break named in French, 24-hour times.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyFixture, readDom, replaceInFile, ROOT, tempDir } from '../helpers.js';

let dir: string;
let out: string;
const page = (edition: string, rel: string) => readDom(path.join(out, edition, rel));
const ARABIC_INDIC = /[٠-٩]/;

/** Units of a module the ar overlay has no file for (they fall back to English). */
async function untranslated(moduleDir: string): Promise<string[]> {
  const base = (await readdir(path.join(dir, 'modules', moduleDir))).filter((f) => f.endsWith('.md'));
  const ar = await readdir(path.join(dir, 'overlays/ar/modules', moduleDir)).catch(() => [] as string[]);
  return base.filter((f) => !ar.includes(f));
}

/** Every structure element of a PDF's tag tree with its /S and /Lang. */
function tagLanguages(file: string, doc: PDFDocument): { type: string; lang: string }[] {
  const found: { type: string; lang: string }[] = [];
  const walk = (node: PDFObject | undefined, depth: number) => {
    if (!(node instanceof PDFDict) || depth > 300) return;
    const lang = node.lookup(PDFName.of('Lang'));
    if (lang instanceof PDFString || lang instanceof PDFHexString) found.push({ type: String(node.lookup(PDFName.of('S'))), lang: lang.decodeText() });
    const kids = node.lookup(PDFName.of('K'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i), depth + 1);
    else walk(kids, depth + 1);
  };
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  expect(root, `${file} is tagged`).toBeInstanceOf(PDFDict);
  walk(root, 0);
  return found;
}

const pdfText = (file: string, first?: number, last?: number) =>
  execFileSync('pdftotext', [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), '-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  dir = await copyFixture(path.join(ROOT, 'curricula/reintegration'));
  out = await tempDir();
  // Arabic-Indic digits for the ar edition; Bengali and Khmer editions with no unit translated.
  await replaceInFile(path.join(dir, 'overlays/ar/overlay.yml'), 'language: ar\n', 'language: ar\nnumbers: native\n');
  for (const [id, title, workshop] of [
    ['bn', 'পুনর্একীকরণ সহায়তা', 'workshop:\n  breaks:\n    - { at: "10:30", minutes: 15 }\n    - { at: "12:30", minutes: 60, label: দুপুরের খাবার }\n'],
    ['km', 'ជំនួយដល់ការធ្វើសមាហរណកម្មឡើងវិញ', ''],
  ]) {
    await mkdir(path.join(dir, 'overlays', id!), { recursive: true });
    await writeFile(path.join(dir, 'overlays', id!, 'overlay.yml'), `id: ${id}\ntitle: ${title}\nlanguage: ${id}\n${workshop}`);
  }
  // A French edition of its own with a translated workshop day (day_end kept from the base).
  await mkdir(path.join(dir, 'overlays/fr-ws'), { recursive: true });
  await writeFile(
    path.join(dir, 'overlays/fr-ws/overlay.yml'),
    'id: fr-ws\nextends: fr\nlanguage: fr\nworkshop:\n  day_start: "08:30"\n  breaks:\n    - { at: "10:15", minutes: 15, label: Pause café }\n    - { at: "12:45", minutes: 75, label: Déjeuner }\n    - { at: "15:30", minutes: 15 }\n',
  );
  const html = await cli(['build', dir, '--out', out, '--overlay', 'bn', '--overlay', 'km', '--overlay', 'fr-ws', '--no-cache', '-q']);
  expect(html.exitCode, html.stderr).toBe(0);
  // The ar edition in PDF too: two modules (one translated, one not) keep it quick.
  const pdf = await cli(['build', dir, '--out', out, '--overlay', 'ar', '--modules', 'integrated-approach,individual', '--format', 'html,pdf', '--no-cache', '-q']);
  expect(pdf.exitCode, pdf.stderr).toBe(0);
}, 240_000);

describe('fallback content keeps its own language (ar edition)', () => {
  it('every untranslated unit is lang="en" dir="ltr" in the guide and the handout; translated ones inherit ar', async () => {
    const english = (await untranslated('02-individual')).length;
    expect(english).toBeGreaterThan(0);
    for (const rel of ['facilitator-guide.html', 'participant-handout.html']) {
      const { document } = await page('ar', rel);
      expect(document.documentElement.getAttribute('lang')).toBe('ar');
      expect(document.documentElement.getAttribute('dir')).toBe('rtl');
      const fallback = [...document.querySelectorAll('#module-individual article.tp-unit')];
      expect(fallback).toHaveLength(english);
      for (const a of fallback) expect([a.id, a.getAttribute('lang'), a.getAttribute('dir')]).toEqual([a.id, 'en', 'ltr']);
      for (const a of document.querySelectorAll('#module-integrated-approach article.tp-unit')) expect(a.hasAttribute('lang'), a.id).toBe(false);
      // The module's English title too, in the contents and its header.
      expect(document.querySelector('#module-individual-title')!.getAttribute('lang')).toBe('en');
    }
    // The guide still says what is untranslated, in Arabic, marked as Arabic inside the English unit.
    const { document } = await page('ar', 'facilitator-guide.html');
    const marks = [...document.querySelectorAll('#module-individual .tp-fallback')];
    expect(marks).toHaveLength(english);
    for (const m of marks) expect([m.getAttribute('lang'), m.getAttribute('dir')]).toEqual(['ar', 'rtl']);
  });

  it('the slides of untranslated units and agenda entries carry lang="en" dir="ltr"', async () => {
    const { document } = await page('ar', 'slides/individual.html');
    const inner = [...document.querySelectorAll('.tp-slide-content .tp-slide-inner, .tp-slide-unit .tp-slide-inner')];
    expect(inner.length).toBeGreaterThan(0);
    for (const s of inner) expect([s.getAttribute('lang'), s.getAttribute('dir')]).toEqual(['en', 'ltr']);
    const translated = (await page('ar', 'slides/integrated-approach.html')).document;
    for (const s of translated.querySelectorAll('.tp-slide-inner')) expect(s.hasAttribute('lang')).toBe(false);
    const index = (await page('ar', 'index.html')).document;
    const entries = [...index.querySelectorAll('.tp-agenda a[href*="#unit-"] bdi')];
    const englishEntries = entries.filter((b) => b.getAttribute('lang') === 'en');
    expect(englishEntries).toHaveLength((await untranslated('02-individual')).length);
    for (const b of englishEntries) expect(b.getAttribute('dir')).toBe('ltr');
  });

  it('the PDF tag tree says /Lang (en) on every untranslated unit, and the deck on its slides', async () => {
    const guide = path.join(out, 'ar/facilitator-guide.pdf');
    const doc = await PDFDocument.load(readFileSync(guide), { updateMetadata: false });
    expect((doc.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('ar');
    const tags = tagLanguages(guide, doc);
    expect(tags.filter((t) => t.type === '/Art' && t.lang === 'en')).toHaveLength((await untranslated('02-individual')).length);
    const deck = path.join(out, 'ar/slides/individual.pdf');
    const deckTags = tagLanguages(deck, await PDFDocument.load(readFileSync(deck), { updateMetadata: false }));
    expect(deckTags.filter((t) => t.lang === 'en').length).toBeGreaterThanOrEqual(5);
  });
});

describe('pack documents keep the language of what they hold (ar)', () => {
  it('role cards and test sections of untranslated units are lang="en" dir="ltr"', async () => {
    const { prepare } = await import('../../src/pipeline.js');
    const { packPages } = await import('../../src/pack/pages.js');
    const { roleCardsPage } = await import('../../src/render/role-cards.js');
    const prepared = await prepare({ dir, overlays: ['ar'], modules: ['integrated-approach', 'individual'] });
    const pages = packPages(prepared.editions[0]!, { participants: 10 });
    // Role cards are a page of the edition (role-cards.html), which the pack carries.
    const cards = parseHTML(roleCardsPage(prepared.editions[0]!)!.html).document.querySelectorAll('.tp-rc');
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect([c.getAttribute('lang'), c.getAttribute('dir')]).toEqual(['en', 'ltr']);
    const quizzes = [...parseHTML(pages.files.get('pack/knowledge-test.html')!).document.querySelectorAll('.tp-test-quiz')];
    expect(quizzes.map((q) => q.getAttribute('lang'))).toEqual([null, 'en']);
  });
});

describe('numbers: native (ar)', () => {
  it('page numbers in the PDF contents are Arabic-Indic', () => {
    const guide = path.join(out, 'ar/facilitator-guide.pdf');
    // Each entry of the contents carries its page number, in Arabic-Indic digits (pdftotext puts it at either end).
    const lines = pdfText(guide, 1, 4).split('\n');
    // Contents entries carry the unit number (٢.١); the agenda's entries do not.
    const entries = lines.filter((l) => /Case management for reintegration|Needs and vulnerability assessment/.test(l) && l.includes('٢.'));
    expect(entries).toHaveLength(2);
    for (const l of entries) {
      expect(l).toMatch(/[٠-٩]+\u202C?\s*(\u202C|$)|^[\s\u202A\u202B]*[٠-٩]+/u);
      expect(l.replace(/[٠-٩]/g, '')).not.toMatch(/[0-9]{2}/);
    }
  });

  // The footer's page counter comes from Chromium's header/footer templates until the
  // running footer is drawn with CSS page counters (issue 15), which take the counter
  // style of render/locale.ts counterStyle(); expected to fail until then.
  it('page numbers in the PDF footer are Arabic-Indic', () => {
    const guide = path.join(out, 'ar/facilitator-guide.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [guide], { encoding: 'utf8' }))![1]);
    const last = pdfText(guide, pages, pages);
    const total = new Intl.NumberFormat('ar', { numberingSystem: 'arab', useGrouping: false }).format(pages);
    expect(last).toContain(total);
    expect(last).not.toMatch(new RegExp(`\\b${pages}\\b`));
  });

  it('slide counters and the agenda use Arabic-Indic digits', async () => {
    const { document } = await page('ar', 'slides/individual.html');
    const numbers = [...document.querySelectorAll('.tp-slide-number')].map((n) => n.textContent!);
    expect(numbers[0]).toMatch(/^١ \/ [٠-٩]+$/);
    expect(document.querySelector('#deck')!.getAttribute('data-digits')).toBe('٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩');
    const index = (await page('ar', 'index.html')).document;
    const times = [...index.querySelectorAll('.tp-agenda .tp-time')].map((t) => t.textContent!);
    expect(times.length).toBeGreaterThan(3);
    for (const t of times) expect(t).not.toMatch(/[0-9]/);
    expect(times[0]).toMatch(ARABIC_INDIC);
    expect(index.querySelector('.tp-agenda-day h3')!.textContent).toMatch(/١/);
    // The guide's "Slide N" markers and unit numbers too.
    const guide = (await page('ar', 'facilitator-guide.html')).document;
    const markers = [...guide.querySelectorAll('.tp-slide-label')].map((p) => p.textContent!);
    expect(markers.length).toBeGreaterThan(3);
    for (const m of markers) expect(m).toMatch(/^\S+ [٠-٩]+ — /);
    expect(guide.querySelector('#unit-case-management-title')!.textContent).toMatch(/^٢\.١ /);
  });
});

describe('Bengali and Khmer editions print no English UI label', () => {
  // What a trainer would see in English if a catalogue were missing.
  const LABELS = ['By the end of this unit', 'Facilitator notes', 'Facilitator guide', 'Participant handout', 'Exercise', 'Answer key', 'Speaker notes', 'Contents', 'Agenda', 'Materials to prepare', 'Skip to content', 'Made with trainpack', 'Slide decks', 'Previous slide', 'Presenter view', 'Role card', 'Debrief', 'Model answer', 'Choose one answer', 'Not yet translated', 'minutes', 'Day 1', 'Search the units', 'Break'];

  /** The page's text outside content that says it is English (lang="en"), scripts and styles left out. */
  const ownText = (document: Document) => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of [...body.querySelectorAll('[lang="en"], script, style')]) el.remove();
    return `${document.title} ${body.textContent} ${[...body.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join(' ')}`.replace(/\s+/g, ' ');
  };

  it.each(['bn', 'km'])('%s: guide, handout, index and decks', async (edition) => {
    const pages = ['facilitator-guide.html', 'participant-handout.html', 'index.html', ...(await readdir(path.join(out, edition, 'slides'))).map((f) => `slides/${f}`)];
    for (const rel of pages) {
      const { document } = await page(edition, rel);
      expect(document.documentElement.getAttribute('lang')).toBe(edition);
      const text = ownText(document);
      for (const label of LABELS) expect(text, `${edition}/${rel} says "${label}"`).not.toContain(label);
    }
    // Labels inside English units are the edition's too.
    const guide = readFileSync(path.join(out, edition, 'facilitator-guide.html'), 'utf8');
    const strings = JSON.parse(readFileSync(path.join(ROOT, `templates/strings/${edition}.json`), 'utf8')) as Record<string, string>;
    expect(guide).toContain(strings.facilitator_notes);
    expect(guide).toContain(strings.answer_key);
  });

  it('a break without a label is named in the edition\'s language; labels from curriculum.yml keep lang="en"', async () => {
    const bn = (await page('bn', 'index.html')).document;
    const breaks = [...bn.querySelectorAll('.tp-agenda-break td:last-child')].map((td) => td.textContent!.trim());
    expect(breaks).toContain('বিরতি');
    expect(breaks).toContain('দুপুরের খাবার');
    const km = (await page('km', 'index.html')).document;
    const english = [...km.querySelectorAll('.tp-agenda-break bdi')];
    expect(english.length).toBeGreaterThan(0);
    for (const b of english) expect(b.getAttribute('lang')).toBe('en');
  });
});

describe('a French overlay with its own workshop day', () => {
  it('prints its break labels, an unlabelled break as "Pause" and 24-hour times', async () => {
    const { document } = await page('fr-ws', 'index.html');
    const rows = [...document.querySelectorAll('.tp-agenda-day')[0]!.querySelectorAll('tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toMatch(/^08:30–/);
    const breaks = [...document.querySelectorAll('.tp-agenda-break td:last-child')].map((td) => td.textContent!.trim());
    expect(breaks).toContain('Pause café');
    expect(breaks).toContain('Déjeuner');
    expect(breaks).toContain('Pause');
    expect(breaks).not.toContain('Coffee break');
    expect(breaks).not.toContain('Lunch');
    const times = [...document.querySelectorAll('.tp-agenda .tp-time')].map((t) => t.textContent!);
    expect(times.some((t) => /1[3-6]:\d\d/.test(t))).toBe(true);
    for (const t of times) expect(t).not.toMatch(/AM|PM/);
    // Materials joined as French joins a list, with "et" before the last.
    expect(document.querySelector('.tp-agenda-materials')!.textContent).toMatch(/ et [^,]+$/);
    expect(document.querySelector('.tp-agenda-materials strong')!.textContent).toBe('Matériel à préparer\u202F:');
  });
});
