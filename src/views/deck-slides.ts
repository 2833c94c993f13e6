/**
 * Deck view of a unit (FORMAT.md section 3): its `:::slide` blocks with
 * their layout, and the slides trainpack adds in document order — an
 * activity slide for each `:::exercise` (title, minutes, the participants'
 * instructions; the deck adds the countdown), one for a role-play unit
 * (who plays whom), and one slide per quiz question (the question and its
 * options; which ones are correct, and the explanation, go to the speaker
 * notes only). Nothing facilitator-only reaches a slide face.
 */
import type { Element, ElementContent, Root } from 'hast';
import { slidesOf } from './slides.js';
import { findAll, hasClass, para, rewrite, textOf, withoutClass } from './tree.js';

export type DeckSlideKind = 'content' | 'activity' | 'question';

export interface DeckSlideView {
  kind: DeckSlideKind;
  title: string;
  /** `default`, `image-left`, `image-right`, `columns` or `section`. */
  layout: string;
  body: Root;
  /** The first image of an image-left/right slide, taken out of the body. */
  image?: Root;
  /** A columns slide: its body split at the first `---`. */
  columns?: [Root, Root];
  notes?: Root;
  /** Activity slides: the planned minutes (0 when not given). */
  minutes?: number;
}

/** Never on a slide face. */
/** Blocks whose content is never projected (as views/slides.ts `slidesIn`). */
const HIDDEN_AROUND = ['tp-facilitator', 'tp-participant', 'tp-notes', 'tp-solution', 'tp-debrief', 'tp-unknown', 'tp-role'];
const OFF_FACE = ['tp-notes', 'tp-facilitator', 'tp-participant', 'tp-solution', 'tp-debrief', 'tp-unknown', 'tp-role', 'tp-explanation'];

const el = (tagName: string, className: string[], children: ElementContent[]): Element => ({ type: 'element', tagName, properties: { className }, children });
const root = (children: ElementContent[]): Root => ({ type: 'root', children });

/** Headings inside a slide body sit under the slide's title. */
function face(children: ElementContent[]): Root {
  return rewrite(root(children), (n) => {
    if (n.type !== 'element') return undefined;
    if (OFF_FACE.some((c) => hasClass(n, c))) return null;
    if (/^h[1-6]$/.test(n.tagName)) return { ...n, tagName: 'h3', properties: { ...n.properties, id: undefined } };
    return undefined;
  });
}

function layoutOf(section: Element): string {
  const c = section.properties?.className;
  const found = Array.isArray(c) ? c.find((x) => typeof x === 'string' && x.startsWith('tp-layout-')) : undefined;
  return typeof found === 'string' ? found.slice('tp-layout-'.length) : 'default';
}

/** Take the first image out of a body: the image (its paragraph unwrapped) and the rest. */
function splitImage(body: Root): { image?: Root; rest: Root } {
  const at = body.children.findIndex((n) => n.type === 'element' && findAll(n, (e) => e.tagName === 'img').length + (n.tagName === 'img' ? 1 : 0) > 0);
  if (at === -1) return { rest: body };
  const holder = body.children[at] as Element;
  const img = holder.tagName === 'img' ? holder : findAll(holder, (e) => e.tagName === 'img')[0]!;
  const rest = rewrite(body, (n) => (n === holder ? (holder === img ? null : dropNode(holder, img)) : undefined));
  return { image: root([img]), rest };
}

/** A copy of `holder` without `img`; null when nothing but white space is left. */
function dropNode(holder: Element, img: Element): Element | null {
  const left = rewrite(holder, (n) => (n === img ? null : undefined));
  return textOf(left).trim() === '' && findAll(left, (e) => e.tagName === 'img').length === 0 ? null : left;
}

/** Split a body at its first top-level `<hr>`. */
function splitColumns(body: Root): [Root, Root] | undefined {
  const at = body.children.findIndex((n) => n.type === 'element' && n.tagName === 'hr');
  if (at === -1) return undefined;
  return [root(body.children.slice(0, at) as ElementContent[]), root(body.children.slice(at + 1) as ElementContent[])];
}

/** The title and minutes an exercise's title line was made from (markdown/remark-blocks.ts). */
function exerciseHead(section: Element): { title: string; minutes: number } {
  const line = section.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'tp-block-title'));
  let title = '';
  let minutes = 0;
  for (const c of line?.children ?? []) {
    if (c.type !== 'text') continue;
    if (c.value.startsWith(': ')) title = c.value.slice(2).trim();
    const m = /·\s*(\d+)/.exec(c.value);
    if (m) minutes = Number(m[1]);
  }
  return { title, minutes };
}

function activity(section: Element, strings: Record<string, string>): DeckSlideView {
  const { title, minutes } = exerciseHead(section);
  const body = face(section.children.filter((c) => !(c.type === 'element' && hasClass(c, 'tp-block-title'))));
  return { kind: 'activity', title: title || strings.exercise!, layout: 'default', body, minutes };
}

function rolePlay(tree: Root, title: string, minutes: number, strings: Record<string, string>): DeckSlideView | undefined {
  const names = findAll(tree, (e) => hasClass(e, 'tp-role-name')).map((e) => textOf(e).trim()).filter(Boolean);
  if (names.length === 0) return undefined;
  const list = el('ul', ['tp-slide-roles'], names.map((n) => el('li', [], [{ type: 'text', value: n }])));
  return { kind: 'activity', title, layout: 'default', body: root([para('tp-slide-label', strings.roles!), list]), minutes };
}

function question(li: Element, strings: Record<string, string>): DeckSlideView {
  const options = li.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'tp-options'));
  const explanations = findAll(li, (e) => hasClass(e, 'tp-explanation'));
  const text = li.children.filter((c) => !(c.type === 'element' && (c === options || hasClass(c, 'tp-explanation') || c.tagName === 'ul' || c.tagName === 'ol')));
  const asPara = text.every((c) => c.type === 'text' || (c.type === 'element' && !['p', 'div', 'blockquote', 'table', 'pre'].includes(c.tagName)));
  const questionText = asPara ? [el('p', ['tp-question-text'], text)] : text;
  const faceOptions = options
    ? [el('ol', ['tp-slide-options'], options.children.filter((o): o is Element => o.type === 'element').map((o) => {
        const clean = withoutClass(o, 'tp-correct');
        return { ...clean, children: clean.children.filter((c) => !(c.type === 'element' && c.tagName === 'input')) };
      }))]
    : [];
  const letters = options ? options.children.filter((o): o is Element => o.type === 'element') : [];
  const correct = letters.map((o, i) => (hasClass(o, 'tp-correct') ? `${String.fromCharCode(65 + i)}. ${textOf(o).trim()}` : '')).filter(Boolean);
  const notes: ElementContent[] = [];
  if (correct.length) notes.push(para('tp-notes-answer', `${strings.answer_key}: ${correct.join('; ')}`));
  for (const e of explanations) notes.push(...e.children);
  const title = `${strings.question} ${Number(li.properties?.dataIndex ?? 0) || ''}`.trim();
  return { kind: 'question', title, layout: 'default', body: face([...questionText, ...faceOptions]), notes: notes.length ? root(notes) : undefined };
}

/**
 * Elements matching `test` that a deck may project, in document order: none
 * inside a facilitator note, a participant-only block, a solution, a debrief,
 * a role brief or an unknown block (as `slidesIn` finds authored slides, so
 * the two lists stay aligned). A slide is not searched inside; an exercise
 * is, for the slides it holds.
 */
function projected(node: Root | Element, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element' || HIDDEN_AROUND.some((c) => hasClass(child, c))) continue;
    if (test(child)) {
      out.push(child);
      if (hasClass(child, 'tp-slide')) continue;
    }
    projected(child, test, out);
  }
  return out;
}

/**
 * Every slide a unit adds to its module's deck, in order (a unit that adds
 * none of its own gets a title slide from the render stage).
 */
export function deckSlidesOf(tree: Root, unit: { type: string; title: string; duration: number }, strings: Record<string, string>): DeckSlideView[] {
  const authored = slidesOf(tree);
  const out: DeckSlideView[] = [];
  let next = 0;
  for (const block of projected(tree, (e) => hasClass(e, 'tp-slide') || hasClass(e, 'tp-exercise'))) {
    if (hasClass(block, 'tp-exercise')) {
      out.push(activity(block, strings));
      continue;
    }
    const s = authored[next++]!;
    const layout = layoutOf(block);
    let body = s.body ?? root([]);
    let image: Root | undefined;
    let columns: [Root, Root] | undefined;
    if (layout === 'image-left' || layout === 'image-right') ({ image, rest: body } = splitImage(body));
    if (layout === 'columns') columns = splitColumns(body);
    out.push({ kind: 'content', title: s.title, layout, body, image, columns, notes: s.notes });
  }
  if (unit.type === 'roleplay') {
    const rp = rolePlay(tree, unit.title, unit.duration, strings);
    if (rp) out.push(rp);
  }
  if (unit.type === 'quiz') {
    let n = 0;
    for (const li of projected(tree, (e) => hasClass(e, 'tp-question'))) {
      out.push(question({ ...li, properties: { ...li.properties, dataIndex: ++n } }, strings));
    }
  }
  return out;
}
