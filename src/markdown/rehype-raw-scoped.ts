/**
 * Raw HTML, parsed one block at a time. rehype-raw alone runs the whole
 * unit through one HTML parser, so a stray `</div>` inside `:::facilitator`
 * closes the facilitator block and publishes what follows, and `</aside>`
 * inside `:::notes` moves a speaker note onto the slide. Here every element
 * the views filter on (anything with a `tp-` class: blocks, quiz questions,
 * options, explanations, footnote lists) is handed to hast-util-raw (through
 * rehype-raw) as an opaque node whose children are parsed as a fragment of
 * their own: no tag can close, or reach out of, a block it did not open.
 *
 * Should raw HTML swallow a block whole (an unclosed `<textarea>` before
 * it), the block is missing after the parse: that is an error at the block,
 * and nothing of it is published.
 */
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';

const OPAQUE = 'tpScope';

const scoped = (el: Element) => {
  const c = el.properties?.className;
  return Array.isArray(c) && c.some((x) => typeof x === 'string' && x.startsWith('tp-'));
};

function hasRaw(node: Root | RootContent): boolean {
  return node.type === 'raw' || ('children' in node && (node.children as RootContent[]).some(hasRaw));
}

/** Turn scoped elements into opaque nodes (and count them), or back. */
function swap(node: Root | Element, to: 'opaque' | 'element', seen: Element[]): void {
  for (const child of node.children as (RootContent | { type: string })[]) {
    const c = child as Element;
    if (to === 'opaque' && c.type === 'element' && scoped(c)) {
      (c as unknown as { type: string }).type = OPAQUE;
      seen.push(c);
    } else if (to === 'element' && (c as { type: string }).type === OPAQUE) {
      (c as unknown as { type: string }).type = 'element';
      seen.push(c);
    }
    if ('children' in c && Array.isArray(c.children)) swap(c, to, seen);
  }
}

function uncheck(node: Root | Element): void {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'input' && c.properties) delete c.properties.checked;
    uncheck(c);
  }
}

export default function rehypeRawScoped() {
  const raw = rehypeRaw({ passThrough: [OPAQUE] });
  return (tree: Root, file: VFile): Root => {
    if (!hasRaw(tree)) return tree;
    const before: Element[] = [];
    swap(tree, 'opaque', before);
    const out = raw(tree, file) as Root;
    const after: Element[] = [];
    swap(out, 'element', after);
    // In a quiz, a checked box says which answer is right: raw HTML keeps none (remark-quiz.ts clears GFM's).
    if (file.data.trainpack?.unit.type === 'quiz') uncheck(out);
    if (after.length !== before.length) {
      const kept = new Set(after.map((e) => e.position?.start.offset));
      const lost = before.find((e) => !kept.has(e.position?.start.offset));
      const m = file.message('Raw HTML before this block swallows it (an unclosed `<textarea>`, `<script>` or comment?): it was left out', {
        place: lost?.position ?? { line: 1, column: 1 },
        ruleId: 'unsafe-html',
        source: 'trainpack',
      });
      m.fatal = true;
    }
    return out;
  };
}
