/**
 * Raw HTML allowlist. Everything the sanitiser would remove is first
 * reported as a warning at its position, then removed by hast-util-sanitize
 * with the same schema, so the report and the result cannot disagree.
 *
 * Allowed: GitHub's allowlist (text formatting, lists, tables, images,
 * links, details/summary, …) plus `section`, `aside`, `figure`,
 * `figcaption`, `mark`, `small`, `u`, `abbr`, and `class`, `lang`, `dir`,
 * `role`, `aria-*` on any element. Never allowed: `script`, `style`,
 * `iframe`, `object`, `embed`, forms, event handlers (`on*`), `style`
 * attributes, and URLs other than http(s), mailto and tel (no
 * `javascript:`). HTML comments are dropped silently (they are an author's
 * scratch space and must never reach participants).
 */
import type { Element, Root } from 'hast';
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const extraTags = ['section', 'aside', 'figure', 'figcaption', 'mark', 'small', 'u', 'abbr', 'caption', 'colgroup', 'col'];
const stripped = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'select', 'title', 'svg', 'math', 'frame', 'frameset', 'applet', 'base', 'link', 'meta'];
const globalAttrs = ['className', 'lang', 'dir', 'role', 'ariaLabel', 'ariaHidden', 'ariaDescribedBy', 'ariaLabelledBy'];

/** The allowlist, documented in the README under "Raw HTML". */
export const schema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...extraTags].filter((t) => !stripped.includes(t)),
  strip: stripped,
  clobber: [],
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), ...globalAttrs],
    // GitHub's list limits classes on these; our own markup needs them free.
    li: ['className'],
    ul: ['className'],
    ol: ['className', 'start', 'reversed'],
    section: ['className', 'dataFootnotes'],
    code: ['className'],
    h2: ['className'],
    div: ['className'],
    // Placeholders the views fill per edition: a var's value, a UI string.
    span: ['dataVar', 'dataL10n'],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'] },
};

const allowedByTag = new Map<string, Set<string>>();

function allowedAttrs(tag: string): Set<string> {
  let set = allowedByTag.get(tag);
  if (!set) {
    const list = [...(schema.attributes?.['*'] ?? []), ...(schema.attributes?.[tag] ?? [])];
    allowedByTag.set(tag, (set = new Set(list.map((a) => (Array.isArray(a) ? String(a[0]) : String(a))))));
  }
  return set;
}

function badProtocol(value: unknown, allowed: readonly string[] | undefined): boolean {
  if (typeof value !== 'string' || !allowed) return false;
  const v = value.trim();
  const colon = v.indexOf(':');
  if (colon === -1) return false;
  const beforeSlash = v.search(/[/?#]/);
  if (beforeSlash !== -1 && beforeSlash < colon) return false; // relative URL with a colon later on
  return !allowed.includes(v.slice(0, colon).toLowerCase());
}

/** Warn about, then remove, whatever raw HTML is outside the allowlist. */
export default function rehypeSafety() {
  return (tree: Root, file: VFile): Root => {
    const tags = new Set(schema.tagNames);
    let found = false;
    visit(tree, (node) => {
      if (node.type === 'comment') found = true;
      if (node.type !== 'element') return;
      const el = node as Element;
      const place = el.position;
      if (!tags.has(el.tagName)) {
        const what = schema.strip?.includes(el.tagName) ? 'removed with its content' : 'removed (its text is kept)';
        file.message(`Raw HTML <${el.tagName}> is not allowed: ${what}`, { place, ruleId: 'unsafe-html', source: 'trainpack' });
        found = true;
        return;
      }
      const allowed = allowedAttrs(el.tagName);
      for (const [prop, value] of Object.entries(el.properties ?? {})) {
        if (!allowed.has(prop)) {
          found = true;
          file.message(`Attribute "${prop}" on <${el.tagName}> is not allowed: removed`, { place, ruleId: 'unsafe-html', source: 'trainpack' });
        } else if (badProtocol(value, schema.protocols?.[prop as 'href'] ?? undefined)) {
          found = true;
          file.message(`URL "${String(value)}" on <${el.tagName}> uses a scheme that is not allowed: removed`, { place, ruleId: 'unsafe-html', source: 'trainpack' });
        }
      }
    });
    // The check above applies the sanitiser's own rules: when it found nothing
    // (and there is no comment to drop), sanitising would return the same
    // tree, so the deep copy it makes is skipped.
    return found ? (sanitize(tree, schema) as Root) : tree;
  };
}
