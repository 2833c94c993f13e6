/**
 * The shape of a unit's directives and nesting, checked right after the
 * Markdown is read and before anything acts on it:
 *
 * - nesting deeper than MAX_DEPTH (quotes, lists, blocks) is an error at
 *   the first node too deep, whose content is dropped: later stages recurse;
 * - a container holding a container with as many colons as itself or more
 *   is an error: the inner one's closing fence closes the outer one, and
 *   what follows would fall out of it (a facilitator note made public);
 * - a container never closed is an error at its opening line;
 * - a text or leaf directive naming a block (`:facilitator[…]`,
 *   `::solution`) is an error: blocks need three colons and a closing fence;
 * - a text directive with neither `[label]` nor `{attributes}` is plain
 *   text (`10:30`, `1:10`, `see:tip`, `Wikipedia:Bypass`), silently.
 */
import type { Parent, Root, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { BLOCKS, closestName } from './remark-blocks.js';

/** Deepest nesting of Markdown nodes a unit may have. */
export const MAX_DEPTH = 200;

type Directive = ContainerDirective | LeafDirective | TextDirective;

function error(file: VFile, reason: string, place: RootContent['position'], ruleId: string): void {
  const m = file.message(reason, { place, ruleId, source: 'trainpack' });
  m.fatal = true;
}

/** Colons of a container's opening fence. */
function colonsAt(source: string, d: ContainerDirective): number {
  const start = d.position?.start.offset ?? 0;
  let n = 0;
  while (source.charCodeAt(start + n) === 58) n++;
  return n;
}

/** Does the container end with its own closing fence (as many colons or more)? */
function closed(source: string, d: ContainerDirective, colons: number): boolean {
  const end = d.position?.end.offset;
  if (end === undefined) return true;
  const lineStart = source.lastIndexOf('\n', end - 1) + 1;
  const last = source.slice(lineStart, end).trim();
  return last.length >= colons && /^:+$/.test(last) && lineStart > (d.position?.start.offset ?? 0);
}

/** A directive as it was written, for putting it back as text. */
function sourceOf(source: string, node: Directive): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
}

const hasLabelOrAttributes = (source: string, d: TextDirective) => /[[{]/.test(sourceOf(source, d).slice(1 + d.name.length));

export default function remarkStructure() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    // Iterative walk: the depth check must not itself overflow the stack.
    const stack: { node: Parent; depth: number; containers: { d: ContainerDirective; colons: number }[] }[] = [{ node: tree, depth: 0, containers: [] }];
    let tooDeep = false;
    while (stack.length) {
      const { node, depth, containers } = stack.pop()!;
      if (depth >= MAX_DEPTH) {
        if (!tooDeep) error(file, `Nesting deeper than ${MAX_DEPTH} levels (block quotes, lists or blocks inside each other): its content is left out`, node.position, 'too-deep');
        tooDeep = true;
        node.children = [];
        continue;
      }
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i]!;
        let inner = containers;
        if (child.type === 'containerDirective') {
          const colons = colonsAt(source, child);
          const outer = containers[containers.length - 1];
          if (outer && colons >= outer.colons) {
            error(
              file,
              `\`${':'.repeat(colons)}${child.name}\` inside \`${':'.repeat(outer.colons)}${outer.d.name}\` has as many colons or more: its closing fence closes \`${outer.d.name}\` instead, and what follows falls out of it. Use more colons outside: \`${':'.repeat(colons + 1)}${outer.d.name}\` … \`${':'.repeat(colons + 1)}\``,
              child.position,
              'directive-nesting',
            );
          } else if (!closed(source, child, colons)) {
            error(file, `\`${':'.repeat(colons)}${child.name}\` is never closed: end it with a line \`${':'.repeat(colons)}\``, child.position && { start: child.position.start, end: child.position.start }, 'directive-nesting');
          }
          inner = [...containers, { d: child, colons }];
        } else if (child.type === 'leafDirective' && child.name in BLOCKS) {
          error(file, `\`::${child.name}\` is a leaf directive; a block needs three colons and a closing fence: \`:::${child.name}\` … \`:::\``, child.position, 'directive-nesting');
          node.children.splice(i, 1);
          continue;
        } else if (child.type === 'textDirective' && child.name !== 'var') {
          if (!hasLabelOrAttributes(source, child)) {
            // A colon inside a word or number: plain text.
            node.children.splice(i, 1, { type: 'text', value: sourceOf(source, child), position: child.position } as Text);
            continue;
          }
          if (child.name in BLOCKS) {
            error(file, `\`:${child.name}[…]\` is a text directive; a \`${child.name}\` block needs its own lines: \`:::${child.name}\` … \`:::\``, child.position, 'directive-nesting');
            node.children.splice(i, 1);
            continue;
          }
          const guess = closestName(child.name);
          file.message(`Unknown text directive ":${child.name}" (kept as plain text)${guess ? `: did you mean ":${guess}"?` : ''}`, { place: child.position, ruleId: 'unknown-directive', source: 'trainpack' });
          node.children.splice(i, 1, { type: 'text', value: sourceOf(source, child), position: child.position } as Text);
          continue;
        }
        if ('children' in child) stack.push({ node: child as Parent, depth: depth + 1, containers: inner });
      }
    }
  };
}
