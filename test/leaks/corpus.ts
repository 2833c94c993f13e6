/**
 * The adversarial leak corpus (issue 13): unit bodies an author could write,
 * each hiding the sentinel SECRETXYZ in a facilitator-only place. Either the
 * unit is an error (the build stops: `error` names the rule) or no
 * participant output holds the sentinel. Grow it with every shape you think of.
 */
import type { UnitType } from '../../src/model.js';

export interface LeakCase {
  name: string;
  body: string;
  type?: UnitType;
  /** The rule of the error that stops the build, when the shape is an error. */
  error?: string;
  /** The guard must know the sentinel as a facilitator-only passage (default true). */
  guarded?: boolean;
  /** The sentinel is a correct answer (the leak would be a checked box, not text). */
  checkedOnly?: boolean;
}

export const S = 'SECRETXYZ';
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

export const CASES: LeakCase[] = [
  { name: 'plain facilitator block', body: `Shared.\n\n:::facilitator\n${S} note.\n:::\n` },
  { name: 'raw </div> inside facilitator', body: `:::facilitator\nBefore.\n\n</div>\n\n${S} after the div.\n:::\n\nPublic.\n` },
  { name: 'several raw </div> inside facilitator', body: `:::facilitator\n</div></div></div>\n\n${S} after.\n:::\n` },
  { name: 'inline </div> in a facilitator paragraph', body: `:::facilitator\nText </div> ${S} tail.\n:::\n` },
  { name: 'raw </section> inside a solution of an exercise', body: `::::exercise{title="E"}\nDo it.\n:::solution\n</section>\n\n${S} answer.\n:::\n::::\n` },
  { name: 'raw </aside> inside notes', body: `::::slide\n## T\nFace.\n:::notes\n</aside>\n\n${S} spoken.\n:::\n::::\n` },
  { name: 'raw </section> inside notes (closing the slide)', body: `::::slide\n## T\n:::notes\n</section></aside>\n\n${S} spoken.\n:::\n::::\n` },
  { name: 'raw </body></html> inside facilitator', body: `:::facilitator\n</body></html>\n\n${S}\n:::\n` },
  { name: 'footnote defined inside facilitator, referenced outside', body: `Public text.[^a]\n\n:::facilitator\n[^a]: ${S} footnote.\n:::\n` },
  { name: 'footnote defined and referenced inside facilitator', body: `Public.\n\n:::facilitator\nSee this.[^b]\n\n[^b]: ${S} footnote.\n:::\n` },
  { name: 'footnote in notes referenced from the slide face', body: `::::slide\n## T\nFace.[^c]\n:::notes\n[^c]: ${S} note.\n:::\n::::\n` },
  { name: 'footnote in a solution referenced from the exercise', body: `::::exercise\nTask.[^d]\n:::solution\n[^d]: ${S} answer.\n:::\n::::\n` },
  { name: 'footnote label in another case', body: `Text.[^Note]\n\n:::facilitator\n[^note]: ${S}\n:::\n` },
  { name: 'same-colon callout inside facilitator', body: `:::facilitator\n:::tip\nTip.\n:::\n${S} after the tip.\n:::\n`, error: 'directive-nesting' },
  { name: 'same-colon solution inside exercise', body: `:::exercise\nTask.\n:::solution\nSol.\n:::\n${S} more.\n:::\n`, error: 'directive-nesting' },
  { name: 'inner block with more colons than the outer', body: `:::facilitator\n::::tip\nTip.\n::::\n${S}\n:::\n`, error: 'directive-nesting' },
  { name: 'pandoc ::: facilitator', body: `::: facilitator\n${S} pandoc.\n:::\n` },
  { name: 'pandoc ::: {.facilitator}', body: `::: {.facilitator}\n${S} pandoc.\n:::\n` },
  { name: 'pandoc ::: {.facilitator key="v"}', body: `::: {.facilitator title="T"}\n${S} pandoc.\n:::\n` },
  { name: 'pandoc ::: facilitator :::', body: `::: facilitator :::\n${S} pandoc.\n:::\n` },
  { name: 'pandoc :::{.solution} in exercise', body: `:::: exercise\nTask.\n::: {.solution}\n${S}\n:::\n::::\n` },
  { name: 'pandoc spelling with CRLF', body: crlf(`::: facilitator\n${S} pandoc.\n:::\n`) },
  { name: 'pandoc ::: notes in pandoc slide', body: `:::: slide\n## T\n::: notes\n${S}\n:::\n::::\n` },
  { name: 'pandoc nested with the same colons', body: `::: facilitator\n::: tip\nx\n:::\n${S}\n:::\n`, error: 'directive-nesting' },
  { name: 'text directive :facilitator[…]', body: `Intro :facilitator[${S} inline].\n`, error: 'directive-nesting', guarded: false },
  { name: 'text directive :solution{…}', body: `Intro :solution{x="${S}"}.\n`, error: 'directive-nesting', guarded: false },
  { name: 'leaf directive ::facilitator[…]', body: `::facilitator[${S}]\n`, error: 'directive-nesting', guarded: false },
  { name: 'leaf directive ::notes', body: `::::slide\n## T\n::notes[${S}]\n::::\n`, error: 'directive-nesting', guarded: false },
  { name: 'unclosed facilitator at the end of the file', body: `Public.\n\n:::facilitator\n${S}\n`, error: 'directive-nesting' },
  { name: 'unclosed outer with closed inner', body: `::::facilitator\n:::tip\nx\n:::\n${S}\n`, error: 'directive-nesting' },
  { name: 'HTML comment inside facilitator', body: `:::facilitator\n<!-- ${S} -->\n:::\n` },
  { name: 'HTML comment in public text', body: `Public <!-- ${S} --> text.\n\n<!--\n${S}\n-->\n`, guarded: false },
  { name: 'character references in raw HTML', body: `:::facilitator\n<p>SECR&#69;TXYZ and &#x53;ECRETXYZ</p>\n:::\n` },
  { name: 'facilitator inside an exercise', body: `::::exercise\nTask.\n:::facilitator\n${S}\n:::\n::::\n` },
  { name: 'facilitator inside participant', body: `::::participant\nFor you.\n:::facilitator\n${S}\n:::\n::::\n` },
  { name: 'facilitator inside a callout', body: `::::tip\nTip.\n:::facilitator\n${S}\n:::\n::::\n` },
  { name: 'solution inside a role', body: `::::role{name="A"}\nBrief.\n:::solution\n${S}\n:::\n::::\n\n:::role{name="B"}\nBrief.\n:::\n`, type: 'roleplay' },
  { name: 'debrief in a role-play', body: `:::role{name="A"}\nX.\n:::\n\n:::role{name="B"}\nY.\n:::\n\n:::debrief\n${S}\n:::\n`, type: 'roleplay' },
  { name: 'solution in an exercise unit', body: `Task.\n\n:::solution\n${S}\n:::\n`, type: 'exercise' },
  { name: 'four levels of blocks', body: `::::::exercise\n:::::facilitator\n::::tip\n:::note\n${S}\n:::\n::::\n:::::\n::::::\n` },
  { name: 'table inside facilitator', body: `:::facilitator\n| a | b |\n|---|---|\n| ${S} | x |\n:::\n` },
  { name: 'image alt inside facilitator', body: `:::facilitator\n![${S} alt](../../assets/diagram.svg)\n:::\n` },
  { name: 'link title inside facilitator', body: `:::facilitator\n[link](https://example.org "${S} title")\n:::\n` },
  { name: 'link address inside facilitator', body: `:::facilitator\n[link](https://example.org/${S})\n:::\n` },
  { name: 'heading with an id inside facilitator', body: `:::facilitator\n## ${S} heading {#secret-heading}\n:::\n` },
  { name: 'var next to notes text', body: `::::slide\n## T\n:::notes\n:var[name] says ${S}.\n:::\n::::\n` },
  { name: 'raw attribute inside facilitator', body: `:::facilitator\n<div title="${S}">x</div>\n:::\n` },
  { name: 'raw img alt inside facilitator', body: `:::facilitator\n<img src="../../assets/diagram.svg" alt="${S}">\n:::\n` },
  { name: 'raw link title inside facilitator', body: `:::facilitator\n<a href="https://example.org" title="${S}">x</a>\n:::\n` },
  { name: 'unclosed <details> inside facilitator', body: `:::facilitator\n<details><summary>${S}</summary>\n\nmore\n:::\n\nPublic.\n` },
  { name: 'unclosed <div> inside facilitator', body: `:::facilitator\n<div>\n\n${S}\n:::\n\nPublic after.\n` },
  { name: 'unclosed <textarea> before a facilitator block', body: `<textarea>\n\n:::facilitator\n${S}\n:::\n\nPublic.\n`, guarded: false },
  { name: 'script inside facilitator', body: `:::facilitator\n<script>var x = "${S}";</script>\n:::\n` },
  { name: 'raw <div> spanning a facilitator block', body: `<div>\n\n:::facilitator\n${S}\n:::\n\n</div>\n` },
  { name: 'raw </div> before a facilitator block', body: `</div></div>\n\n:::facilitator\n${S}\n:::\n` },
  { name: 'code fence with colons inside facilitator', body: `::::facilitator\n\`\`\`\n:::\n${S}\n\`\`\`\n::::\n` },
  { name: 'inline code inside facilitator', body: `:::facilitator\nUse \`${S}\` here.\n:::\n` },
  { name: 'facilitator with attributes', body: `:::facilitator{.x #y title="t"}\n${S}\n:::\n` },
  { name: 'exercise title inside facilitator', body: `::::facilitator\n:::exercise{title="${S}"}\nx\n:::\n::::\n` },
  { name: 'misspelt facilitator block', body: `:::facilitatr\n${S}\n:::\n` },
  { name: 'unknown leaf directive', body: `::secretbox[${S}]\n` },
  { name: 'notes outside a slide', body: `:::notes\n${S}\n:::\n` },
  { name: 'facilitator inside a slide', body: `::::slide\n## T\n:::facilitator\n${S}\n:::\n::::\n` },
  { name: 'slide inside facilitator', body: `::::facilitator\n:::slide\n## ${S} title\nBody.\n:::\n::::\n` },
  { name: 'BOM before a facilitator block', body: `\uFEFF:::facilitator\n${S}\n:::\n` },
  { name: 'CRLF throughout', body: crlf(`Public.\n\n::::exercise\nTask.\n:::solution\n${S}\n:::\n::::\n`) },
  { name: 'tab after the fence name', body: `:::facilitator\t\n${S}\n:::\n` },
  { name: 'trailing spaces on fences', body: `:::facilitator   \n${S}\n:::   \n` },
  { name: 'outer with more colons around a same-size pair', body: `::::facilitator\n:::tip\nx\n:::\n${S} after.\n::::\n` },
  { name: 'class forged on raw HTML inside facilitator', body: `:::facilitator\n<div class="tp-participant">${S}</div>\n:::\n` },
  { name: 'CDATA and processing instruction inside facilitator', body: `:::facilitator\n<![CDATA[${S}]]> <?${S}?>\n:::\n` },
  { name: 'custom element inside facilitator', body: `:::facilitator\n<x-note>${S}</x-note>\n:::\n` },
  { name: 'render markers in the source', body: `Public \uFDD0v:name\uFDD1 and \uFDD0s:answer_key\uFDD1.\n\n:::facilitator\n${S}\n:::\n` },
  { name: 'deeply nested lists inside facilitator', body: `:::facilitator\n${'- '.repeat(40)}${S}\n:::\n` },
  // Quizzes: the key is the checked state and the explanations.
  { name: 'quiz option with a different bullet', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [ ] A\n   * [x] B\n   > ${S} because.\n` },
  { name: 'quiz list inside participant', type: 'quiz', checkedOnly: true, body: `::::participant\n1. Q?\n   - [x] A\n   - [ ] B\n   > ${S} because.\n::::\n` },
  { name: 'explanation indented under an option', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [x] A\n     > ${S} because.\n   - [ ] B\n` },
  { name: 'explanation quoted twice', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [x] A\n   - [ ] B\n   > > ${S}\n` },
  { name: 'model answer of an open question', type: 'quiz', body: `1. Why?\n   > ${S} model.\n` },
  { name: 'raw </div> inside an explanation', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [x] A\n   - [ ] B\n   > Why.\n   > </div></li></ol>\n   >\n   > ${S}\n` },
  { name: 'quiz with + bullets and a nested task list', type: 'quiz', checkedOnly: true, body: `1. Q?\n   + [x] A\n     - [x] A1\n   + [ ] B\n   > ${S}\n` },
  { name: 'task list outside the question list', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [x] A\n   - [ ] B\n\n- [x] stray marked item\n\n> not a key\n` , guarded: false },
  { name: 'raw checked input in a quiz', type: 'quiz', checkedOnly: true, body: `1. Q?\n   - [x] A\n   - [ ] B\n\n<ul><li><input type="checkbox" checked disabled> raw</li></ul>\n`, guarded: false },
];
