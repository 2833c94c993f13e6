/**
 * Fill a parsed tree's placeholders for one edition: `<span data-var>` gets
 * the value of the var, `<span data-l10n>` the UI string in the edition's
 * language. Parsing leaves both open so one tree serves every edition; the
 * views and every other reader of a tree work on the filled copy.
 */
import type { ElementContent, Root } from 'hast';
import { rewrite } from './tree.js';

/** A string value of an object's own key, else undefined (never an inherited property). */
export function own(values: Record<string, unknown>, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(values, key)) return undefined;
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

/** A copy of `tree` with every placeholder replaced by its text. */
export function localize(tree: Root, strings: Record<string, string>, vars: Record<string, string>): Root {
  return rewrite(tree, (node): ElementContent | undefined => {
    if (node.type !== 'element' || node.tagName !== 'span') return undefined;
    const p = node.properties ?? {};
    // Own keys only: `:var[constructor]` must not reach Object.prototype.
    if (typeof p.dataVar === 'string') return { type: 'text', value: own(vars, p.dataVar) ?? `:var[${p.dataVar}]` };
    if (typeof p.dataL10n === 'string') return { type: 'text', value: own(strings, p.dataL10n) ?? p.dataL10n };
    return undefined;
  });
}
