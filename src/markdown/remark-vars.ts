/**
 * `:var[name]` -> a placeholder element `<span data-var="name">` that the
 * views fill with the edition's value (FORMAT.md section 4). Values are put
 * in after parsing so that one parsed tree serves every edition, whatever
 * its vars; the names used and their places are recorded in
 * `file.data.trainpackVars` so an undefined name is still an error at its
 * position, edition by edition (see pipeline.ts).
 */
import type { Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A `:var[name]` in a unit, with its place. */
export interface VarUse {
  name: string;
  line?: number;
  column?: number;
}

declare module 'vfile' {
  interface DataMap {
    trainpackVars: VarUse[];
  }
}

/** Replace var directives with placeholders and record their names. */
export default function remarkVars() {
  return (tree: Root, file: VFile) => {
    const uses: VarUse[] = (file.data.trainpackVars = []);
    if (!String(file.value).includes(':var')) return;
    visit(tree, 'textDirective', (node: TextDirective, index, parent) => {
      if (node.name !== 'var' || !parent || index === undefined) return;
      const name = (toString(node) || node.attributes?.name || '').trim();
      uses.push({ name, line: node.position?.start.line, column: node.position?.start.column });
      const placeholder = { type: 'textDirective', name: 'var', attributes: {}, children: [], data: { hName: 'span', hProperties: { dataVar: name } } } as TextDirective;
      parent.children.splice(index, 1, placeholder);
      return [SKIP, index + 1];
    });
  };
}
