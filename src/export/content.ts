/**
 * Question content for learning platforms: the parsed hast of a stem, an
 * option or an explanation, cleaned of trainpack markup, in the forms the
 * writers need (plain text, standalone HTML, hast nodes).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { hasClass, textOf } from '../views/tree.js';

/** One piece of content in three forms. */
export interface Content {
  /** Plain text, whitespace collapsed (images count as their alt text). */
  text: string;
  /** Safe HTML, standalone: local images stay inlined as data URIs. */
  html: string;
  /** The cleaned nodes, for writers that serialise their own way (QTI's XHTML, Moodle's attached files). */
  nodes: ElementContent[];
}

/** Blocks no learner may see; a learning platform shows stems, options and feedback to learners. */
const HIDDEN = ['tp-facilitator', 'tp-slide', 'tp-notes', 'tp-solution', 'tp-debrief', 'tp-unknown'];

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Copy `nodes` without trainpack's classes, ids, comments, checkboxes and
 * facilitator-only blocks. Links to anchors or to files beside the guide
 * have no target on a platform: they become their text.
 */
export function cleanNodes(nodes: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push({ type: 'text', value: node.value });
    if (node.type !== 'element') continue;
    if (node.tagName === 'input' || HIDDEN.some((c) => hasClass(node, c))) continue;
    const children = cleanNodes(node.children);
    const href = node.properties?.href;
    if (node.tagName === 'a' && (typeof href !== 'string' || !(SCHEME.test(href) || href.startsWith('//')))) {
      out.push(...children);
      continue;
    }
    out.push({ type: 'element', tagName: node.tagName, properties: cleanProps(node), children });
  }
  return out;
}

function cleanProps(el: Element): Element['properties'] {
  const { id: _id, className, ...rest } = el.properties ?? {};
  const classes = Array.isArray(className) ? className.filter((c) => !String(c).startsWith('tp-')) : [];
  return classes.length ? { ...rest, className: classes } : rest;
}

/** Drop whitespace at both ends (the newlines between a list item's blocks). */
export function trimNodes(nodes: ElementContent[]): ElementContent[] {
  const out = [...nodes];
  while (out.length && out[0]!.type === 'text' && !out[0]!.value.trim()) out.shift();
  while (out.length && out[out.length - 1]!.type === 'text' && !(out[out.length - 1] as { value: string }).value.trim()) out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.trimStart() };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.trimEnd() };
  return out;
}

/** Plain text of nodes: whitespace collapsed, images as their alt text. */
export function plainText(nodes: readonly ElementContent[]): string {
  const parts: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type === 'element' && n.tagName === 'img') parts.push(` ${String(n.properties?.alt ?? '')} `);
    else if (n.type === 'element') n.children.forEach(walk);
    else if (n.type === 'text') parts.push(n.value);
    else parts.push(textOf(n));
  };
  nodes.forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Serialise nodes as HTML. */
export function nodesToHtml(nodes: readonly ElementContent[]): string {
  const root: Root = { type: 'root', children: [...nodes] };
  return toHtml(root, { characterReferences: { useNamedReferences: true } });
}

/** Content from raw hast children: cleaned, trimmed, in every form. */
export function contentOf(nodes: readonly ElementContent[]): Content {
  const clean = trimNodes(cleanNodes(nodes));
  return { text: plainText(clean), html: nodesToHtml(clean), nodes: clean };
}

/** Does the content have anything to show (text or an image)? */
export function isEmpty(c: Content): boolean {
  return !c.text && !c.nodes.some(function hasImg(n): boolean {
    return n.type === 'element' && (n.tagName === 'img' || n.children.some(hasImg));
  });
}

const PHRASING = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

/** Only text and inline elements (a tight list item), so a `span` may wrap it. */
export function isInline(nodes: readonly ElementContent[]): boolean {
  return nodes.every((n) => n.type !== 'element' || (PHRASING.has(n.tagName) && isInline(n.children)));
}

/**
 * The nodes inside one element carrying the language and direction, so a
 * platform whose interface is in another language still reads Arabic right
 * to left and screen readers pick the right voice. A `span` for inline
 * content (an option of a tight list) unless `block`, else a `div`.
 */
export function withLang(nodes: readonly ElementContent[], lang: string, dir: 'ltr' | 'rtl', block = false): Element {
  return { type: 'element', tagName: block || !isInline(nodes) ? 'div' : 'span', properties: { lang, dir }, children: [...nodes] };
}
