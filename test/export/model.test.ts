/** The question model: read from the parsed tree of real Markdown, in tiny curricula. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseAnswer, trueOption } from '../../src/export/truefalse.js';
import { FIXTURES } from '../helpers.js';
import { modelOf, quizUnit, tinyCurriculum } from './helpers.js';

describe('buildQuizModel', () => {
  it('reads the full fixture: kinds, options, explanations, model answers, in unit order', async () => {
    const { model, problems } = await modelOf(path.join(FIXTURES, 'full'));
    expect(problems).toEqual([]);
    expect(model.edition).toEqual({ id: 'base', title: 'Full fixture curriculum', language: 'en', dir: 'ltr' });
    expect(model.quizzes.map((q) => [q.module.title, q.unitId, q.questions.length])).toEqual([
      ['Beta module', 'quiz', 3],
      ['Beta module', 'selfcheck', 1],
    ]);
    const [one, two, three] = model.quizzes[0]!.questions;
    expect(one).toMatchObject({ id: 'quiz-1', number: 1, kind: 'single', lang: 'en', dir: 'ltr' });
    expect(one!.stem.text).toBe('Single choice QUESTION-ONE?');
    expect(one!.options.map((o) => [o.text, o.correct])).toEqual([['CORRECT-ONE', true], ['WRONG-ONE', false]]);
    // The "Explanation" label remark-quiz adds is not part of the feedback.
    expect(one!.feedback!.text).toBe('EXPLANATION-SECRET-ONE');
    expect(one!.source).toEqual({ file: 'modules/02-beta/02-quiz.md', line: 8, column: 1 });
    expect(two).toMatchObject({ kind: 'multiple' });
    expect(two!.feedback).toBeUndefined();
    expect(three).toMatchObject({ kind: 'open', options: [] });
    expect(three!.feedback!.html).toBe('<p>MODEL-ANSWER-SECRET</p>');
  });

  it('keeps markup, drops trainpack classes, facilitator blocks and links without a target', async () => {
    const dir = await tinyCurriculum({
      '01-q.md': quizUnit(
        [
          '1. A **bold** [web](https://example.org) and [anchor](#x) stem',
          '',
          '   :::facilitator',
          '   FACILITATOR-ONLY',
          '   :::',
          '',
          '   - [x] Yes `code`',
          '   - [ ] Maybe',
        ].join('\n'),
      ),
    });
    const { model, problems } = await modelOf(dir);
    expect(problems).toEqual([]);
    const q = model.quizzes[0]!.questions[0]!;
    expect(q.stem.html).toBe('<p>A <strong>bold</strong> <a href="https://example.org">web</a> and anchor stem</p>');
    expect(JSON.stringify(q)).not.toContain('FACILITATOR-ONLY');
    expect(JSON.stringify(q)).not.toContain('tp-');
    expect(q.options[0]!.html).toBe('Yes <code>code</code>');
    expect(q.kind).toBe('single');
  });

  it('turns a two-option true/false or yes/no question into true/false, in either order', async () => {
    const dir = await tinyCurriculum({
      '01-q.md': quizUnit(
        ['1. TF', '   - [x] True', '   - [ ] False', '2. FT', '   - [ ] False.', '   - [x] True.', '3. YN', '   - [ ] Yes', '   - [x] No', '4. Not TF', '   - [x] True', '   - [ ] Maybe'].join('\n'),
      ),
    });
    const { model } = await modelOf(dir);
    const qs = model.quizzes[0]!.questions;
    expect(qs.map((q) => [q.kind, q.answer])).toEqual([
      ['truefalse', true],
      ['truefalse', true],
      ['truefalse', false],
      ['single', undefined],
    ]);
  });

  it('reads true/false in French and Arabic editions (and base words in a unit not yet translated)', async () => {
    const fr = await modelOf(path.join(FIXTURES, 'export-i18n'), 'fr');
    const check = fr.model.quizzes.find((q) => q.unitId === 'check')!;
    expect(check.questions[0]).toMatchObject({ kind: 'truefalse', answer: false, lang: 'fr' });
    const yesno = fr.model.quizzes.find((q) => q.unitId === 'yesno')!;
    // Not translated: its text is the base language's.
    expect(yesno.questions[0]).toMatchObject({ kind: 'truefalse', answer: false, lang: 'en', dir: 'ltr' });
    const ar = await modelOf(path.join(FIXTURES, 'export-i18n'), 'ar');
    expect(ar.model.edition).toMatchObject({ language: 'ar', dir: 'rtl' });
    expect(ar.model.quizzes[0]!.questions[0]).toMatchObject({ kind: 'truefalse', answer: true, lang: 'ar', dir: 'rtl' });
    expect(ar.model.quizzes[0]!.questions[0]!.stem.text).toBe('هل السماء زرقاء؟');
    expect(ar.model.labels.explanation).toBe('الشرح');
  });

  it('reports questions a platform cannot mark, with file, line and column', async () => {
    const dir = await tinyCurriculum({
      '01-q.md': quizUnit(['1. None correct', '   - [ ] A', '   - [ ] B', '2. One option', '   - [x] Only', '3. Fine', '   - [x] A', '   - [ ] B'].join('\n')),
    });
    const { problems } = await modelOf(dir);
    expect(problems.map((p) => [p.severity, p.rule, p.file, p.line, p.column])).toEqual([
      ['error', 'quiz-format', 'modules/01-m/01-q.md', 7, 1],
      ['error', 'quiz-format', 'modules/01-m/01-q.md', 10, 1],
    ]);
    expect(problems[0]!.message).toMatch(/no correct option/);
    expect(problems[1]!.message).toMatch(/at least two options/);
  });
});

describe('true/false words', () => {
  it('normalises case, punctuation and Arabic spelling variants', () => {
    expect(normaliseAnswer(' True. ')).toBe('true');
    expect(normaliseAnswer('خَطَأ')).toBe(normaliseAnswer('خطا'));
    expect(trueOption(['Vrai', 'Faux'], 'fr')).toBe(0);
    expect(trueOption(['Falso', 'Verdadero'], 'es-MX')).toBe(1);
    expect(trueOption(['صحيح', 'خطأ'], 'ar')).toBe(0);
    expect(trueOption(['Oui', 'No'], 'fr')).toBeUndefined();
    expect(trueOption(['True', 'Faux'], 'fr')).toBeUndefined();
  });
});
