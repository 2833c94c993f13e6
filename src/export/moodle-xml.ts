/**
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format; importer:
 * question/format/xml/format.php).
 *
 * - `<question type="category">` per module: `<edition title>/<module title>`,
 *   relative to the category chosen on import; the module summary as its info;
 * - `multichoice` with `<single>true</single>` (fractions 100 / 0) or
 *   `<single>false</single>` (partial credit, credit.ts), options in the
 *   author's order (`<shuffleanswers>false`: "all of the above" stays last);
 * - `truefalse` with answers `true` / `false`;
 * - `essay` with the model answer as `<graderinfo>` (shown to graders only);
 * - the explanation as `<generalfeedback>`;
 * - HTML text in CDATA, wrapped in an element with `lang` and `dir` (Moodle
 *   XML has no language field; the edition's is named in a comment);
 *   images as `<file>`s referenced by `@@PLUGINFILE@@/<name>`.
 */
import type { Diagnostics } from '../errors.js';
import { nodesToHtml, withLang, type Content } from './content.js';
import { formatWeight, optionWeights } from './credit.js';
import { categoryName, questionName } from './names.js';
import { extractMedia } from './media.js';
import type { QuizModel, QuizQuestion } from './model.js';
import { attrs, cdata, oneLine, xmlComment, xmlText } from './xml.js';

/** `<tag format="html"><text>…</text><file…/></tag>`: HTML text with its images attached. */
function htmlField(tag: string, c: Content | undefined, q: QuizQuestion, indent: string, extra = ''): string {
  const block = tag !== 'answer';
  if (!c) return `${indent}<${tag} format="html"${extra}>\n${indent}  <text></text>\n${indent}</${tag}>`;
  const { nodes, files } = extractMedia(c.nodes, (name) => `@@PLUGINFILE@@/${name}`);
  const lines = [`${indent}<${tag} format="html"${extra}>`, `${indent}  <text>${cdata(nodesToHtml([withLang(nodes, q.lang, q.dir, block)]))}</text>`];
  for (const f of files) lines.push(`${indent}  <file${attrs({ name: f.name, path: '/', encoding: 'base64' })}>${f.data.toString('base64')}</file>`);
  lines.push(`${indent}</${tag}>`);
  return lines.join('\n');
}

function plain(tag: string, value: string | number, indent: string): string {
  return `${indent}<${tag}>${xmlText(String(value))}</${tag}>`;
}

function questionXml(q: QuizQuestion, name: string, diags?: Diagnostics): string {
  const type = q.kind === 'open' ? 'essay' : q.kind === 'truefalse' ? 'truefalse' : 'multichoice';
  const l: string[] = [
    `  <question type="${type}">`,
    `    <name>\n      <text>${xmlText(name)}</text>\n    </name>`,
    htmlField('questiontext', q.stem, q, '    '),
    htmlField('generalfeedback', q.kind === 'open' ? undefined : q.feedback, q, '    '),
    plain('defaultgrade', 1, '    '),
    plain('penalty', q.kind === 'open' ? 0 : q.kind === 'truefalse' ? 1 : 0.3333333, '    '),
    plain('hidden', 0, '    '),
    plain('idnumber', q.id, '    '),
  ];
  if (q.kind === 'open') {
    l.push(
      plain('responseformat', 'editor', '    '),
      plain('responserequired', 1, '    '),
      plain('responsefieldlines', 15, '    '),
      plain('attachments', 0, '    '),
      plain('attachmentsrequired', 0, '    '),
      htmlField('graderinfo', q.feedback, q, '    '),
      `    <responsetemplate format="html">\n      <text></text>\n    </responsetemplate>`,
    );
  } else if (q.kind === 'truefalse') {
    for (const value of [true, false]) {
      l.push(
        `    <answer fraction="${value === q.answer ? 100 : 0}" format="moodle_auto_format">`,
        `      <text>${value}</text>`,
        `      <feedback format="html">\n        <text></text>\n      </feedback>`,
        '    </answer>',
      );
    }
  } else {
    const multiple = q.kind === 'multiple';
    const weights = multiple ? optionWeights(q.options.map((o) => o.correct)) : q.options.map((o) => (o.correct ? 100 : 0));
    if (!weights) diags?.error('quiz-format', 'Moodle cannot share the credit among more than 20 correct options', q.source, 'Split the question.');
    l.push(
      plain('single', multiple ? 'false' : 'true', '    '),
      plain('shuffleanswers', 'false', '    '),
      plain('answernumbering', 'abc', '    '),
      plain('showstandardinstruction', 1, '    '),
      htmlField('correctfeedback', undefined, q, '    '),
      htmlField('partiallycorrectfeedback', undefined, q, '    '),
      htmlField('incorrectfeedback', undefined, q, '    '),
    );
    if (multiple) l.push('    <shownumcorrect/>');
    q.options.forEach((o, i) => {
      const answer = htmlField('answer', o, q, '    ', ` fraction="${formatWeight(weights?.[i] ?? 0)}"`).split('\n');
      answer.splice(answer.length - 1, 0, `      <feedback format="html">\n        <text></text>\n      </feedback>`);
      l.push(answer.join('\n'));
    });
  }
  l.push('  </question>');
  return l.join('\n');
}

/** Write the model as Moodle XML. Problems go to `diags`. */
export function writeMoodleXml(model: QuizModel, diags?: Diagnostics): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<quiz>',
    `  ${xmlComment(`${oneLine(model.curriculum.title)}${model.curriculum.version ? ` ${model.curriculum.version}` : ''}: quiz questions of the ${model.edition.id} edition, language ${model.edition.language}, exported by trainpack`)}`,
  ];
  let module: string | undefined;
  for (const quiz of model.quizzes) {
    if (quiz.module.id !== module) {
      module = quiz.module.id;
      out.push(
        '  <question type="category">',
        `    <category>\n      <text>${xmlText(`${categoryName(model.edition.title)}/${categoryName(quiz.module.title)}`)}</text>\n    </category>`,
        `    <info format="moodle_auto_format">\n      <text>${xmlText(oneLine(quiz.module.summary ?? ''))}</text>\n    </info>`,
        '  </question>',
      );
    }
    for (const q of quiz.questions) out.push(questionXml(q, questionName(quiz.title, q, quiz.questions.length), diags));
  }
  out.push('</quiz>', '');
  return out.join('\n');
}
