/**
 * The question model every writer reads: one edition's quiz units, read
 * from the structure remark-quiz marked in the parsed tree
 * (`ol.tp-quiz > li.tp-question.tp-single|tp-multiple|tp-open`, options
 * `li.tp-option[.tp-correct]`, explanations `div.tp-explanation`).
 * Pure: problems are returned, not thrown.
 */
import { localize } from '../views/localize.js';
import type { Element, ElementContent, Root } from 'hast';
import { diag, type Diagnostic } from '../errors.js';
import type { Unit } from '../model.js';
import { directionOf, type Edition } from '../resolve/edition.js';
import { findAll, hasClass } from '../views/tree.js';
import { contentOf, isEmpty, type Content } from './content.js';
import { trueOption } from './truefalse.js';

/** `truefalse` is a single-choice question whose two options read as true and false. */
export type QuestionKind = 'single' | 'multiple' | 'truefalse' | 'open';

/** One option of a choice question. */
export interface QuizOption extends Content {
  correct: boolean;
}

/** One question: an item of a quiz unit's ordered list. */
export interface QuizQuestion {
  /** Stable across runs and editions: `<unit id>-<number>`. */
  id: string;
  /** 1-based position in its unit. */
  number: number;
  kind: QuestionKind;
  stem: Content;
  /** Choice questions: the options in the author's order. Open questions: none. */
  options: QuizOption[];
  /** True/false questions: the right answer. */
  answer?: boolean;
  /** The explanation (choice questions) or the model answer (open questions). */
  feedback?: Content;
  /** Language and direction of the text (a unit not yet translated keeps the base language). */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Where the question is written (file relative to the curriculum, line, column). */
  source: { file: string; line?: number; column?: number };
}

/** One quiz unit and its questions. */
export interface QuizUnit {
  module: { id: string; title: string; summary?: string };
  unitId: string;
  title: string;
  questions: QuizQuestion[];
}

/** Everything the writers need, for one edition. */
export interface QuizModel {
  curriculum: { id: string; title: string; version?: string };
  edition: { id: string; title: string; language: string; dir: 'ltr' | 'rtl' };
  /** UI words in the edition's language. */
  labels: { explanation: string; modelAnswer: string };
  quizzes: QuizUnit[];
}

/** What the model is built from: a prepared edition (src/pipeline.ts). */
export interface ModelInput {
  edition: Edition;
  strings: Record<string, string>;
  parsed: Map<Unit, { readonly tree: Root }>;
}

const elements = (nodes: readonly ElementContent[]) => nodes.filter((n): n is Element => n.type === 'element');

/** The language a unit's text is in: a fallback unit never touched by an overlay is in the base language. */
function textLanguage(edition: Edition, unit: Unit): string {
  return unit.fallback && unit.provenance.length === 1 ? edition.curriculum.language : edition.language;
}

/** Build the model of an edition's quizzes. */
export function buildQuizModel(input: ModelInput): { model: QuizModel; problems: Diagnostic[] } {
  const { edition, strings, parsed } = input;
  const problems: Diagnostic[] = [];
  const quizzes: QuizUnit[] = [];
  for (const module of edition.modules) {
    for (const unit of module.units) {
      const raw = unit.type === 'quiz' ? parsed.get(unit)?.tree : undefined;
      if (!raw) continue;
      const tree = localize(raw, strings, edition.vars);
      const lang = textLanguage(edition, unit);
      const items = findAll(tree, (el) => hasClass(el, 'tp-quiz')).flatMap((ol) => elements(ol.children).filter((li) => hasClass(li, 'tp-question')));
      const questions = items.map((li, i) => question(li, i + 1, unit, lang, problems));
      if (questions.length) {
        quizzes.push({ module: { id: module.id, title: module.title, summary: module.summary }, unitId: unit.id, title: unit.title, questions });
      }
    }
  }
  const c = edition.curriculum;
  return {
    model: {
      curriculum: { id: c.id, title: c.title, version: c.version },
      edition: { id: edition.id, title: edition.title, language: edition.language, dir: edition.dir },
      labels: { explanation: strings.explanation ?? 'Explanation', modelAnswer: strings.model_answer ?? 'Model answer' },
      quizzes,
    },
    problems,
  };
}

function question(li: Element, number: number, unit: Unit, lang: string, problems: Diagnostic[]): QuizQuestion {
  const start = li.position?.start;
  const source = { file: unit.source.rel, line: start?.line, column: start?.column };
  const fail = (message: string, hint: string) => problems.push(diag('error', 'quiz-format', message, source, hint));
  const children = li.children;
  const optionList = elements(children).find((el) => hasClass(el, 'tp-options'));
  const explanations = elements(children).filter((el) => hasClass(el, 'tp-explanation'));
  const stem = contentOf(children.filter((n) => n !== optionList && !explanations.includes(n as Element)));
  // The first child of an explanation is the label remark-quiz added ("Explanation", "Model answer").
  const feedbackNodes = explanations.flatMap((ex) => {
    const label = elements(ex.children).find((el) => hasClass(el, 'tp-label'));
    return ex.children.filter((n) => n !== label);
  });
  const feedback = feedbackNodes.length ? contentOf(feedbackNodes) : undefined;
  const options: QuizOption[] = optionList
    ? elements(optionList.children).filter((o) => hasClass(o, 'tp-option')).map((o) => ({ ...contentOf(o.children), correct: hasClass(o, 'tp-correct') }))
    : [];

  if (isEmpty(stem)) fail('This question has no text to export', 'Write the question on the list item, before its options.');
  let kind: QuestionKind = hasClass(li, 'tp-open') ? 'open' : options.filter((o) => o.correct).length > 1 ? 'multiple' : 'single';
  let answer: boolean | undefined;
  if (kind !== 'open') {
    if (!options.some((o) => o.correct)) fail('This question has no correct option, so a learning platform cannot mark it', 'Mark the correct option(s) with [x].');
    if (options.length < 2) fail('A choice question needs at least two options to export', 'Add options, or remove the task list to make it an open question.');
    if (kind === 'single' && options.length === 2) {
      const t = trueOption([options[0]!.text, options[1]!.text], lang);
      if (t !== undefined) {
        kind = 'truefalse';
        answer = options[t]!.correct;
      }
    }
  }
  return {
    id: `${unit.id}-${number}`,
    number,
    kind,
    stem,
    options,
    ...(answer !== undefined ? { answer } : {}),
    ...(feedback && !isEmpty(feedback) ? { feedback } : {}),
    lang,
    dir: directionOf(lang),
    source,
  };
}
