/**
 * XML text helpers shared by the Moodle XML and QTI writers. Everything a
 * writer puts in a document goes through one of these, so no author text
 * can end an element, an attribute or a CDATA section early.
 */

/**
 * Characters XML 1.0 forbids anywhere, even escaped or in CDATA: C0 controls
 * other than tab, newline and return; lone surrogates; U+FFFE and U+FFFF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drop the characters no XML document may hold. */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** Escape element content. `>` too, so `]]>` in text is harmless. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (double-quoted); whitespace kept as references so parsers do not normalise it. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * A CDATA section holding `s` verbatim. A `]]>` inside is split across two
 * sections (`]]` ends the first, `>` starts the second), the standard way.
 */
export function cdata(s: string): string {
  return `<![CDATA[${xmlSafe(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** A comment: `--` may not appear inside one, nor `-` at its end. */
export function xmlComment(s: string): string {
  return `<!-- ${xmlSafe(s).replace(/-{2,}/g, (m) => m.split('').join(' ')).replace(/-$/, '- ')} -->`;
}

/** Attributes in the order given; undefined values are left out. */
export function attrs(list: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(list)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

/**
 * An XML identifier (xs:NCName, what QTI identifiers and IMS CP ids are):
 * letters, digits, `-`, `_`, `.`, starting with a letter or `_`.
 */
export function ncName(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

/** One line of text: titles from YAML may hold newlines (block scalars). */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
