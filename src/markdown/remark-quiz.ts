/**
 * Quiz units (FORMAT.md "Quizzes"): the top-level ordered list becomes
 * questions. A nested task list gives the options (`[x]` = correct); a
 * blockquote in the item is the explanation, or the model answer of an open
 * question. The key is marked with `tp-correct` / `tp-explanation` classes,
 * which the participant view removes (with their content).
 */
import type { Blockquote, List, ListItem, Root } from 'mdast';
import type { VFile } from 'vfile';
import { l10n } from './remark-blocks.js';

function addClass(node: { data?: unknown }, ...names: string[]): void {
  const data = ((node.data as Record<string, unknown> | undefined) ??= {}) as { hProperties?: { className?: string[] } };
  node.data = data;
  data.hProperties ??= {};
  data.hProperties.className = [...(data.hProperties.className ?? []), ...names];
}

/** Mark quiz structure for the views. Only runs on units of type quiz. */
export default function remarkQuiz() {
  return (tree: Root, file: VFile) => {
    const { unit } = file.data.trainpack!;
    if (unit.type !== 'quiz') return;
    const lists = tree.children.filter((n): n is List => n.type === 'list' && n.ordered === true);
    if (lists.length === 0) {
      file.message('A quiz unit needs an ordered list of questions (`1. …`)', { place: { line: 1, column: 1 }, ruleId: 'quiz-format', source: 'trainpack' });
      return;
    }
    for (const list of lists) {
      addClass(list, 'tp-quiz');
      for (const item of list.children) {
        const options = item.children.find(
          (c): c is List => c.type === 'list' && c.children.some((o) => typeof o.checked === 'boolean'),
        );
        const explanation = item.children.filter((c): c is Blockquote => c.type === 'blockquote');
        let kind = 'tp-open';
        if (options) {
          const correct = options.children.filter((o: ListItem) => o.checked === true).length;
          kind = correct > 1 ? 'tp-multiple' : 'tp-single';
          if (correct === 0) {
            file.message('This question has options but none is marked correct with [x]', { place: item.position, ruleId: 'quiz-format', source: 'trainpack' });
          }
          addClass(options, 'tp-options');
          for (const o of options.children) {
            addClass(o, 'tp-option', ...(o.checked ? ['tp-correct'] : []));
            // The answer lives in the class alone; GFM's checked checkbox would carry it too.
            o.checked = null;
          }
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
  };
}
