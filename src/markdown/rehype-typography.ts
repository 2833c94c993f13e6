/**
 * Content typography by locale (render/typography.ts): curly quotes,
 * apostrophes and French spacing in a unit's text nodes, in the language
 * its text is written in. Never inside code, URLs or attribute values; the
 * directives are elements by now, so their syntax is out of reach. Off for a
 * unit whose edition says `typography: false`.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { typesetTree } from '../render/typography.js';

export default function rehypeTypography() {
  return (tree: Root, file: VFile) => {
    const unit = file.data.trainpack?.unit;
    if (!unit || unit.typography === false) return;
    typesetTree(tree, unit.language ?? 'en');
  };
}
