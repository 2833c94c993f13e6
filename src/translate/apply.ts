/**
 * A catalogue at build time (FORMAT.md section 5, translate): the remark
 * plugin that puts each block's translation in place of its inline content.
 *
 * It runs right after the parse, before any other plugin, on units whose
 * `translation` the resolve stage set (layer.ts). For each text block
 * (blocks.ts) with a translation, the translation is parsed as inline
 * Markdown and its tree spliced in as the block's children (or the directive
 * attribute replaced): never a text substitution, so a translation cannot
 * open or close a block. A block without a translation keeps its text and is
 * wrapped in `<span class="tp-untranslated" lang dir>` (headings carry the
 * attributes themselves); the facilitator guide marks them, and a note at the
 * top of the unit, for the facilitator only, says some passages are not yet
 * translated.
 */
import type { Heading, Nodes, Paragraph, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { l10n } from '../markdown/remark-blocks.js';
import { parseInline, textBlocks } from './blocks.js';

/** Spliced nodes point at the block they replace (no offsets: nothing slices the unit's text by them). */
function place(nodes: Nodes[], line: number, column: number): void {
  for (const n of nodes) {
    n.position = { start: { line, column }, end: { line, column } };
    if ('children' in n) place(n.children as Nodes[], line, column);
  }
}

function mark(props: Record<string, unknown> | undefined, lang: string, dir: string): Record<string, unknown> {
  const className = Array.isArray(props?.className) ? (props.className as string[]) : [];
  return { ...props, lang, dir, className: [...className, 'tp-untranslated'] };
}

export default function remarkTranslate() {
  return (tree: Root, file: VFile) => {
    const unit = file.data.trainpack?.unit;
    const t = unit?.translation;
    if (!unit || !t) return;
    const messages = new Map(t.messages);
    const lang = t.fallbackLanguage;
    const dir = t.fallbackDir;
    let translated = 0;
    let untranslated = 0;
    for (const block of textBlocks(tree, String(file.value), unit.type)) {
      const msgstr = messages.get(block.msgid);
      const target = block.target;
      if ('attr' in target) {
        if (msgstr === undefined) untranslated++;
        else {
          target.node.attributes = { ...target.node.attributes, [target.attr]: msgstr };
          translated++;
        }
        continue;
      }
      const node = target.node;
      const inline = msgstr === undefined ? undefined : parseInline(msgstr);
      if (inline) {
        translated++;
        if (node.type === 'heading') {
          // The heading keeps the id its source text gives it (remark-headings.ts), so links to it hold in every language.
          node.data = { ...node.data, tpSlugSource: toString(node) } as Heading['data'];
          if (target.explicitId) inline.push({ type: 'text', value: ` {#${target.explicitId}}` });
        }
        place(inline as Nodes[], block.line, block.column);
        node.children = inline as Parent['children'];
        continue;
      }
      untranslated++;
      if (node.type === 'heading') {
        const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
        data.hProperties = mark(data.hProperties, lang, dir);
      } else {
        const span = { type: 'emphasis', data: { hName: 'span', hProperties: mark(undefined, lang, dir) }, children: node.children } as unknown as RootContent;
        node.children = [span] as Parent['children'];
      }
    }
    if (translated > 0 && untranslated > 0) {
      const note: Paragraph = { type: 'paragraph', data: { hProperties: { className: ['tp-facilitator', 'tp-fallback', 'tp-partial'], role: 'note' } }, children: [l10n('partial_translation_marker') as never] };
      tree.children.unshift(note);
    }
  };
}
