/** Small hand-built question models for the writer tests. */
import type { ElementContent } from 'hast';
import { contentOf, type Content } from '../../src/export/content.js';
import type { QuizModel, QuizQuestion } from '../../src/export/model.js';

export const t = (value: string): ElementContent => ({ type: 'text', value });
export const el = (tagName: string, children: ElementContent[], properties: Record<string, string> = {}): ElementContent => ({ type: 'element', tagName, properties, children });
export const c = (...nodes: (ElementContent | string)[]): Content => contentOf(nodes.map((n) => (typeof n === 'string' ? t(n) : n)));

/** The nastiest text each format must carry: GIFT's specials, XML's, a CDATA end, a backslash, a newline in code. */
export const SPECIAL = 'a { b } = c ~ d # e : f \\ g < h & i > j ]]> k "l" \'m\'';

let n = 0;
export function question(partial: Partial<QuizQuestion> & Pick<QuizQuestion, 'kind'>): QuizQuestion {
  n++;
  return {
    id: `u-${n}`,
    number: n,
    stem: c(`Question ${n}`),
    options: [],
    lang: 'en',
    dir: 'ltr',
    source: { file: 'modules/01-m/01-u.md', line: n, column: 1 },
    ...partial,
  };
}

export const opt = (text: string, correct: boolean) => ({ ...c(text), correct });

export function model(questions: QuizQuestion[], edition: Partial<QuizModel['edition']> = {}): QuizModel {
  return {
    curriculum: { id: 'cur', title: 'Curriculum / with slash', version: '1.0.0' },
    edition: { id: 'base', title: 'Curriculum / with slash', language: 'en', dir: 'ltr', ...edition },
    labels: { explanation: 'Explanation', modelAnswer: 'Model answer' },
    quizzes: [{ module: { id: 'm', title: 'Module: one', summary: 'S & T' }, unitId: 'u', title: 'Unit {1}', questions }],
  };
}
