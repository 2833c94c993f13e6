/**
 * Quiz units (FORMAT.md "Quizzes"): the top-level ordered list becomes
 * questions. A nested task list gives the options (`[x]` = correct); a
 * blockquote in the item is the explanation, or the model answer of an open
 * question. The key is marked with `tp-correct` / `tp-explanation` classes,
 * which the participant view removes (with their content).
 */
import type { Blockquote, List, ListItem, Parent, Root } from 'mdast';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { l10n } from './remark-blocks.js';

function addClass(node: { data?: unknown }, ...names: string[]): void {
  const data = ((node.data as Record<string, unknown> | undefined) ??= {}) as { hProperties?: { className?: string[] } };
  node.data = data;
  data.hProperties ??= {};
  data.hProperties.className = [...(data.hProperties.className ?? []), ...names];
}

/** Mark quiz structure for the views. Only runs on units of type quiz. */
/** Ordered lists not inside another list: each is a list of questions, wherever it sits (a `:::participant` block too). */
function quizLists(node: Parent, out: List[] = []): List[] {
  for (const c of node.children) {
    if (c.type === 'list' && c.ordered === true) out.push(c);
    else if (c.type !== 'list' && 'children' in c) quizLists(c as Parent, out);
  }
  return out;
}

/** Every node of a type under `node` (not looking inside the matches). */
function below<T extends Node>(node: Parent, test: (n: Node) => n is T, out: T[] = []): T[] {
  for (const c of node.children) {
    if (test(c)) out.push(c);
    else if ('children' in c) below(c as Parent, test, out);
  }
  return out;
}

const isBlockquote = (n: Node): n is Blockquote => n.type === 'blockquote';
const isTaskItem = (n: Node): n is ListItem => n.type === 'listItem' && typeof (n as ListItem).checked === 'boolean';

/**
 * Mark quiz structure for the views. Only runs on units of type quiz. Shapes
 * authors write by accident are keys all the same: options in lists with
 * different bullets (`-` then `*`: two lists), an explanation indented under
 * an option, a question list inside a block. Any other task item of a quiz
 * unit loses its checked state too (kept as a class, for the guide only).
 */
export default function remarkQuiz() {
  return (tree: Root, file: VFile) => {
    const { unit } = file.data.trainpack!;
    if (unit.type !== 'quiz') return;
    const lists = quizLists(tree);
    if (lists.length === 0) {
      file.message('A quiz unit needs an ordered list of questions (`1. …`)', { place: { line: 1, column: 1 }, ruleId: 'quiz-format', source: 'trainpack' });
      return;
    }
    for (const list of lists) {
      addClass(list, 'tp-quiz');
      for (const item of list.children) {
        const options = item.children.filter((c): c is List => c.type === 'list' && c.children.some(isTaskItem));
        const explanation = below(item, isBlockquote);
        let kind = 'tp-open';
        if (options.length) {
          const correct = options.flatMap((o) => o.children).filter((o: ListItem) => o.checked === true).length;
          kind = correct > 1 ? 'tp-multiple' : 'tp-single';
          if (correct === 0) {
            file.message('This question has options but none is marked correct with [x]', { place: item.position, ruleId: 'quiz-format', source: 'trainpack' });
          }
          for (const list of options) addClass(list, 'tp-options');
        }
        addClass(item, 'tp-question', kind);
        for (const q of explanation) {
          (q.data ??= {}).hName = 'div';
          addClass(q, 'tp-explanation');
          q.children.unshift({
            type: 'paragraph',
            data: { hProperties: { className: ['tp-label'] } },
            children: [l10n(kind === 'tp-open' ? 'model_answer' : 'explanation') as never],
          });
        }
      }
    }
    // The answer lives in the class alone; GFM's checked checkbox would carry it too.
    for (const o of below(tree, isTaskItem)) markOption(o);
  };
}

function markOption(o: ListItem): void {
  addClass(o, 'tp-option', ...(o.checked ? ['tp-correct'] : []));
  o.checked = null;
  for (const c of o.children) if ('children' in c) for (const inner of below(c as Parent, isTaskItem)) markOption(inner);
}
