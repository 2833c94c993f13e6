/**
 * Patches (FORMAT.md section 5): `:::replace|before|after|remove{section="id"}`
 * applied to the Markdown text of the file below.
 *
 * A section is a top-level heading and everything up to the next top-level
 * heading of the same or a higher level (headings inside blocks such as
 * `:::slide` do not end sections). Its id is the heading's `{#id}` suffix,
 * else the GitHub slug of its text, numbered like GitHub does for repeats.
 * `replace` content that starts with a heading replaces the whole section;
 * content without a heading keeps the original heading and replaces the body.
 */
import type { Heading, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkGfm from '../markdown/remark-gfm-promised.js';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Diagnostics } from '../errors.js';
import { memoTable, sha1 } from '../cache/memo.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/** A section of a Markdown text, as character offsets. */
export interface Section {
  id: string;
  depth: number;
  /** Start of the heading line. */
  start: number;
  /** End of the heading (start of the body). */
  bodyStart: number;
  /** Start of the next section of the same or a higher level, or the end of the text. */
  end: number;
}

/** Sections by a hash of the text (cache/memo.ts): the text below a patch is parsed once, not once a run. */
const known = memoTable<Section[]>('sections');

/** The sections of a Markdown text, in order. */
export function sections(text: string): Section[] {
  const key = sha1(text);
  const hit = known.get(key);
  if (hit) return hit;
  const out = sectionsOf(text);
  known.set(key, out);
  return out;
}

function sectionsOf(text: string): Section[] {
  const tree = parser.parse(text) as Root;
  const slugger = new GithubSlugger();
  const heads = tree.children.filter((n): n is Heading => n.type === 'heading');
  const out: Section[] = [];
  heads.forEach((h, i) => {
    const label = toString(h);
    const explicit = /\s*\{#([A-Za-z0-9_][\w-]*)\}\s*$/.exec(label);
    const id = explicit ? explicit[1]! : slugger.slug(label);
    const next = heads.slice(i + 1).find((n) => n.depth <= h.depth);
    out.push({
      id,
      depth: h.depth,
      start: lineStart(text, h.position!.start.offset!),
      bodyStart: h.position!.end.offset!,
      end: next ? lineStart(text, next.position!.start.offset!) : text.length,
    });
  });
  return out;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** One operation of a patch file. */
export interface PatchOp {
  op: 'replace' | 'before' | 'after' | 'remove';
  section: string;
  content: string;
  line: number;
  column: number;
}

/** Read the operations of a patch body; anything else in the body is an error. */
export function readPatch(body: string, file: string, diags: Diagnostics): PatchOp[] {
  const tree = parser.parse(body) as Root;
  const lines = body.split('\n');
  const ops: PatchOp[] = [];
  for (const node of tree.children) {
    const pos = node.position!;
    const where = { file, line: pos.start.line, column: pos.start.column };
    if (node.type !== 'containerDirective' || !['replace', 'before', 'after', 'remove'].includes((node as ContainerDirective).name)) {
      diags.error('overlay', 'A patch body holds only :::replace, :::before, :::after and :::remove blocks', where);
      continue;
    }
    const d = node as ContainerDirective;
    const section = d.attributes?.section;
    if (!section) {
      diags.error('overlay', `:::${d.name} needs a section: :::${d.name}{section="id"}`, where);
      continue;
    }
    // The raw Markdown between the opening and closing fence lines.
    const closed = /^\s*:{3,}\s*$/.test(lines[pos.end.line - 1] ?? '');
    const content = lines.slice(pos.start.line, closed ? pos.end.line - 1 : pos.end.line).join('\n');
    ops.push({ op: d.name as PatchOp['op'], section, content, line: where.line, column: where.column });
  }
  return ops;
}

/** One change to a text, as offsets into it. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The edit an operation makes on a text whose sections are `s`. */
function editOf(op: PatchOp, s: Section, text: string): Edit {
  const block = op.content.trim() + '\n\n';
  const startsWithHeading = /^#{1,6}\s/.test(op.content.trimStart());
  switch (op.op) {
    case 'remove':
      return { start: s.start, end: s.end, text: '' };
    case 'before':
      return { start: s.start, end: s.start, text: block };
    case 'after': {
      // Keep one blank line between the section and what is inserted after it.
      const before = text.slice(0, s.end);
      const trimmed = before.replace(/\n*$/, '');
      return { start: trimmed.length, end: s.end, text: '\n\n' + block };
    }
    case 'replace':
      return startsWithHeading ? { start: s.start, end: s.end, text: block } : { start: s.bodyStart, end: s.end, text: '\n\n' + block };
  }
}

/**
 * Apply operations to a text; a missing section is an error at the
 * operation. The text is parsed once and every edit made against it; only
 * when two operations touch overlapping ranges (a section and one inside
 * it) are they applied one after another, re-reading the sections between.
 */
export function applyPatch(text: string, ops: PatchOp[], file: string, diags: Diagnostics): string {
  const all = sections(text);
  const edits: Edit[] = [];
  for (const op of ops) {
    const s = all.find((x) => x.id === op.section);
    if (!s) return applySequentially(text, ops, file, diags);
    edits.push(editOf(op, s, text));
  }
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  const overlap = sorted.some((e, k) => k > 0 && e.start < sorted[k - 1]!.end);
  if (overlap) return applySequentially(text, ops, file, diags);
  let out = text;
  for (const e of [...sorted].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // Where each insertion sits in the result.
  let delta = 0;
  const placed = sorted.map((e) => {
    const at = { start: e.start + delta, end: e.start + delta + e.text.length, op: ops[e.i]! };
    delta += e.text.length - (e.end - e.start);
    return at;
  });
  const bad = straddled(out, placed);
  if (bad.length === 0) return out;
  for (const op of bad) reportSwallow(op, file, diags);
  return text;
}

/**
 * A patch's content is spliced as whole blocks: in the result, no top-level
 * block may begin inside an insertion and end outside it, or the other way
 * round. An unclosed code fence, `:::` block or HTML comment in the content
 * would otherwise swallow the text of the file below (its facilitator notes
 * included) into whatever the content opened. Returns the operations whose
 * content does not stand on its own.
 */
function straddled(result: string, placed: { start: number; end: number; op: PatchOp }[]): PatchOp[] {
  const spans = placed.filter((p) => p.end > p.start);
  if (spans.length === 0) return [];
  const nodes = (parser.parse(result) as Root).children.map((n) => [n.position!.start.offset!, n.position!.end.offset!] as const);
  const cuts = (at: number) => nodes.some(([a, b]) => a < at && at < b);
  return spans.filter((p) => cuts(p.start) || cuts(p.end)).map((p) => p.op);
}

function reportSwallow(op: PatchOp, file: string, diags: Diagnostics): void {
  diags.error(
    'overlay',
    `The content of this :::${op.op} does not stand on its own (an unclosed code fence, \`:::\` block or HTML comment?): spliced in, it would swallow the text of the file below. Close what it opens inside the block`,
    { file, line: op.line, column: op.column },
  );
}

/** One operation at a time, each on the result of the one before. */
function applySequentially(text: string, ops: PatchOp[], file: string, diags: Diagnostics): string {
  let out = text;
  for (const op of ops) {
    const all = sections(out);
    const s = all.find((x) => x.id === op.section);
    if (!s) {
      diags.error('overlay', `Section "${op.section}" does not exist in the file below (sections: ${all.map((x) => x.id).join(', ') || 'none'})`, { file, line: op.line, column: op.column });
      continue;
    }
    const e = editOf(op, s, out);
    const next = out.slice(0, e.start) + e.text + out.slice(e.end);
    if (straddled(next, [{ start: e.start, end: e.start + e.text.length, op }]).length) {
      reportSwallow(op, file, diags);
      continue;
    }
    out = next;
  }
  return out;
}
