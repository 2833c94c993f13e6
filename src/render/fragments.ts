/**
 * A unit's rendered fragments (render stage): its slides, its part of the
 * facilitator guide and of the participant handout, rendered once per parse
 * for every edition. UI strings, vars and slide numbers go in as markers
 * that fill() replaces with one edition's values. Kept by parse key in
 * memory and in the persistent cache; worker threads render them too
 * (markdown/pool.ts), so this module holds no state a worker could miss.
 */
import { sha1 } from '../cache/memo.js';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { DiskCache } from '../cache/disk.js';
import type { ParsedUnit } from '../markdown/processor.js';
import { facilitatorView } from '../views/facilitator.js';
import { localize, own } from '../views/localize.js';
import { participantView } from '../views/participant.js';
import { deckSlidesOf } from '../views/deck-slides.js';
import { textOf } from '../views/tree.js';
import { textOfHtml } from './search.js';
import type { Strings } from './templates.js';

const html = (tree: Root) => toHtml(tree, { allowDangerousHtml: false });

/** One slide of a unit in its module's deck (views/deck-slides.ts), as markup. */
export interface SlideFragment {
  kind: 'content' | 'activity' | 'question';
  title: string;
  layout: string;
  body: string;
  image?: string;
  columns?: [string, string];
  notes?: string;
  minutes?: number;
}

/** A unit's rendered pieces for every audience, and the handout's plain text for search. */
export interface Fragments {
  slides: SlideFragment[];
  guide: string;
  handout: string;
  handoutText: string;
}

/*
 * Fragments are rendered once per parse, for every edition: UI strings,
 * vars and slide numbers go in as markers (two Unicode noncharacters, which
 * no text carries, around `s:key`, `v:name` or `n:index`) and fill() puts
 * each edition's values in with a string replace. An edition in another
 * language, a country's vars or a slide added to an earlier unit of the
 * module then cost no rendering, and the cached fragments serve all of them.
 */
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARK = /\uFDD0([svndh]):([^\uFDD0\uFDD1]*)\uFDD1/g;
const mark = (kind: 's' | 'v' | 'n' | 'd' | 'h', name: string | number) => `${OPEN}${kind}:${name}${CLOSE}`;
/** Stands for the strings of every language: each key reads as its marker. */
/** Every string key reads as a marker, and is an own key (views/localize.ts looks up own keys only). */
const markers = (kind: 's' | 'v') => ({
  get: (_: object, key: string | symbol) => (typeof key === 'string' ? mark(kind, key) : undefined),
  has: () => true,
  getOwnPropertyDescriptor: (_: object, key: string | symbol) => (typeof key === 'string' ? { value: mark(kind, key), configurable: true, enumerable: true, writable: false } : undefined),
});
const MARKED_STRINGS = new Proxy({}, markers('s')) as Strings;
const MARKED_VARS = new Proxy({}, markers('v')) as Record<string, string>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

interface FillValues {
  strings: Strings;
  vars: Record<string, string>;
  /** The deck number of the unit's first slide. */
  firstSlide: number;
  /** The unit's deck, relative to the guide (`slides/<module-id>.html`). */
  deck?: string;
  /** Writes a slide number in the edition's digits (`numbers: native`); default 0-9. */
  digits?: (n: number) => string;
}

/** One edition's text for a marker (what localize() would have put there). */
function valueOf(kind: string, name: string, v: FillValues): string {
  if (kind === 's') return own(v.strings, name) ?? name;
  if (kind === 'v') return own(v.vars, name) ?? `:var[${name}]`;
  if (kind === 'd') return v.deck ?? '';
  const n = v.firstSlide + Number(name);
  // `h`: a slide number in a link (`#5`), read by deck.js: always 0-9.
  if (kind === 'h') return String(n);
  return v.digits ? v.digits(n) : String(n);
}

/** Markup with the edition's values in place of the markers (escaped: markers sit in text and quoted attributes only). */
function fillHtml(markup: string, v: FillValues): string {
  return markup.includes(OPEN) ? markup.replace(MARK, (_, kind: string, name: string) => escapeHtml(valueOf(kind, name, v))) : markup;
}

/** Plain text with the edition's values in place of the markers. */
function fillText(text: string, v: FillValues): string {
  return text.includes(OPEN) ? text.replace(MARK, (_, kind: string, name: string) => valueOf(kind, name, v)) : text;
}

// Filled fragments by template fragments, then by the values (fillMemoized()).
const filled = new WeakMap<Fragments, Map<string, Fragments>>();
const stringsIds = new WeakMap<Strings, string>();

function stringsId(strings: Strings): string {
  let id = stringsIds.get(strings);
  if (id === undefined) stringsIds.set(strings, (id = sha1(JSON.stringify(strings))));
  return id;
}

/**
 * fill(), remembered for a long-lived process (`trainpack dev`), where the
 * same pages are rendered again after each save: `varsKey` names the values
 * of the vars the unit uses. A one-off build does not remember (memory).
 */
export function fillMemoized(f: Fragments, v: FillValues, varsKey: string): Fragments {
  const key = `${stringsId(v.strings)}|${v.firstSlide}|${v.deck}|${v.digits ? v.digits(1234567890) : ''}|${varsKey}`;
  let memo = filled.get(f);
  if (!memo) filled.set(f, (memo = new Map()));
  let out = memo.get(key);
  if (!out) memo.set(key, (out = fill(f, v)));
  return out;
}

export function fill(f: Fragments, v: FillValues): Fragments {
  return {
    slides: f.slides.map((s) => ({
      ...s,
      title: fillText(s.title, v),
      body: fillHtml(s.body, v),
      image: s.image === undefined ? undefined : fillHtml(s.image, v),
      columns: s.columns === undefined ? undefined : [fillHtml(s.columns[0], v), fillHtml(s.columns[1], v)],
      notes: s.notes === undefined ? undefined : fillHtml(s.notes, v),
    })),
    guide: fillHtml(f.guide, v),
    handout: fillHtml(f.handout, v),
    handoutText: fillText(f.handoutText, v).replace(/\s+/g, ' '),
  };
}

// Rendered fragments by parse key (or tree, for units parsed without a cache).
// A parse result never changes under its key, so an unchanged unit renders
// once per process, and once per machine with the persistent cache.
const byTree = new WeakMap<Root, Map<string, Fragments>>();
// Part of every fragment key: bump it when the markup made from a tree changes, so old disk entries are not reused.
export const FRAGMENT_MARKUP = 'page-markup-7';
const byKey = new Map<string, Fragments>();

/**
 * Render a freshly parsed unit's fragments while its tree is in memory, so
 * the tree can be let go (pipeline.ts ParseCache.afterParse).
 */
export function prerender(p: ParsedUnit, disk?: DiskCache): void {
  fragmentsOf(p, p.unit.selfCheck, disk);
}

/** What a unit's fragments are named by: its parse key and the variant (self-check or not, the markup's version). */
const fragmentKey = (key: string | undefined, selfCheck: boolean) => `${key}|${selfCheck}|${FRAGMENT_MARKUP}`;

/** The unit's fragments with markers for every edition's values. */
export function fragmentsOf(p: ParsedUnit, selfCheck: boolean, disk?: DiskCache): Fragments {
  const variant = `${selfCheck}|${FRAGMENT_MARKUP}`;
  let memo: Map<string, Fragments> | undefined;
  if (!p.key) {
    memo = byTree.get(p.tree);
    if (!memo) byTree.set(p.tree, (memo = new Map()));
  }
  const fullKey = fragmentKey(p.key, selfCheck);
  const hit = memo ? memo.get(variant) : (byKey.get(fullKey) ?? disk?.get<Fragments>('fragments', sha1(fullKey)));
  if (hit) {
    if (!memo) byKey.set(fullKey, hit);
    return hit;
  }
  const fragments = renderFragments(p.tree, selfCheck, p.unit);
  if (memo) memo.set(variant, fragments);
  else rememberFragments(p.key, selfCheck, fragments, disk);
  return fragments;
}

/** Keep fragments rendered elsewhere (a worker thread) under the unit's parse key. */
export function rememberFragments(key: string, selfCheck: boolean, fragments: Fragments, disk?: DiskCache): void {
  const fullKey = fragmentKey(key, selfCheck);
  byKey.set(fullKey, fragments);
  const id = sha1(fullKey);
  disk?.set('fragments', id, fragments);
  disk?.set('deck-slides', id, deckSlideCount(fragments));
}

/** How many slides a unit adds to its module's deck (its own or generated, else one title slide). */
export function deckSlideCount(f: Pick<Fragments, 'slides'>): number {
  return f.slides.length + (f.slides.some((s) => s.kind === 'content') ? 0 : 1);
}

/**
 * How many slides the unit adds to its module's deck (deckSlideCount of its
 * fragments), read from a namespace of its own: a build that keeps every page
 * needs the count of every unit (for slide numbers) but none of their markup.
 */
export function slideCountOf(p: ParsedUnit, selfCheck: boolean, disk?: DiskCache): number {
  if (p.key && disk) {
    const fullKey = fragmentKey(p.key, selfCheck);
    const memo = byKey.get(fullKey);
    if (memo) return deckSlideCount(memo);
    const id = sha1(fullKey);
    const n = disk.get<number>('deck-slides', id);
    if (typeof n === 'number') return n;
    const f = fragmentsOf(p, selfCheck, disk);
    disk.set('deck-slides', id, deckSlideCount(f));
    return deckSlideCount(f);
  }
  return deckSlideCount(fragmentsOf(p, selfCheck, disk));
}

/** Render a canonical tree's fragments, with markers for every edition's values. */
export function renderFragments(canonical: Root, selfCheck: boolean, unit: { type: string; title: string; duration: number }): Fragments {
  const tree = localize(canonical, MARKED_STRINGS, MARKED_VARS);
  const views = deckSlidesOf(tree, unit, MARKED_STRINGS);
  const handout = html(forPages(participantView(tree, { selfCheck, strings: MARKED_STRINGS })));
  // The guide's "Slide N" markers stand for the authored slides, numbered among the generated ones.
  const authored = views.flatMap((s, i) => (s.kind === 'content' ? [i] : []));
  const slideNumbers = authored.map((i) => mark('n', i));
  const deckHtml = (t: Root | undefined) => (t ? html(relinkForDeck(t)) : undefined);
  return {
    slides: views.map((s) => ({
      kind: s.kind,
      title: s.title,
      layout: s.layout,
      body: deckHtml(s.body) ?? '',
      image: deckHtml(s.image),
      columns: s.columns ? [deckHtml(s.columns[0])!, deckHtml(s.columns[1])!] : undefined,
      notes: deckHtml(s.notes),
      minutes: s.minutes,
    })),
    guide: html(forPages(linkMarkers(facilitatorView(tree, { slideNumbers, strings: MARKED_STRINGS }), authored))),
    handout,
    handoutText: textOfHtml(handout),
  };
}

/** Each "Slide N — title" marker of the guide opens the deck at that slide (`slides/<module>.html#N`). */
function linkMarkers(tree: Root, numbers: number[]): Root {
  let i = 0;
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.properties?.className && Array.isArray(child.properties.className) && child.properties.className.includes('tp-slide-marker')) {
        const label = child.children.find((c): c is Element => c.type === 'element' && Array.isArray(c.properties?.className) && c.properties.className.includes('tp-slide-label'));
        const n = numbers[i++];
        if (label && n !== undefined) label.children = [{ type: 'element', tagName: 'a', properties: { href: `${mark('d', '')}#${mark('h', n)}` }, children: label.children }];
        continue;
      }
      visit(child);
    }
  };
  visit(tree);
  return tree;
}

/** Decks live in `slides/`: links to copied assets and to units need one more `../`. */
function relinkForDeck(tree: Root): Root {
  const visit = (node: Root | Root['children'][number]) => {
    if (node.type === 'element') {
      const href = node.properties?.href;
      if (typeof href === 'string') {
        if (href.startsWith('assets/')) node.properties.href = `../${href}`;
        else if (href.startsWith('#')) node.properties.href = `../participant-handout.html${href}`;
      }
    }
    if ('children' in node) for (const c of node.children) visit(c as Root['children'][number]);
  };
  visit(tree);
  return tree;
}

/**
 * Markup fixes for the guide and the handout, on the view trees (fresh
 * copies, so changed in place):
 * - each table in a box of its own (`.tp-table-wrap`): a wide table scrolls
 *   sideways inside it on a phone instead of widening the page, and keeps
 *   its table layout (a `display: block` table loses it); templates/js/page.js
 *   makes the box focusable when it does scroll, so keyboards can scroll it;
 * - an empty header cell (the corner of a matrix) becomes a data cell: a
 *   header that names nothing only confuses screen readers;
 * - the checkbox of a task-list item gets the item's text as its name.
 */
function forPages(tree: Root): Root {
  const empty = (n: Element): boolean => n.children.every((c) => (c.type === 'text' ? c.value.trim() === '' : c.type === 'element' ? c.tagName !== 'img' && empty(c) : true));
  const visit = (node: Root | Element) => {
    node.children.forEach((child, i) => {
      if (child.type !== 'element') return;
      if (child.tagName === 'table') {
        node.children[i] = { type: 'element', tagName: 'div', properties: { className: ['tp-table-wrap'] }, children: [child] };
      } else if (child.tagName === 'th' && empty(child)) {
        node.children[i] = { ...child, tagName: 'td' };
        return;
      } else if (child.tagName === 'input' && child.properties?.type === 'checkbox' && node.type === 'element') {
        const label = node.children.filter((c) => c.type === 'text' || (c.type === 'element' && !['ul', 'ol', 'input'].includes(c.tagName))).map(textOf).join('').trim();
        if (label) child.properties.ariaLabel = label;
      }
      visit(child);
    });
  };
  visit(tree);
  return tree;
}
