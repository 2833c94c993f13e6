/**
 * IMS QTI 2.1 (https://www.imsglobal.org/question/qtiv2p1/imsqti_infov2p1.html):
 * one assessmentItem per question, packaged as an IMS Content Package.
 *
 * - choice questions (true/false too) -> `choiceInteraction`, author's order
 *   (`shuffle="false"`), `maxChoices` 1 (single) or 0 (multiple);
 * - single: `correctResponse`, scored 1 or 0 (the `match_correct` rules);
 * - multiple: `mapping` for partial credit: correct options share 1, wrong
 *   ones take 1 away in all, bounded to 0..1 (the `map_response` rules);
 * - open questions -> `extendedTextInteraction`, scored by a person; the
 *   model answer in a `rubricBlock` for scorers;
 * - the explanation -> `modalFeedback`, shown after every response;
 * - `xml:lang` on each item; images as files beside the items.
 *
 * The package: imsmanifest.xml, assessment.xml (an assessmentTest with one
 * section per module holding one per quiz unit, so the structure survives),
 * items/<id>.xml and items/media/<hash>.<ext>. Trainpack ids are lower case,
 * so the upper-case prefixes of section and resource ids cannot collide.
 */
import type { QuizModel } from './model.js';
import { questionName } from './names.js';
import { qtiItem, QTI_ROOT_ATTRS, score } from './qti-item.js';
import { attrs, ncName, oneLine, xmlText } from './xml.js';

export { qtiItem, mapValues } from './qti-item.js';

/** The files of the package, in a fixed order (manifest first), by path inside it. */
export function qtiPackage(model: QuizModel): Map<string, string | Buffer> {
  const items = new Map<string, string | Buffer>();
  const media = new Map<string, Buffer>();
  const resources: string[] = [];
  const resourceIds: string[] = [];
  const sections: string[] = [];
  let module: string | undefined;
  for (const quiz of model.quizzes) {
    if (quiz.module.id !== module) {
      if (module !== undefined) sections.push('    </assessmentSection>');
      module = quiz.module.id;
      sections.push(`    <assessmentSection${attrs({ identifier: `M-${module}`, title: oneLine(quiz.module.title), visible: 'true' })}>`);
    }
    sections.push(`      <assessmentSection${attrs({ identifier: `U-${quiz.unitId}`, title: oneLine(quiz.title), visible: 'true' })}>`);
    for (const q of quiz.questions) {
      const id = ncName(q.id);
      const href = `items/${id}.xml`;
      const item = qtiItem(q, questionName(quiz.title, q, quiz.questions.length), model.labels);
      items.set(href, item.xml);
      for (const f of item.media) media.set(`items/media/${f.name}`, f.data);
      sections.push(`        <assessmentItemRef${attrs({ identifier: id, href })}/>`);
      const files = [href, ...item.media.map((f) => `items/media/${f.name}`)].map((f) => `      <file${attrs({ href: f })}/>`);
      resourceIds.push(`ITEM-${id}`);
      resources.push(`    <resource${attrs({ identifier: resourceIds[resourceIds.length - 1], type: 'imsqti_item_xmlv2p1', href })}>`, ...files, '    </resource>');
    }
    sections.push('      </assessmentSection>');
  }
  if (module !== undefined) sections.push('    </assessmentSection>');
  const e = model.edition;
  const test = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<assessmentTest ${QTI_ROOT_ATTRS}${attrs({ identifier: ncName(`test-${model.curriculum.id}-${e.id}`), title: oneLine(e.title), toolName: 'trainpack' })}>`,
    score('SCORE'),
    '  <testPart identifier="P" navigationMode="nonlinear" submissionMode="individual">',
    ...sections,
    '  </testPart>',
    '  <outcomeProcessing>',
    '    <setOutcomeValue identifier="SCORE"><sum><testVariables variableIdentifier="SCORE"/></sum></setOutcomeValue>',
    '  </outcomeProcessing>',
    '</assessmentTest>',
    '',
  ].join('\n');
  const itemRefs = resourceIds.map((id) => `      <dependency${attrs({ identifierref: id })}/>`);
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd http://ltsc.ieee.org/xsd/LOM http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd"${attrs({ identifier: ncName(`manifest-${model.curriculum.id}-${e.id}`) })}>`,
    '  <metadata>',
    '    <schema>QTIv2.1 Package</schema>',
    '    <schemaversion>1.0.0</schemaversion>',
    '    <lom xmlns="http://ltsc.ieee.org/xsd/LOM">',
    '      <general>',
    `        <title>\n          <string${attrs({ language: e.language })}>${xmlText(oneLine(e.title))}</string>\n        </title>`,
    `        <language>${xmlText(e.language)}</language>`,
    '      </general>',
    '    </lom>',
    '  </metadata>',
    '  <organizations/>',
    '  <resources>',
    `    <resource${attrs({ identifier: 'TEST', type: 'imsqti_test_xmlv2p1', href: 'assessment.xml' })}>`,
    '      <file href="assessment.xml"/>',
    ...itemRefs,
    '    </resource>',
    ...resources,
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
  return new Map<string, string | Buffer>([['imsmanifest.xml', manifest], ['assessment.xml', test], ...items, ...media]);
}
