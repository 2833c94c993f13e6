/**
 * What a translation must keep of its source: every `:var[name]`, link
 * target and image path, unchanged; and it must stay inline content (a
 * translation cannot open a list, a heading or a new paragraph).
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { blockParser, parseInline } from './blocks.js';

/** The placeholders of a message, sorted: `:var[x]`, `link <url>`, `image <url>`. */
export function placeholders(md: string): string[] {
  if (!/:var\[|\]\(|<[A-Za-z][\w+.-]*:|!\[/.test(md)) return [];
  const out: string[] = [];
  visit(blockParser.parse(md) as Root, (node) => {
    if (node.type === 'textDirective' && node.name === 'var') out.push(`:var[${(toString(node) || node.attributes?.name || '').trim()}]`);
    else if (node.type === 'link') out.push(`link ${node.url}`);
    else if (node.type === 'image') out.push(`image ${node.url}`);
  });
  return out.sort();
}

const BLOCKISH = /^\s{0,3}(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|```|~~~|:{2,}|\||=+\s*$|-+\s*$)|\n\s*\n/m;

/** What is wrong with a translation of `msgid`, or undefined. */
export function translationProblem(msgid: string, msgstr: string): string | undefined {
  if (BLOCKISH.test(msgstr) && !BLOCKISH.test(msgid) && !parseInline(msgstr)) {
    return 'The translation is not inline text: it starts a list, heading, quote or block, or holds a blank line (block structure stays in the source)';
  }
  const want = placeholders(msgid);
  const got = placeholders(msgstr);
  if (want.length === 0 && got.length === 0) return undefined;
  const missing = want.filter((p, i) => want.indexOf(p) === i && count(want, p) > count(got, p));
  const extra = got.filter((p, i) => got.indexOf(p) === i && count(got, p) > count(want, p));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const kind = (p: string) => p.slice(0, p.search(/[ [](?=.)/) + 1);
  const say = (p: string) => (p.startsWith(':var') ? p : p.startsWith('link ') ? `the link target ${p.slice(5)}` : `the image path ${p.slice(6)}`);
  const parts: string[] = [];
  for (const m of missing) {
    const k = extra.findIndex((x) => kind(x) === kind(m));
    if (k !== -1 && !m.startsWith(':var')) parts.push(`changes ${say(m)} to ${extra.splice(k, 1)[0]!.replace(/^\S+ /, '')}`);
    else parts.push(`drops ${say(m)}`);
  }
  for (const x of extra) parts.push(`adds ${say(x)}, which the source does not have`);
  return `The translation ${parts.join('; ')}`;
}

const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;
