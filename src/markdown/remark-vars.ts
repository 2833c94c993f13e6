/**
 * `:var[name]` -> the edition's value of `name`. An undefined name is an
 * error at the directive's position (FORMAT.md section 4).
 */
import type { Root, Text } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Replace var directives with text. */
export default function remarkVars() {
  return (tree: Root, file: VFile) => {
    const { vars } = file.data.trainpack!;
    if (!String(file.value).includes(':var')) return;
    visit(tree, 'textDirective', (node: TextDirective, index, parent) => {
      if (node.name !== 'var' || !parent || index === undefined) return;
      const name = (toString(node) || node.attributes?.name || '').trim();
      const value = vars[name];
      if (value === undefined) {
        const known = Object.keys(vars);
        const msg = file.message(
          `Undefined variable "${name}"${known.length ? ` (defined: ${known.join(', ')})` : ''}`,
          { place: node.position, ruleId: 'undefined-var', source: 'trainpack' },
        );
        msg.fatal = true;
      }
      const text: Text = { type: 'text', value: value ?? `:var[${name}]` };
      parent.children.splice(index, 1, text);
      return [SKIP, index + 1];
    });
  };
}
