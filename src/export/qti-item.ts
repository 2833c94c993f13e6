/**
 * One question as a QTI 2.1 assessmentItem (see qti.ts for the mapping).
 */
import type { ElementContent } from 'hast';
import { extractMedia, type MediaFile } from './media.js';
import type { QuizModel, QuizQuestion } from './model.js';
import { toQtiXhtml } from './xhtml.js';
import { attrs, ncName } from './xml.js';

const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const QTI_SCHEMA = `${QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd`;
/** Namespace and schema attributes of the QTI root elements. */
export const QTI_ROOT_ATTRS = `xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_SCHEMA}"`;

/** Rounded up to 7 decimals, so shares of a total add up to at least the total. */
function roundUp(x: number): number {
  return Math.ceil(x * 1e7 - 1e-6) / 1e7;
}

/** Few binary digits (0.5, 0.25, 1): sums of such values are exact in floating point, in any order. */
const dyadic = (x: number) => Number.isInteger(x * 1024);

/**
 * Mapped values of correct and wrong options: all correct ones reach the
 * upper bound 1, all wrong ones take at least as much away. Values whose
 * sums are not exact in binary floating point (0.1 added 10 times is
 * 0.9999999999999999) get a margin of 1e-7, far above rounding error, so a
 * player adding them in any order still clamps to exactly 1 and 0.
 */
export function mapValues(right: number, wrong: number): { plus: number; minus: number } {
  let plus = roundUp(1 / right);
  if (!dyadic(plus) && plus * right - 1 < 1e-7) plus = roundUp(plus + 1e-7);
  if (!wrong) return { plus, minus: 0 };
  const total = plus * right;
  let minus = roundUp(total / wrong);
  if (!(dyadic(plus) && dyadic(minus) && minus * wrong === total)) minus = roundUp(total / wrong + 1e-7);
  return { plus, minus: -minus };
}

/** A float outcome declaration with its default value. */
export const score = (id: string, value?: number) =>
  `  <outcomeDeclaration identifier="${id}" cardinality="single" baseType="float">\n    <defaultValue>\n      <value>${value ?? 0}</value>\n    </defaultValue>\n  </outcomeDeclaration>`;

const setScore = (expr: string) => `<setOutcomeValue identifier="SCORE">${expr}</setOutcomeValue>`;
const float = (v: number) => `<baseValue baseType="float">${v}</baseValue>`;

/** Response processing: the standard template when there is no feedback, else its rules plus setting FEEDBACK. */
function processing(q: QuizQuestion): string {
  const multiple = q.kind === 'multiple';
  if (!q.feedback) return `  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/${multiple ? 'map_response' : 'match_correct'}"/>`;
  const rule = multiple
    ? `<responseIf><isNull><variable identifier="RESPONSE"/></isNull>${setScore(float(0))}</responseIf><responseElse>${setScore('<mapResponse identifier="RESPONSE"/>')}</responseElse>`
    : `<responseIf><match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>${setScore(float(1))}</responseIf><responseElse>${setScore(float(0))}</responseElse>`;
  return [
    '  <responseProcessing>',
    `    <responseCondition>${rule}</responseCondition>`,
    '    <setOutcomeValue identifier="FEEDBACK"><baseValue baseType="identifier">EXPLANATION</baseValue></setOutcomeValue>',
    '  </responseProcessing>',
  ].join('\n');
}

/** One question as an assessmentItem; images are referenced as `media/<name>` beside it. */
export function qtiItem(q: QuizQuestion, title: string, labels: QuizModel['labels']): { xml: string; media: MediaFile[] } {
  const media = new Map<string, MediaFile>();
  const xhtml = (nodes: readonly ElementContent[]) => {
    const r = extractMedia(nodes, (name) => `media/${name}`);
    for (const f of r.files) media.set(f.name, f);
    return toQtiXhtml(r.nodes);
  };
  const choice = (i: number) => `C${i + 1}`;
  const l = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<assessmentItem ${QTI_ROOT_ATTRS}${attrs({ identifier: ncName(q.id), title, adaptive: 'false', timeDependent: 'false', 'xml:lang': q.lang, toolName: 'trainpack' })}>`,
  ];
  if (q.kind === 'open') {
    l.push('  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>', score('SCORE'), score('MAXSCORE', 1));
  } else {
    const multiple = q.kind === 'multiple';
    const correct = q.options.map((o, i) => (o.correct ? `      <value>${choice(i)}</value>` : '')).filter(Boolean);
    l.push(`  <responseDeclaration identifier="RESPONSE" cardinality="${multiple ? 'multiple' : 'single'}" baseType="identifier">`, '    <correctResponse>', ...correct, '    </correctResponse>');
    if (multiple) {
      const right = q.options.filter((o) => o.correct).length;
      const wrong = q.options.length - right;
      const { plus, minus } = mapValues(right, wrong);
      l.push('    <mapping lowerBound="0" upperBound="1" defaultValue="0">');
      q.options.forEach((o, i) => l.push(`      <mapEntry mapKey="${choice(i)}" mappedValue="${o.correct ? plus : minus}"/>`));
      l.push('    </mapping>');
    }
    l.push('  </responseDeclaration>', score('SCORE'), score('MAXSCORE', 1));
    if (q.feedback) l.push('  <outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>');
  }
  l.push('  <itemBody>', `    <div>${xhtml(q.stem.nodes)}</div>`);
  if (q.kind === 'open') {
    l.push('    <extendedTextInteraction responseIdentifier="RESPONSE" expectedLines="10"/>');
    if (q.feedback) l.push('    <rubricBlock view="scorer">', `      <div>${xhtml(q.feedback.nodes)}</div>`, '    </rubricBlock>');
  } else {
    l.push(`    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="${q.kind === 'multiple' ? 0 : 1}">`);
    q.options.forEach((o, i) => l.push(`      <simpleChoice identifier="${choice(i)}">${xhtml(o.nodes)}</simpleChoice>`));
    l.push('    </choiceInteraction>');
  }
  l.push('  </itemBody>');
  if (q.kind !== 'open') l.push(processing(q));
  if (q.kind !== 'open' && q.feedback) {
    l.push(`  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="EXPLANATION" showHide="show"${attrs({ title: labels.explanation })}>`, `    <div>${xhtml(q.feedback.nodes)}</div>`, '  </modalFeedback>');
  }
  l.push('</assessmentItem>', '');
  return { xml: l.join('\n'), media: [...media.values()] };
}

