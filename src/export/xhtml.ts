/**
 * hast -> the XHTML subset QTI 2.1 allows inside items. Elements outside
 * the subset become their nearest allowed kin (`mark`, `u`, `del` -> `span`;
 * `section`, `figure`, `details` -> `div`) or just their content;
 * attributes outside it are dropped (`lang` becomes `xml:lang`).
 */
import type { ElementContent } from 'hast';
import { attrs, xmlText } from './xml.js';

/** QTI 2.1's XHTML elements with the attributes each may carry besides `class` and `xml:lang`. */
const ALLOWED: Record<string, string[]> = {
  abbr: [], acronym: [], address: [], blockquote: [], br: [], cite: [], code: [], dfn: [], div: [], em: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], kbd: [], p: [], pre: [], q: [], samp: [], span: [], strong: [], var: [],
  dl: [], dt: [], dd: [], ol: [], ul: [], li: [], b: [], big: [], hr: [], i: [], small: [], sub: [], sup: [], tt: [],
  caption: [], col: ['span'], colgroup: ['span'], table: ['summary'], tbody: [], tfoot: [], thead: [], tr: [],
  td: ['rowspan', 'colspan', 'scope'], th: ['rowspan', 'colspan', 'scope'],
  img: ['src', 'alt', 'width', 'height'], a: ['href'],
};

const RENAME: Record<string, string> = {
  mark: 'span', u: 'span', s: 'span', del: 'span', ins: 'span', bdi: 'span', bdo: 'span', time: 'span', figcaption: 'div',
  section: 'div', aside: 'div', figure: 'div', details: 'div', summary: 'div', article: 'div', header: 'div', footer: 'div', nav: 'div',
};

const VOID = new Set(['br', 'hr', 'img', 'col']);

function propValue(v: unknown): string | undefined {
  if (v === undefined || v === null || v === false) return undefined;
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/** Serialise nodes as QTI XHTML (the QTI namespace is the default one of the enclosing document). */
export function toQtiXhtml(nodes: readonly ElementContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += xmlText(n.value);
    if (n.type !== 'element') continue;
    const tag = ALLOWED[n.tagName] ? n.tagName : RENAME[n.tagName];
    if (!tag) {
      out += toQtiXhtml(n.children);
      continue;
    }
    const p = n.properties ?? {};
    const list: Record<string, string | undefined> = { class: propValue(p.className), 'xml:lang': propValue(p.lang) };
    for (const a of ALLOWED[tag]!) list[a] = propValue(p[a === 'rowspan' ? 'rowSpan' : a === 'colspan' ? 'colSpan' : a]);
    // `alt` is required on img in QTI.
    if (tag === 'img') list.alt ??= '';
    out += VOID.has(tag) ? `<${tag}${attrs(list)}/>` : `<${tag}${attrs(list)}>${toQtiXhtml(n.children)}</${tag}>`;
  }
  return out;
}
