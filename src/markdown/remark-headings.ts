/**
 * Heading ids and levels. `## Title {#id}` takes the explicit id (and loses
 * the suffix); other headings get a GitHub-style slug. Ids are prefixed with
 * the unit id so that many units share one page without clashes.
 *
 * Headings outside slides are shifted so that the unit's top level becomes
 * `h4` (the page has h1 title, h2 module, h3 unit): heading order stays valid
 * whatever level the author started at.
 */
import type { Heading, Root, Text } from 'mdast';
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

const EXPLICIT = /\s*\{#([A-Za-z0-9_][\w-]*)\}\s*$/;

/** Read and strip an explicit `{#id}`; returns the id if present. */
export function explicitId(heading: Heading): string | undefined {
  const last = heading.children[heading.children.length - 1];
  if (!last || last.type !== 'text') return undefined;
  const m = EXPLICIT.exec(last.value);
  if (!m) return undefined;
  (last as Text).value = last.value.slice(0, m.index);
  return m[1];
}

export default function remarkHeadings() {
  return (tree: Root, file: VFile) => {
    const { unit } = file.data.trainpack!;
    const slugger = new GithubSlugger();
    const outside: Heading[] = [];
    visitParents(tree, 'heading', (h: Heading, ancestors) => {
      // A translated heading keeps the slug of its source text (src/translate/apply.ts).
      const id = explicitId(h) ?? slugger.slug((h.data as { tpSlugSource?: string } | undefined)?.tpSlugSource ?? toString(h));
      const inSlide = ancestors.some((a) => a.type === 'containerDirective' && (a as { name?: string }).name === 'slide');
      h.data = { ...h.data, hProperties: { ...(h.data?.hProperties ?? {}), id: `${unit.id}--${id}` } };
      if (!inSlide) outside.push(h);
    });
    const min = Math.min(...outside.map((h) => h.depth));
    for (const h of outside) h.depth = Math.min(6, h.depth - min + 4) as Heading['depth'];
  };
}
