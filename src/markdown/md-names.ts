/**
 * Every `.md` name a unit's text may link to (plain, in `<angle brackets>`,
 * percent-encoded), found in one linear pass. It replaces a regex that was
 * quadratic in the length of a token without spaces (a 1 MB `data:` URL
 * took minutes); it finds what that regex found:
 * `<([^<>\n]+?\.md)(?=[#?>])|([^\s()<>"'[\]]+?\.md)(?=[#?)\s>"'\]]|$)`.
 */

const DELIMITERS = new Set(['(', ')', '<', '>', '"', "'", '[', ']']);
const isSpace = (c: string) => c <= ' ' ? c === ' ' || (c >= '\t' && c <= '\r') : c.charCodeAt(0) >= 0xa0 && /\s/.test(c);
const isDelimiter = (c: string) => DELIMITERS.has(c) || isSpace(c);
/** What may follow a name that ends a token. */
const AFTER_TOKEN = new Set([')', '>', '"', "'", ']']);

/** The raw `.md` references of a text, in order. */
export function mdReferences(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '<') {
      // `<name.md>`, `<name.md#x>`: up to the next < > or line end.
      let limit = i + 1;
      while (limit < n && text[limit] !== '<' && text[limit] !== '>' && text[limit] !== '\n') limit++;
      const inner = text.slice(i + 1, limit);
      const full = limit < n ? inner + text[limit] : inner;
      let k = inner.indexOf('.md');
      let matched = false;
      while (k !== -1) {
        const next = full[k + 3];
        if (k > 0 && (next === '#' || next === '?' || next === '>')) {
          out.push(inner.slice(0, k + 3));
          i = i + 1 + k + 3;
          matched = true;
          break;
        }
        k = inner.indexOf('.md', k + 1);
      }
      if (!matched) i++;
      continue;
    }
    if (isDelimiter(c)) {
      i++;
      continue;
    }
    // A token: a run of characters that are no delimiter.
    let end = i;
    while (end < n && !isDelimiter(text[end]!)) end++;
    const token = text.slice(i, end);
    let start = 0;
    for (let k = token.indexOf('.md'); k !== -1; k = token.indexOf('.md', k + 1)) {
      const at = k + 3;
      const next = at === token.length ? text[end] : token[at];
      const ok = at === token.length ? next === undefined || isSpace(next) || AFTER_TOKEN.has(next) : next === '#' || next === '?';
      if (ok && k > start) {
        out.push(token.slice(start, at));
        start = at;
      }
    }
    i = end;
  }
  return out;
}
