/**
 * What a unit says only to facilitators, read off the Markdown tree as the
 * author wrote it: before raw HTML is parsed, before any view filters
 * anything. The leak guard (views/guard.ts) looks for these passages in
 * every participant output; reading them from the source structure keeps
 * the guard independent of the views it checks.
 *
 * A passage is one leaf of text (a text run, inline code, a code block, the
 * text and attribute values of raw HTML, an image's alt and title, a link's
 * title and address, a directive's attribute) inside a hidden block:
 * `:::facilitator`, `:::notes`, `:::solution`, `:::debrief`, an unknown
 * block, `:::role` (kind `role`) and, in quiz units, a block quote inside a
 * question (kind `key`). Everything else is `shown`: text a passage may
 * also legitimately be part of.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';
import { BLOCKS } from './remark-blocks.js';
import { decodeEntities, normalizeSpace } from '../views/text.js';

export type PassageKind = 'facilitator' | 'notes' | 'solution' | 'debrief' | 'unknown' | 'role' | 'key';

/** One facilitator-only passage with its place in the unit's file. */
export interface HiddenPassage {
  text: string;
  kind: PassageKind;
  line: number;
  column: number;
}

export interface UnitPassages {
  hidden: HiddenPassage[];
  /** Every leaf outside hidden blocks, one a line. */
  shown: string;
}

declare module 'vfile' {
  interface DataMap {
    trainpackPassages: UnitPassages;
  }
}

/** Shorter passages are not looked for: too likely to occur by chance ("Yes", "Step 2"). */
export const MIN_PASSAGE = 8;
const MAX_URL = 2000;

const KIND_OF: Record<string, PassageKind> = { facilitator: 'facilitator', notes: 'notes', solution: 'solution', debrief: 'debrief', role: 'role' };

/** Text runs and quoted attribute values of a piece of raw HTML, in one linear pass. */
export function htmlLeaves(html: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const end = lt === -1 ? html.length : lt;
    if (end > i) out.push(html.slice(i, end));
    if (lt === -1) break;
    const gt = html.indexOf('>', lt);
    const tag = html.slice(lt, gt === -1 ? html.length : gt + 1);
    if (tag.startsWith('<!--')) out.push(tag.slice(4, tag.endsWith('-->') ? -3 : undefined));
    else if (tag.startsWith('<!') || tag.startsWith('<?')) out.push(tag.slice(2, -1));
    else for (const m of tag.matchAll(/"([^"]*)"|'([^']*)'|=\s*([^\s"'>]+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
    i = gt === -1 ? html.length : gt + 1;
  }
  return out.map(decodeEntities);
}

/** The leaves of text a node carries itself (not its children's). */
function leavesOf(node: Node & Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') out.push(v);
  };
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      add(node.value);
      break;
    case 'html':
      out.push(...htmlLeaves(String(node.value)));
      break;
    case 'image':
    case 'imageReference':
      add(node.alt);
      break;
  }
  add(node.title);
  if (typeof node.url === 'string' && node.url.length < MAX_URL && !node.url.startsWith('data:')) add(node.url);
  const attrs = node.attributes as Record<string, unknown> | undefined;
  if (attrs && typeof attrs === 'object') for (const v of Object.values(attrs)) add(v);
  return out;
}

/** Collect a unit's hidden passages and shown text into `file.data.trainpackPassages`. */
export default function remarkPassages() {
  return (tree: Root, file: VFile) => {
    const quiz = file.data.trainpack?.unit.type === 'quiz';
    const hidden: HiddenPassage[] = [];
    const shown: string[] = [];
    const stack: { node: Node; kind?: PassageKind; inList: boolean }[] = [{ node: tree, inList: false }];
    while (stack.length) {
      const { node, kind: outer, inList } = stack.pop()!;
      let kind = outer;
      const n = node as Node & { name?: string; children?: Node[]; data?: { directiveLabel?: boolean } } & Record<string, unknown>;
      // A role's name (attribute or `[label]`) is shown with the role; its brief is not.
      const roleName = n.type === 'containerDirective' && n.name === 'role';
      if (!kind) {
        if (n.type === 'containerDirective' || n.type === 'leafDirective') kind = KIND_OF[n.name!] ?? (n.name! in BLOCKS ? undefined : 'unknown');
        else if (quiz && inList && n.type === 'blockquote') kind = 'key';
      } else if (kind === 'role' && (n.type === 'containerDirective' || n.type === 'leafDirective')) {
        // A solution or note inside a role brief is secret even where role briefs are not.
        const inner = KIND_OF[n.name!] ?? (n.name! in BLOCKS ? undefined : 'unknown');
        if (inner && inner !== 'role') kind = inner;
      }
      for (const raw of leavesOf(n)) {
        const text = normalizeSpace(raw);
        if (!kind || (roleName && kind === 'role' && !outer)) shown.push(text);
        else if (text.length >= MIN_PASSAGE) hidden.push({ text, kind, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 });
      }
      const children = (n as Parent).children;
      if (children) {
        for (let i = children.length - 1; i >= 0; i--) {
          const label = roleName && i === 0 && (children[i] as { data?: { directiveLabel?: boolean } }).data?.directiveLabel;
          stack.push({ node: children[i]!, kind: label ? outer : kind, inList: inList || n.type === 'list' });
        }
      }
    }
    file.data.trainpackPassages = { hidden, shown: shown.join('\n') };
  };
}
