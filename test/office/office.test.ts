/**
 * Editable Office files (issue 20): every .pptx and .docx is unzipped and its
 * XML read; participant files hold no facilitator text in any part; files are
 * byte-identical on re-run; LibreOffice (a real consumer) converts them to PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACILITATOR_ONLY } from '../fixtures/full-secrets.js';
import { readZip } from '../export/zip-read.js';
import { ROOT, cli, copyFixture, tempDir } from '../helpers.js';

/** Every text part of an Office file, by name. */
async function parts(file: string): Promise<Map<string, string>> {
  const entries = readZip(await readFile(file));
  return new Map([...entries].filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, b]) => [n, b.toString('utf8')]));
}

/** The text of the w:t / a:t runs of an XML part. */
const runText = (xml: string) => [...xml.matchAll(/<(?:w|a):t(?:\s[^>]*)?>([^<]*)<\/(?:w|a):t>/g)].map((m) => m[1]).join('');

describe('office files of the full fixture', () => {
  let out: string;
  beforeAll(async () => {
    const dir = await copyFixture('full');
    out = await tempDir();
    const r = await cli(['build', dir, '--out', out, '--format', 'pptx,docx']);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('writes a deck per module and the two documents', async () => {
    expect((await readdir(path.join(out, 'base/slides'))).filter((f) => f.endsWith('.pptx')).sort()).toEqual(['alpha.pptx', 'beta.pptx']);
    // The fixture has a role-play, so its role cards are a document of their own too.
    expect((await readdir(path.join(out, 'base'))).filter((f) => f.endsWith('.docx')).sort()).toEqual(['facilitator-guide.docx', 'participant-handout.docx', 'role-cards.docx']);
  });

  it('decks: native slides with speaker notes in the notes pane, never on the slide', async () => {
    const deck = await parts(path.join(out, 'base/slides/alpha.pptx'));
    const slides = [...deck.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBeGreaterThanOrEqual(3);
    const notes = [...deck].filter(([n]) => n.startsWith('ppt/notesSlides/notesSlide')).map(([, x]) => runText(x)).join(' ');
    expect(notes).toContain('SPEAKER-NOTE-SECRET');
    const faces = slides.map((n) => runText(deck.get(n)!)).join(' ');
    expect(faces).toContain('SLIDE-BULLET-ONE');
    expect(faces).not.toContain('SPEAKER-NOTE-SECRET');
    // Real bullets (a:buChar), not pictures of text; 16:9; slide numbers on the master.
    expect(slides.some((n) => /<a:buChar /.test(deck.get(n)!))).toBe(true);
    expect(deck.get('ppt/presentation.xml')).toMatch(/<p:sldSz cx="9144000" cy="5143500"/);
    expect([...deck].some(([n, x]) => n.startsWith('ppt/slideLayouts/') && /type="sldNum"/.test(x))).toBe(true);
  });

  it('documents: Word heading styles defined and used, a table of contents field, page X of Y', async () => {
    const guide = await parts(path.join(out, 'base/facilitator-guide.docx'));
    const styles = guide.get('word/styles.xml')!;
    const doc = guide.get('word/document.xml')!;
    for (const h of ['Heading1', 'Heading2']) {
      expect(styles.includes(`w:styleId="${h}"`), `style ${h} defined`).toBe(true);
      expect(doc.includes(`<w:pStyle w:val="${h}"/>`), `style ${h} used`).toBe(true);
    }
    expect(doc.includes('TOC \\h \\o &quot;1-3&quot;'), 'a TOC field').toBe(true);
    const footer = [...guide].filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, x]) => x).join('');
    expect(/PAGE/.test(footer) && /NUMPAGES/.test(footer), 'page X of Y fields').toBe(true);
    expect(runText(footer)).toContain('Page');
    // The answer key and the facilitator's notes are in the guide.
    const text = runText(doc);
    for (const s of ['FACILITATOR-ONLY-TEXT', 'SOLUTION-SECRET', 'SPEAKER-NOTE-SECRET', 'EXPLANATION-SECRET-ONE']) expect(text.includes(s), s).toBe(true);
    expect(text.includes('✓'), 'correct options marked').toBe(true);
  });

  it('role cards: every brief, for cutting out; no brief in the handout', async () => {
    const cards = runText((await parts(path.join(out, 'base/role-cards.docx'))).get('word/document.xml')!);
    expect(cards.includes('ROLE-CASEWORKER-TEXT') && cards.includes('ROLE-RETURNEE-TEXT'), 'briefs on the cards').toBe(true);
    const handout = runText((await parts(path.join(out, 'base/participant-handout.docx'))).get('word/document.xml')!);
    expect(handout.includes('ROLE-CASEWORKER-TEXT'), 'a brief in the handout').toBe(false);
  });

  it('no facilitator-only text in any part of a participant file', async () => {
    const handout = await parts(path.join(out, 'base/participant-handout.docx'));
    expect(runText(handout.get('word/document.xml')!).includes('☐'), 'quiz boxes').toBe(true);
    for (const [name, xml] of handout) for (const s of FACILITATOR_ONLY) expect(xml.includes(s), `${s} in ${name}`).toBe(false);
    for (const deck of ['alpha', 'beta']) {
      const faces = [...(await parts(path.join(out, `base/slides/${deck}.pptx`)))].filter(([n]) => n.startsWith('ppt/slides/'));
      for (const [name, xml] of faces) for (const s of FACILITATOR_ONLY) expect(xml.includes(s), `${s} on ${deck} ${name}`).toBe(false);
    }
  });

  it('same input, same bytes', async () => {
    const again = await tempDir();
    const r = await cli(['build', await copyFixture('full'), '--out', again, '--format', 'pptx,docx', '--no-cache']);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const f of ['facilitator-guide.docx', 'participant-handout.docx', 'slides/alpha.pptx', 'slides/beta.pptx']) {
      expect((await readFile(path.join(again, 'base', f))).equals(await readFile(path.join(out, 'base', f))), f).toBe(true);
    }
    const core = (await parts(path.join(out, 'base/facilitator-guide.docx'))).get('docProps/core.xml')!;
    expect(core).toContain('2000-01-01T00:00:00Z');
  });
});

describe('office files of a right-to-left edition', () => {
  let out: string;
  beforeAll(async () => {
    out = await tempDir();
    const r = await cli(['build', path.join(ROOT, 'curricula/reintegration'), '--out', out, '--overlay', 'ar', '--modules', 'integrated-approach,individual', '--format', 'pptx,docx', '--no-cache']);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('marks sections and paragraphs bidi, runs right-to-left, and keeps fallback English left-to-right', async () => {
    const doc = (await parts(path.join(out, 'ar/facilitator-guide.docx'))).get('word/document.xml')!;
    expect(/<w:sectPr[^>]*><w:bidi\/>/.test(doc), 'section bidi').toBe(true);
    expect(doc.includes('<w:rtl/>'), 'right-to-left runs').toBe(true);
    expect(/<w:lang [^>]*w:bidi="ar"/.test(doc), 'Arabic runs').toBe(true);
    // Untranslated English (modules 2+) keeps its own language and direction.
    expect(/<w:rtl w:val="false"\/><w:lang w:val="en"\/>/.test(doc), 'fallback English runs left-to-right').toBe(true);
    const deck = await parts(path.join(out, 'ar/slides/integrated-approach.pptx'));
    const slide = deck.get('ppt/slides/slide2.xml')!;
    expect(slide.includes('rtl="1"') && slide.includes('lang="ar"'), 'Arabic slide right-to-left').toBe(true);
  });
});

describe('LibreOffice opens every file (a real consumer)', () => {
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  const missing = soffice.error !== undefined || soffice.status !== 0;
  it.skipIf(missing)('converts the decks, guide and handout (base and ar) to PDF', async () => {
    const out = await tempDir();
    const dir = path.join(ROOT, 'curricula/reintegration');
    for (const edition of ['base', 'ar']) {
      const r = await cli(['build', dir, '--out', out, ...(edition === 'ar' ? ['--overlay', 'ar'] : []), '--modules', 'integrated-approach', '--format', 'pptx,docx', '--no-cache']);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    // One soffice run per edition (start-up is most of the time), each with a profile of its own.
    for (const edition of ['base', 'ar']) {
      const files = ['facilitator-guide.docx', 'participant-handout.docx', 'slides/integrated-approach.pptx'].map((f) => path.join(out, edition, f));
      const pdfDir = await mkdtemp(path.join(os.tmpdir(), `lo-${edition}-`));
      execFileSync('soffice', [`-env:UserInstallation=file://${pdfDir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...files], { stdio: 'pipe', timeout: 240_000 });
      for (const f of files) {
        const pdf = path.join(pdfDir, path.basename(f).replace(/\.(docx|pptx)$/, '.pdf'));
        const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
        expect(Number(/Pages:\s+(\d+)/.exec(info)![1]), f).toBeGreaterThan(1);
        const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
        expect(text.length, f).toBeGreaterThan(200);
      }
    }
  }, 300_000);
  it.runIf(missing)('needs LibreOffice: apt-get install libreoffice-impress libreoffice-writer (scripts/setup.sh does)', () => {
    expect(missing).toBe(true);
  });
});
