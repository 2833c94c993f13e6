/**
 * The text blocks of a unit (FORMAT.md section 5, translate): what becomes a
 * message of a catalogue and what a translation replaces. One walk over the
 * unit's mdast serves both `translate extract` and the build (apply.ts), so
 * a message always names the same block on both sides.
 *
 * A message is the source slice of a block's inline content: inline Markdown
 * (`**bold**`, links, `:var[x]`) stays in it; block structure, directives and
 * a heading's `{#id}` stay in the source. Continuation lines lose their
 * indentation and blockquote markers, so a block reads the same wherever it
 * is nested.
 */
import type { Heading, Nodes, Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import remarkGfm from '../markdown/remark-gfm-promised.js';

/** What a block is, told to the translator in the `#.` comment. */
export type BlockKind =
  | 'unit title' | 'objective' | 'material' | 'method' | 'module title' | 'module summary'
  | 'heading' | 'paragraph' | 'list item' | 'table cell' | 'image alt text'
  | 'quiz question' | 'quiz option' | 'quiz explanation'
  | 'directive label' | 'title attribute' | 'role name';

/** One block of a unit body. */
export interface TextBlock {
  kind: BlockKind;
  msgid: string;
  line: number;
  column: number;
  /** Where a translation goes: the inline children of a node, or an attribute of a directive. */
  target: { node: Parent; explicitId?: string } | { node: ContainerDirective | LeafDirective; attr: string };
}

/** The parser the blocks are read with: the first three steps of the build's processor. */
export const blockParser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

const EXPLICIT_ID = /\s*\{#([A-Za-z0-9_][\w-]*)\}\s*$/;
const LETTER = /\p{L}/u;

/** Does a message hold words to translate (not only a variable, a number, code or a URL)? */
export function hasWords(msgid: string): boolean {
  const bare = msgid
    .replace(/`[^`]*`/g, '')
    .replace(/:var\[[^\]]*\]/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]*>/g, '');
  return LETTER.test(bare);
}

/** The source slice of a node's inline children, continuation lines unindented. */
function inlineSlice(node: Parent, text: string, quoted: boolean): string | undefined {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const strip = quoted ? /^[ \t]*(?:>[ \t]?)*/ : /^[ \t]+/;
  return text
    .slice(start, end)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l, i) => (i === 0 ? l : l.replace(strip, '')))
    .join('\n');
}

const onlyImages = (node: Parent) =>
  node.children.some((c) => c.type === 'image') && node.children.every((c) => c.type === 'image' || (c.type === 'text' && c.value.trim() === ''));

/** Every text block of a parsed unit body, in document order. */
export function textBlocks(tree: Root, source: string, unitType: string): TextBlock[] {
  // The parser's offsets do not count a byte order mark.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const out: TextBlock[] = [];
  const quiz = unitType === 'quiz';
  const walk = (node: Nodes, ancestors: Parent[]) => {
    const parent = ancestors[ancestors.length - 1];
    const quoted = ancestors.some((a) => a.type === 'blockquote');
    const at = (n: Nodes) => ({ line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 });
    if (node.type === 'containerDirective' || node.type === 'leafDirective') {
      const d = node as ContainerDirective | LeafDirective;
      for (const attr of ['title', 'name'] as const) {
        const value = d.attributes?.[attr];
        if (value && hasWords(value)) out.push({ kind: attr === 'name' && d.name === 'role' ? 'role name' : 'title attribute', msgid: value, ...at(d), target: { node: d, attr } });
      }
      if (d.type === 'leafDirective' && d.children.length) add(d, 'directive label', quoted);
    }
    if (node.type === 'heading') {
      const h = node as Heading;
      const slice = inlineSlice(h, text, quoted);
      if (slice !== undefined) {
        const m = EXPLICIT_ID.exec(slice);
        const msgid = m ? slice.slice(0, m.index) : slice;
        if (hasWords(msgid)) out.push({ kind: 'heading', msgid, ...at(h.children[0]!), target: { node: h, explicitId: m?.[1] } });
      }
      return;
    }
    if (node.type === 'tableCell') return add(node, 'table cell', quoted);
    if (node.type === 'paragraph') {
      let kind: BlockKind = 'paragraph';
      if (node.data && 'directiveLabel' in node.data && node.data.directiveLabel) kind = 'directive label';
      else if (onlyImages(node)) kind = 'image alt text';
      else if (parent?.type === 'listItem') {
        const item = parent as Parent & { checked?: boolean | null };
        const list = ancestors[ancestors.length - 2] as Parent & { ordered?: boolean };
        const topQuestion = quiz && ancestors.length === 3 && list?.ordered === true;
        if (topQuestion && item.children[0] === node) kind = 'quiz question';
        else if (quiz && typeof item.checked === 'boolean') kind = 'quiz option';
        else kind = 'list item';
      } else if (quiz && parent?.type === 'blockquote' && ancestors.length >= 4 && ancestors[2]?.type === 'listItem') kind = 'quiz explanation';
      return add(node, kind, quoted);
    }
    if ('children' in node) for (const c of node.children as RootContent[]) walk(c, [...ancestors, node as Parent]);
  };
  const add = (node: Parent, kind: BlockKind, quoted: boolean) => {
    const msgid = inlineSlice(node, text, quoted);
    if (msgid === undefined || !hasWords(msgid)) return;
    const first = node.children[0]!;
    out.push({ kind, msgid, line: first.position?.start.line ?? 1, column: first.position?.start.column ?? 1, target: { node } });
  };
  walk(tree, []);
  return out;
}

/** The blocks of a unit body given as text. */
export function blocksOfText(body: string, unitType: string): TextBlock[] {
  return textBlocks(blockParser.parse(body) as Root, body, unitType);
}

/**
 * A translation as inline content, or undefined when it is not inline content
 * (it starts a list or a heading, or holds a blank line): such a translation is
 * never applied (check reports it).
 */
export function parseInline(msgstr: string): RootContent[] | undefined {
  const once = (text: string) => {
    const tree = blockParser.parse(text) as Root;
    return tree.children.length === 1 && tree.children[0]!.type === 'paragraph' ? ((tree.children[0] as Parent).children as RootContent[]) : undefined;
  };
  // A block that opens with what would start a list or a heading on its own (a table cell
  // "1. First step", a heading "# 5"), read as the text it was in its place.
  return once(msgstr) ?? once(msgstr.replace(/^(\s{0,3})(\d{1,9})([.)])/, '$1$2\\$3').replace(/^(\s{0,3})([-+*#>])/, '$1\\$2'));
}
