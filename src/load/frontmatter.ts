/**
 * Front matter as authors save it: a `---` line, YAML, a closing `---` (or
 * `...`) line, then the body. Windows line endings and a byte-order mark are
 * accepted, so a file saved by Notepad builds exactly like its LF original.
 * The YAML itself is parsed with positions by ./yaml.ts; this module only
 * finds the block (it replaces gray-matter, which left a `\r` behind and
 * could not say where an unclosed block started).
 */

/** Text as the stages read it: no byte-order mark, `\n` line endings (lines and columns unchanged). */
export function normalizeSource(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
}

/** A Markdown file's front matter block, unparsed, and its body. */
export interface RawSplit {
  /**
   * The YAML between the `---` lines ('' without front matter), preceded by
   * one newline so that its line N is line N of the file.
   */
  matter: string;
  /** Body with the front matter replaced by blank lines, so remark positions are file positions. */
  body: string;
  hasFrontMatter: boolean;
  /** The opening `---` has no closing line: the whole file was taken as front matter. */
  unclosed?: boolean;
}

const OPEN = /^---[ \t]*\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Find the front matter block of a Markdown text (BOM and CRLF accepted); the YAML is not parsed. */
export function splitRaw(source: string): RawSplit {
  const text = normalizeSource(source);
  if (!OPEN.test(text)) return { matter: '', body: text, hasFrontMatter: false };
  const start = text.indexOf('\n') + 1;
  const rest = text.slice(start);
  const close = CLOSE.exec(rest);
  if (!close) return { matter: '\n' + rest, body: '', hasFrontMatter: true, unclosed: true };
  const end = start + close.index;
  const lineEnd = text.indexOf('\n', end);
  const bodyStart = lineEnd === -1 ? text.length : lineEnd + 1;
  const blank = '\n'.repeat(countLines(text, bodyStart));
  return { matter: '\n' + text.slice(start, end), body: blank + text.slice(bodyStart), hasFrontMatter: true };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The error for an opening `---` that is never closed, at the opening line. */
export const UNCLOSED_MESSAGE =
  'The front matter opened by --- on line 1 is never closed: add a line with --- after the last front-matter field';
