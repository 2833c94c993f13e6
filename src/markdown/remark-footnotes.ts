/**
 * Footnotes belong to the block that holds their definition. GFM gathers
 * every definition of a file into one list at its end, so a footnote
 * defined inside `:::facilitator` would reach the handout; here each block
 * (and the unit outside any block) gets its own list at its own end, and the
 * views keep or drop it with the block.
 *
 * A reference finds its definition in its own block or a block around it;
 * a reference to a definition elsewhere (inside a block it is not in) stays
 * text, `[^label]`, with a warning. Notes are numbered per block, in the
 * order of their first reference.
 */
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';

interface Scope {
  node: Root | ContainerDirective;
  index: number;
  parent?: Scope;
  definitions: Map<string, FootnoteDefinition>;
  /** Labels in the order of their first reference, with their number. */
  numbers: Map<string, number>;
}

const norm = (label: string) => label.toLowerCase().replace(/\s+/g, ' ').trim();

export default function remarkFootnotes() {
  return (tree: Root, file: VFile) => {
    if (!String(file.value).includes('[^')) return;
    const { unit } = file.data.trainpack!;
    const scopes: Scope[] = [];
    const refs: { ref: FootnoteReference; parent: Parent; scope: Scope }[] = [];

    // Gather definitions (removed from the tree) and references, scope by scope.
    const walk = (node: Parent, scope: Scope) => {
      for (let i = 0; i < node.children.length; i++) {
        const child = node.children[i]!;
        if (child.type === 'footnoteDefinition') {
          const key = norm(child.identifier);
          if (!scope.definitions.has(key)) scope.definitions.set(key, child);
          node.children.splice(i--, 1);
          walk(child, scope);
          continue;
        }
        if (child.type === 'footnoteReference') refs.push({ ref: child, parent: node, scope });
        if (child.type === 'containerDirective') {
          const inner: Scope = { node: child, index: scopes.length, parent: scope, definitions: new Map(), numbers: new Map() };
          scopes.push(inner);
          walk(child, inner);
        } else if ('children' in child) walk(child as Parent, scope);
      }
    };
    const top: Scope = { node: tree, index: 0, definitions: new Map(), numbers: new Map() };
    scopes.push(top);
    walk(tree, top);

    const id = (s: Scope, n: number) => `fn-${s.index}-${n}`;
    for (const { ref, parent, scope } of refs) {
      const key = norm(ref.identifier);
      let owner: Scope | undefined = scope;
      while (owner && !owner.definitions.has(key)) owner = owner.parent;
      const at = parent.children.indexOf(ref as never);
      if (!owner) {
        const elsewhere = scopes.some((s) => s.definitions.has(key));
        if (elsewhere) {
          file.message(`Footnote [^${ref.label ?? ref.identifier}] is defined inside a block this text is not in: shown as text. Move the definition next to the text`, { place: ref.position, ruleId: 'footnote-scope', source: 'trainpack' });
        }
        parent.children.splice(at, 1, { type: 'text', value: `[^${ref.label ?? ref.identifier}]`, position: ref.position });
        continue;
      }
      let n = owner.numbers.get(key);
      const first = n === undefined;
      if (first) owner.numbers.set(key, (n = owner.numbers.size + 1));
      const link = {
        type: 'link',
        url: `#${id(owner, n!)}`,
        children: [{ type: 'text', value: String(n) }],
        data: { hProperties: { dataFootnoteRef: true, ...(first ? { id: `${unit.id}--fnref-${owner.index}-${n}` } : {}) } },
      };
      parent.children.splice(at, 1, { type: 'tpFootnoteRef', data: { hName: 'sup' }, children: [link] } as unknown as PhrasingContent);
    }

    // Each scope's used definitions, as a list at its end.
    for (const s of scopes) {
      if (s.numbers.size === 0) continue;
      const items = [...s.numbers].map(([key, n]) => {
        const def = s.definitions.get(key)!;
        const back = { type: 'link', url: `#fnref-${s.index}-${n}`, children: [{ type: 'text', value: '↩' }], data: { hProperties: { dataFootnoteBackref: '' } } };
        const children = [...def.children] as RootContent[];
        const last = children[children.length - 1];
        if (last && last.type === 'paragraph') children[children.length - 1] = { ...last, children: [...last.children, { type: 'text', value: ' ' }, back as never] };
        else children.push({ type: 'paragraph', children: [back as never] });
        return { type: 'listItem', spread: false, data: { hProperties: { id: `${unit.id}--${id(s, n)}` } }, children };
      });
      const list = { type: 'list', ordered: true, spread: false, children: items };
      (s.node.children as RootContent[]).push({ type: 'tpFootnotes', data: { hName: 'section', hProperties: { className: ['footnotes', 'tp-footnotes'], dataFootnotes: true } }, children: [list] } as never);
    }
  };
}
