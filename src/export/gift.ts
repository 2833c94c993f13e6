/**
 * GIFT, Moodle's text format for questions
 * (https://docs.moodle.org/en/GIFT_format; parser: question/format/gift/format.php).
 *
 * - `$CATEGORY: <edition title>/<module title>` before each module's questions;
 * - `::name::` from the unit title and the question number, `// [id:…]` as
 *   the question's ID number;
 * - text as `[html]`, each piece wrapped in an element carrying `lang` and
 *   `dir`, so markup survives and an Arabic question reads right to left;
 * - single choice `{=right ~wrong}`, multiple choice `{~%50%a ~%50%b ~%-100%c}`
 *   (credit.ts), true/false `{T}` / `{F}`, open questions as essays `{}`;
 * - the explanation (or an open question's model answer: GIFT has no
 *   grader information) as general feedback, `####`.
 *
 * Every special character of GIFT (`~ = # { } :` and the backslash) is
 * escaped with a backslash, and newlines as `\n`, so a question is one
 * block of lines whatever its text.
 */
import type { Diagnostics } from '../errors.js';
import { nodesToHtml, withLang, type Content } from './content.js';
import { formatWeight, optionWeights } from './credit.js';
import { hasInlineImages } from './media.js';
import type { QuizModel, QuizQuestion } from './model.js';
import { exportWarning } from './problems.js';
import { categoryName, questionName } from './names.js';
import { oneLine } from './xml.js';

/** Escape GIFT's special characters (as Moodle's own exporter does: `repchar`). */
export function escapeGift(s: string): string {
  return s.replace(/[\\~=#{}:]/g, '\\$&').replace(/\r\n?|\n/g, '\\n');
}

function text(c: Content, q: QuizQuestion, block = false): string {
  return escapeGift(nodesToHtml([withLang(c.nodes, q.lang, q.dir, block)]));
}

/** Write the model as GIFT. Problems (images GIFT cannot attach, impossible weights) go to `diags`. */
export function writeGift(model: QuizModel, diags?: Diagnostics): string {
  const out: string[] = [
    `// ${oneLine(model.curriculum.title)}${model.curriculum.version ? ` ${model.curriculum.version}` : ''}: quiz questions of the ${model.edition.id} edition (${model.edition.language}), exported by trainpack.`,
    '',
  ];
  let module: string | undefined;
  for (const quiz of model.quizzes) {
    if (quiz.module.id !== module) {
      module = quiz.module.id;
      out.push(`$CATEGORY: ${categoryName(model.edition.title)}/${categoryName(quiz.module.title)}`, '');
    }
    for (const q of quiz.questions) {
      const pieces = [q.stem, ...q.options, ...(q.feedback ? [q.feedback] : [])];
      if (pieces.some((p) => hasInlineImages(p.nodes))) {
        diags?.add(exportWarning('GIFT cannot attach images: they stay inlined as data URIs, which Moodle may remove', q.source, 'Export with --format moodle-xml to carry the images as files.'));
      }
      out.push(`// [id:${q.id}] ${q.source.file}${q.source.line ? `:${q.source.line}` : ''}`);
      const head = `::${escapeGift(questionName(quiz.title, q, quiz.questions.length))}::[html]${text(q.stem, q, true)}`;
      const general = q.feedback ? `####${text(q.feedback, q, true)}` : '';
      if (q.kind === 'open') out.push(`${head}{${general}}`);
      else if (q.kind === 'truefalse') out.push(`${head}{${q.answer ? 'T' : 'F'}${general}}`);
      else {
        out.push(`${head}{`);
        const weights = q.kind === 'multiple' ? optionWeights(q.options.map((o) => o.correct)) : undefined;
        if (q.kind === 'multiple' && !weights) diags?.error('quiz-format', 'Moodle cannot share the credit among more than 20 correct options', q.source, 'Split the question.');
        q.options.forEach((o, i) => {
          const mark = q.kind === 'single' ? (o.correct ? '=' : '~') : `~%${formatWeight(weights?.[i] ?? 0)}%`;
          out.push(`\t${mark}${text(o, q)}`);
        });
        if (general) out.push(`\t${general}`);
        out.push('}');
      }
      out.push('');
    }
  }
  return out.join('\n');
}
