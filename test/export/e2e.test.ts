/**
 * End-to-end: `trainpack export quiz` through the built CLI (run
 * `npm run build` first), on the full fixture, the Arabic edition of the
 * overlays fixture and the export-i18n fixture, in every format. Outputs
 * are parsed, not snapshotted.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture, FIXTURES, tempDir } from '../helpers.js';
import { expatProblem, hasExpat, quizUnit, readGiftLikeMoodle, readZip, tinyCurriculum, xmlProblem } from './helpers.js';

function xml(text: string) {
  expect(xmlProblem(text)).toBeUndefined();
  if (hasExpat) expect(expatProblem(text)).toBeUndefined();
  return new DOMParser().parseFromString(text, 'text/xml');
}

async function qti(args: string[]) {
  const out = path.join(await tempDir(), 'quiz.zip');
  const r = await cli(['export', 'quiz', ...args, '--format', 'qti', '--out', out]);
  expect(r.exitCode, r.stderr).toBe(0);
  const files = readZip(await readFile(out));
  for (const [name, data] of files) if (name.endsWith('.xml')) xml(data.toString('utf8'));
  return { files, r, out, doc: (name: string) => new DOMParser().parseFromString(files.get(name)!.toString('utf8'), 'text/xml') };
}

describe('trainpack export quiz (full fixture)', () => {
  const dir = path.join(FIXTURES, 'full');

  it('gift: one category, every question, readable by Moodle\'s rules', async () => {
    const r = await cli(['export', 'quiz', dir, '--format', 'gift']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('4 questions from 2 quiz units as gift');
    const read = readGiftLikeMoodle(r.stdout);
    expect(read.map((q) => q.category ?? `${q.qtype}:${q.idnumber}`)).toEqual([
      'Full fixture curriculum/Beta module',
      'multichoice:quiz-1',
      'multichoice:quiz-2',
      'essay:quiz-3',
      'multichoice:selfcheck-1',
    ]);
    expect(read[1]!.answers!.map((a) => a.fraction)).toEqual([1, 0]);
    expect(read[2]!.answers!.map((a) => a.fraction)).toEqual([0.5, 0.5, -1]);
    expect(read[1]!.generalfeedback).toContain('EXPLANATION-SECRET-ONE');
    expect(read[3]!.generalfeedback).toContain('MODEL-ANSWER-SECRET');
  });

  it('moodle-xml: well formed, a category and four questions', async () => {
    const r = await cli(['export', 'quiz', dir, '--format', 'moodle-xml']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = xml(r.stdout);
    expect([...doc.querySelectorAll('question')].map((q) => (q as Element).getAttribute('type'))).toEqual(['category', 'multichoice', 'multichoice', 'essay', 'multichoice']);
    expect(doc.querySelector('question[type="essay"] graderinfo text')!.textContent).toContain('MODEL-ANSWER-SECRET');
  });

  it('qti: a package with a manifest, a test and one item per question', async () => {
    const { files, doc } = await qti([dir]);
    expect([...files.keys()]).toEqual(['imsmanifest.xml', 'assessment.xml', 'items/quiz-1.xml', 'items/quiz-2.xml', 'items/quiz-3.xml', 'items/selfcheck-1.xml']);
    expect(doc('items/quiz-3.xml').querySelector('extendedTextInteraction')).not.toBeNull();
    expect(doc('items/quiz-2.xml').querySelector('choiceInteraction')!.getAttribute('maxChoices')).toBe('0');
  });

  it('writes --out atomically (nothing left beside it) and the same bytes every time', async () => {
    const a = await qti([dir]);
    const b = await qti([dir]);
    expect((await readFile(a.out)).equals(await readFile(b.out))).toBe(true);
    expect(a.r.stdout).toBe('');
    expect(await readdir(path.dirname(a.out))).toEqual(['quiz.zip']);
  });
});

describe('trainpack export quiz --overlay ar', () => {
  it('overlays fixture: the edition is Arabic; its untranslated quiz stays marked English', async () => {
    const dir = path.join(FIXTURES, 'overlays');
    const gift = await cli(['export', 'quiz', dir, '--overlay', 'ar', '--format', 'gift']);
    expect(gift.exitCode, gift.stderr).toBe(0);
    expect(gift.stderr).toContain('ar (ar): 1 question');
    expect(gift.stdout).toContain('$CATEGORY: إعادة الإدماج/More module');
    expect(gift.stdout).toContain('edition (ar)');
    expect(gift.stdout).toContain('<div lang\\="en" dir\\="ltr">BASE-QUESTION?</div>');
    const moodle = await cli(['export', 'quiz', dir, '--overlay', 'ar', '--format', 'moodle-xml']);
    expect(moodle.exitCode, moodle.stderr).toBe(0);
    expect(xml(moodle.stdout).querySelector('category text')!.textContent).toBe('إعادة الإدماج/More module');
    expect(moodle.stdout).toContain('language ar');
    const { doc } = await qti([dir, '--overlay', 'ar']);
    expect(doc('imsmanifest.xml').querySelector('general > language')!.textContent).toBe('ar');
    expect(doc('imsmanifest.xml').querySelector('general > title > string')!.getAttribute('language')).toBe('ar');
    expect(doc('items/quiz-1.xml').querySelector('assessmentItem')!.getAttribute('xml:lang')).toBe('en');
  });

  it('translated quiz: Arabic text in UTF-8, lang ar and right to left, true/false found', async () => {
    const dir = path.join(FIXTURES, 'export-i18n');
    const gift = await cli(['export', 'quiz', dir, '--overlay', 'ar', '--format', 'gift']);
    expect(gift.exitCode, gift.stderr).toBe(0);
    const read = readGiftLikeMoodle(gift.stdout);
    expect(read[1]).toMatchObject({ qtype: 'truefalse', correctanswer: true, questiontext: '<div lang="ar" dir="rtl">هل السماء زرقاء؟</div>' });
    const moodle = await cli(['export', 'quiz', dir, '--overlay', 'ar', '--format', 'moodle-xml']);
    const doc = xml(moodle.stdout);
    expect(doc.querySelector('question[type="truefalse"] questiontext text')!.textContent).toBe('<div lang="ar" dir="rtl">هل السماء زرقاء؟</div>');
    expect(doc.querySelector('question[type="essay"] graderinfo text')!.textContent).toContain('AR-MODEL إجابة نموذجية.');
    const { doc: item } = await qti([dir, '--overlay', 'ar']);
    expect(item('items/check-1.xml').querySelector('assessmentItem')!.getAttribute('xml:lang')).toBe('ar');
    expect(item('items/check-2.xml').querySelector('simpleChoice')!.textContent).toBe('أحمر');
  });

  it('French: Vrai/Faux becomes true/false', async () => {
    const r = await cli(['export', 'quiz', path.join(FIXTURES, 'export-i18n'), '--overlay', 'fr', '--format', 'moodle-xml']);
    expect(r.exitCode, r.stderr).toBe(0);
    const tf = xml(r.stdout).querySelector('question[type="truefalse"]')!;
    // "Vrai" is wrong, "Faux" right: the answer is false.
    expect([...tf.querySelectorAll('answer')].map((a) => [(a as Element).getAttribute('fraction'), a.querySelector('text')!.textContent])).toEqual([
      ['0', 'true'],
      ['100', 'false'],
    ]);
    expect(tf.querySelector('generalfeedback text')!.textContent).toContain("FR-EXPLICATION : c'est l'inverse, à vérifier.");
  });
});

describe('trainpack export quiz: errors', () => {
  it('a question without a correct option fails with its place', async () => {
    const dir = await tinyCurriculum({ '01-q.md': quizUnit('1. Which?\n   - [ ] A\n   - [ ] B') });
    const r = await cli(['export', 'quiz', dir, '--format', 'moodle-xml']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('modules/01-m/01-q.md:7:1 error This question has no correct option');
  });

  it('qti needs --out; formats and overlays are checked', async () => {
    const dir = path.join(FIXTURES, 'full');
    const q = await cli(['export', 'quiz', dir, '--format', 'qti']);
    expect(q.exitCode).toBe(2);
    expect(q.stderr).toContain('--out');
    const f = await cli(['export', 'quiz', dir, '--format', 'docx']);
    expect(f.exitCode).toBe(2);
    expect(f.stderr).toContain('gift, moodle-xml, qti');
    const o = await cli(['export', 'quiz', dir, '--format', 'gift', '--overlay', 'nope']);
    expect(o.exitCode).toBe(1);
    expect(o.stderr).toContain('No overlay "nope"');
  });

  it('a curriculum without quizzes is an error, and --out keeps a previous file', async () => {
    const dir = await copyFixture('overlays');
    const out = path.join(await tempDir(), 'keep.xml');
    const ok = await cli(['export', 'quiz', dir, '--format', 'moodle-xml', '--out', out]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    const before = await readFile(out, 'utf8');
    const empty = await tinyCurriculum({ '01-s.md': '---\ntitle: S\nduration: 5\n---\n\nText.\n' });
    const r = await cli(['export', 'quiz', empty, '--format', 'moodle-xml', '--out', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('no quiz questions');
    expect(await readFile(out, 'utf8')).toBe(before);
  });
});
