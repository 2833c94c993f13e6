/**
 * Quiz export for learning platforms (issue 7, part 4): load -> resolve ->
 * parse (src/pipeline.ts), then the question model (model.ts), then one
 * writer per format. Deterministic: the same curriculum gives the same
 * bytes (no dates, ids from unit ids and question numbers).
 */
import { Diagnostics, type Diagnostic } from '../errors.js';
import { ParseCache, prepare } from '../pipeline.js';
import { writeGift } from './gift.js';
import { buildQuizModel, type QuizModel } from './model.js';
import { writeMoodleXml } from './moodle-xml.js';
import { qtiPackage } from './qti.js';
import { zip } from '../emit/zip.js';

export type QuizFormat = 'gift' | 'moodle-xml' | 'qti';
export const QUIZ_FORMATS: readonly QuizFormat[] = ['gift', 'moodle-xml', 'qti'];

export type { QuizModel, QuizQuestion, QuizOption, QuizUnit, QuestionKind } from './model.js';
export { buildQuizModel } from './model.js';

export interface ExportQuizOptions {
  /** Curriculum folder. */
  dir: string;
  format: QuizFormat;
  /** Overlay id of the edition to export (default: the base). */
  overlay?: string;
  /** A parse cache to reuse (tests, long-lived processes). */
  cache?: ParseCache;
}

export interface ExportQuizResult {
  format: QuizFormat;
  /** GIFT and Moodle XML: UTF-8 text. QTI: a ZIP package. */
  content: string | Buffer;
  /** File name extension that suits the content (`.gift.txt`, `.xml`, `.zip`). */
  extension: string;
  edition: { id: string; language: string };
  quizzes: number;
  questions: number;
  /** Warnings found on the way (errors throw). */
  diagnostics: Diagnostic[];
}

const EXTENSIONS: Record<QuizFormat, string> = { gift: '.gift.txt', 'moodle-xml': '.xml', qti: '.zip' };

/** Write a model in a format. Problems the format finds go to `diags`. */
export function writeQuiz(model: QuizModel, format: QuizFormat, diags?: Diagnostics): string | Buffer {
  if (format === 'gift') return writeGift(model, diags);
  if (format === 'moodle-xml') return writeMoodleXml(model, diags);
  return zip(qtiPackage(model));
}

/** Export the quizzes of one edition, with what the CLI reports. Throws TrainpackError on errors. */
export async function exportQuizResult(options: ExportQuizOptions): Promise<ExportQuizResult> {
  const diags = new Diagnostics();
  const { editions } = await prepare({ dir: options.dir, overlays: options.overlay ? [options.overlay] : [], all: false }, options.cache ?? new ParseCache(), diags);
  diags.throwIfErrors();
  const prepared = editions[0];
  if (!prepared) throw new Error('internal: prepare() returned no edition');
  const { model, problems } = buildQuizModel(prepared);
  for (const p of problems) diags.add(p);
  const questions = model.quizzes.reduce((n, q) => n + q.questions.length, 0);
  if (questions === 0) {
    diags.error('quiz-format', `The ${prepared.edition.id} edition has no quiz questions to export`, { file: 'curriculum.yml' }, 'Add a unit with `type: quiz` holding an ordered list of questions (FORMAT.md "Quizzes").');
  }
  diags.throwIfErrors();
  const content = writeQuiz(model, options.format, diags);
  diags.throwIfErrors();
  return {
    format: options.format,
    content,
    extension: EXTENSIONS[options.format],
    edition: { id: prepared.edition.id, language: prepared.edition.language },
    quizzes: model.quizzes.length,
    questions,
    diagnostics: diags.warnings,
  };
}

/**
 * Export the quizzes of one edition as GIFT or Moodle XML (text) or a QTI
 * 2.1 package (a ZIP buffer). Throws TrainpackError when the curriculum has
 * errors, with every diagnostic found.
 */
export async function exportQuiz(options: ExportQuizOptions): Promise<string | Buffer> {
  return (await exportQuizResult(options)).content;
}

