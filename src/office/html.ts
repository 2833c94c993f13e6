/**
 * The Office writers read the pages trainpack has already rendered for each
 * audience (the guide, the handout, the decks): what a participant's page
 * holds is exactly what a participant's Office file may hold, so the audience
 * rules and the leak guard of the HTML hold for Word and PowerPoint too.
 * parse5 (the HTML parser rehype-raw uses) reads them into hast.
 */
import { fromParse5 } from 'hast-util-from-parse5';
import { parse } from 'parse5';
import type { Element, ElementContent, Root } from 'hast';

/** Parse a whole HTML page into hast. */
export function parsePage(html: string): Root {
  return fromParse5(parse(html)) as Root;
}

/** The element's classes. */
export function classes(el: Element): string[] {
  const c = el.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? (c as string).split(/\s+/) : [];
}

export const hasClass = (el: Element, name: string) => classes(el).includes(name);

/** Depth-first search for elements matching `test`, not descending into matches. */
export function findAll(node: Root | Element, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) out.push(child);
    else findAll(child, test, out);
  }
  return out;
}

export function findFirst(node: Root | Element, test: (el: Element) => boolean): Element | undefined {
  return findAll(node, test)[0];
}

/** The text of a node, white space collapsed. */
export function textOf(node: ElementContent | Element | Root): string {
  const parts: string[] = [];
  const walk = (n: ElementContent | Root) => {
    if (n.type === 'text') parts.push(n.value);
    else if (n.type === 'element' || n.type === 'root') {
      if (n.type === 'element' && (n.tagName === 'script' || n.tagName === 'style' || n.tagName === 'template')) return;
      for (const c of n.children) walk(c as ElementContent);
    }
  };
  walk(node as ElementContent);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** An inline run of text with its formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: string;
  /** The language of the run when it differs (fallback content keeps its own). */
  lang?: string;
  rtl?: boolean;
}

/** Inline runs of an element's content (block children are read as text). */
export function runsOf(el: Element, inherited: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  const walk = (n: ElementContent, f: Omit<Run, 'text'>) => {
    if (n.type === 'text') {
      if (n.value) runs.push({ ...f, text: n.value.replace(/\s+/g, ' ') });
      return;
    }
    if (n.type !== 'element') return;
    if (n.tagName === 'br') {
      runs.push({ ...f, text: '\n' });
      return;
    }
    if (n.tagName === 'input' && n.properties?.type === 'checkbox') {
      runs.push({ ...f, text: n.properties.checked ? '☑ ' : '☐ ' });
      return;
    }
    if (n.tagName === 'img') {
      const alt = String(n.properties?.alt ?? '');
      if (alt) runs.push({ ...f, italics: true, text: `[${alt}]` });
      return;
    }
    if (n.tagName === 'script' || n.tagName === 'style' || n.tagName === 'button' || n.tagName === 'svg') return;
    const g = { ...f };
    if (n.tagName === 'strong' || n.tagName === 'b') g.bold = true;
    if (n.tagName === 'em' || n.tagName === 'i') g.italics = true;
    if (n.tagName === 'code' || n.tagName === 'kbd') g.code = true;
    if (n.tagName === 'del' || n.tagName === 's') g.strike = true;
    if (n.tagName === 'a' && typeof n.properties?.href === 'string' && /^(https?:|mailto:|tel:)/.test(n.properties.href)) g.link = n.properties.href;
    const lang = n.properties?.lang;
    if (typeof lang === 'string' && lang) g.lang = lang;
    const dir = n.properties?.dir;
    if (dir === 'rtl') g.rtl = true;
    else if (dir === 'ltr') g.rtl = false;
    for (const c of n.children) walk(c, g);
  };
  for (const c of el.children) walk(c, inherited);
  // Trim the ends of the paragraph and merge neighbours with the same format.
  const merged: Run[] = [];
  for (const r of runs) {
    const last = merged.at(-1);
    if (last && sameFormat(last, r)) last.text += r.text;
    else merged.push({ ...r });
  }
  if (merged[0]) merged[0].text = merged[0].text.replace(/^\s+/, '');
  if (merged.at(-1)) merged.at(-1)!.text = merged.at(-1)!.text.replace(/\s+$/, '');
  return merged.filter((r) => r.text !== '');
}

function sameFormat(a: Run, b: Run): boolean {
  return a.bold === b.bold && a.italics === b.italics && a.code === b.code && a.strike === b.strike && a.link === b.link && a.lang === b.lang && a.rtl === b.rtl;
}

/** A data: URL's bytes and type (images are inlined in trainpack's pages). */
export function dataUrl(src: string): { mime: string; data: Buffer } | undefined {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(src);
  if (!m) return undefined;
  const data = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
  return { mime: m[1]!.toLowerCase(), data };
}

/** Pixel size of a PNG, JPEG, GIF or SVG image (for placing it at its proportions). */
export function imageSize(mime: string, data: Buffer): { width: number; height: number } | undefined {
  if (mime === 'image/png' && data.length > 24 && data.readUInt32BE(12) === 0x49484452) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (mime === 'image/gif' && data.length > 10) return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (mime === 'image/jpeg') {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1]!;
      const len = data.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
      i += 2 + len;
    }
    return undefined;
  }
  if (mime === 'image/svg+xml') {
    const head = data.subarray(0, 4096).toString('utf8');
    const vb = /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(head);
    if (vb) return { width: Number(vb[1]), height: Number(vb[2]) };
    const w = /\swidth\s*=\s*["']([\d.]+)/.exec(head);
    const h = /\sheight\s*=\s*["']([\d.]+)/.exec(head);
    if (w && h) return { width: Number(w[1]), height: Number(h[1]) };
  }
  return undefined;
}
