/**
 * Participant view: what participants may see and nothing else. Removed
 * whole (content, classes and all): facilitator notes, slides and speaker
 * notes, solutions, debriefs, unknown blocks, quiz keys and explanations.
 * A role keeps only its name (who plays whom): briefs are secret and printed
 * as cut-out role cards, unless the unit says `roles_in_handout: true`.
 * A quiz with `self_check: true` keeps its explanations, folded in
 * `<details>`, for self-study (FORMAT.md "Quizzes").
 *
 * The result is checked for leftovers; a leak is a bug, so it throws.
 */
import type { Element, ElementContent, Root } from 'hast';
import { findAll, hasClass, para, rewrite, textOf, withoutClass } from './tree.js';

const HIDDEN = ['tp-facilitator', 'tp-slide', 'tp-notes', 'tp-solution', 'tp-debrief', 'tp-unknown'];

export interface ParticipantOptions {
  selfCheck: boolean;
  strings: Record<string, string>;
}

function box(): ElementContent {
  return { type: 'element', tagName: 'span', properties: { className: ['tp-box'], ariaHidden: 'true' }, children: [] };
}

export function participantView(tree: Root, { selfCheck, strings }: ParticipantOptions): Root {
  const out = rewrite(tree, (node) => {
    if (node.type === 'comment') return null;
    if (node.type !== 'element') return undefined;
    if (HIDDEN.some((c) => hasClass(node, c))) return null;
    if (hasClass(node, 'tp-question')) return question(node, selfCheck, strings);
    if (hasClass(node, 'tp-role') && !hasClass(node, 'tp-role-public')) return castOnly(node, strings);
    // A task item of a quiz outside its questions: an empty box all the same.
    if (hasClass(node, 'tp-option') && !(node.children[0] && hasClass(node.children[0], 'tp-box'))) return option(node);
    return undefined;
  });
  assertNoLeak(out, selfCheck);
  return out;
}

/** A secret role in the handout: its name only, as a line for who plays it. */
function castOnly(role: Element, strings: Record<string, string>): Element {
  const name = findAll(role, (el) => hasClass(el, 'tp-role-name'))[0];
  return { ...role, properties: { ...role.properties, className: ['tp-role', 'tp-role-cast'] }, children: [...(name ? [name] : []), para('tp-role-played', strings.played_by!)] };
}

/** An option with an empty box, whether or not it is correct. */
function option(li: Element): Element {
  const clean = withoutClass(li, 'tp-correct');
  return { ...clean, children: [box(), ...clean.children] };
}

/** One quiz question for participants: empty boxes, the key removed or folded away. */
function question(li: Element, selfCheck: boolean, strings: Record<string, string>): Element {
  const correct = findAll(li, (el) => hasClass(el, 'tp-correct')).map((el) => textOf(el).trim());
  const explanations = findAll(li, (el) => hasClass(el, 'tp-explanation'));
  const open = hasClass(li, 'tp-open');
  const multiple = hasClass(li, 'tp-multiple');
  const body = rewrite(li, (n) => {
    if (n.type !== 'element') return undefined;
    if (hasClass(n, 'tp-explanation')) return null;
    if (hasClass(n, 'tp-option')) return option(n);
    return undefined;
  });
  const hint = para('tp-question-hint', open ? strings.open_question! : multiple ? strings.choose_many! : strings.choose_one!);
  const extra: ElementContent[] = [hint];
  if (open) extra.push({ type: 'element', tagName: 'div', properties: { className: ['tp-answer-lines'], ariaHidden: 'true' }, children: [] });
  if (selfCheck && (explanations.length || correct.length)) {
    const key: ElementContent[] = [
      { type: 'element', tagName: 'summary', properties: {}, children: [{ type: 'text', value: strings.answer_key! }] },
    ];
    if (correct.length) key.push(para('tp-selfcheck-answer', `${strings.correct}: ${correct.join('; ')}`));
    for (const e of explanations) key.push(...e.children);
    extra.push({ type: 'element', tagName: 'details', properties: { className: ['tp-selfcheck'] }, children: key });
  }
  return { ...body, children: [...body.children, ...extra] };
}

/** Throw if anything facilitator-only survived (defence in depth against a filter bug). */
function assertNoLeak(tree: Root, selfCheck: boolean): void {
  const banned = [...HIDDEN, 'tp-correct', 'tp-correct-mark', ...(selfCheck ? [] : ['tp-explanation'])];
  const leak = findAll(tree, (el) => banned.some((c) => hasClass(el, c)) || (hasClass(el, 'tp-role-cast') && el.children.some((c) => c.type !== 'element' || !(hasClass(c, 'tp-role-name') || hasClass(c, 'tp-role-played')))));
  if (leak.length) throw new Error(`internal: participant view kept ${leak[0]!.tagName}.${String(leak[0]!.properties?.className)}`);
}
