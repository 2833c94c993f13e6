/** Small pure helpers over hast trees for the view filters. */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** Does this node carry the class? */
export function hasClass(node: RootContent | Root, name: string): boolean {
  if (node.type !== 'element') return false;
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(name);
}

/** What a rewrite callback returns: keep (undefined), drop (null) or replace by nodes. */
export type Rewrite = (node: ElementContent) => ElementContent | ElementContent[] | null | undefined;

/**
 * Rebuild a tree top-down. The callback sees each node before its children;
 * a node it keeps is copied and its children rewritten the same way. The input
 * is never mutated, so one parsed tree serves every audience.
 */
export function rewrite<T extends Root | Element>(node: T, fn: Rewrite): T {
  const children: ElementContent[] = [];
  for (const child of node.children as ElementContent[]) {
    const r = fn(child);
    const out = r === undefined ? [child] : r === null ? [] : Array.isArray(r) ? r : [r];
    for (const o of out) {
      children.push(o.type === 'element' ? rewrite({ ...o, properties: { ...o.properties } }, fn) : o);
    }
  }
  return { ...node, children } as T;
}

/** Depth-first search for every element matching a predicate. */
export function findAll(node: Root | Element, pred: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (pred(child)) out.push(child);
    findAll(child, pred, out);
  }
  return out;
}

/** A slide's title: its first heading outside its speaker notes (the original node, not a copy). */
export function slideHeading(slide: Element): Element | undefined {
  for (const child of slide.children) {
    if (child.type !== 'element' || hasClass(child, 'tp-notes')) continue;
    if (/^h[1-6]$/.test(child.tagName)) return child;
    const inner = slideHeading(child);
    if (inner) return inner;
  }
  return undefined;
}

/** Text content of a node. */
export function textOf(node: RootContent | Root): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}

/** A `p` element with a class and text. */
export function para(className: string, text: string): Element {
  return { type: 'element', tagName: 'p', properties: { className: [className] }, children: [{ type: 'text', value: text }] };
}

/** Remove one class from an element's copy. */
export function withoutClass(el: Element, name: string): Element {
  const c = el.properties?.className;
  return { ...el, properties: { ...el.properties, className: Array.isArray(c) ? c.filter((x) => x !== name) : c } };
}
