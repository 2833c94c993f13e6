/**
 * A unit's text as the parser gets it. Three things happen before any
 * Markdown is read, each keeping every character at its offset (so lines,
 * columns and offsets of diagnostics still point into the author's file):
 *
 * - binary content (a NUL byte) is an error at its place, and nothing of the
 *   body is parsed (a PDF saved as `.md` would give hundreds of warnings);
 * - the Unicode noncharacters U+FDD0–U+FDEF, which the render stage uses as
 *   its own markers (render/fragments.ts, render/slots.ts), become U+FFFD:
 *   no source text can forge a marker;
 * - pandoc's spelling of a fenced div (`::: name`, `::: {.name key="v"}`,
 *   `::: name :::`), which Quarto, pandoc and the Carpentries use, becomes
 *   the remark-directive container `:::name{key="v"}`, padded with spaces
 *   to the same length. Lines inside fenced code are left alone.
 */

export interface SourceProblem {
  reason: string;
  line: number;
  column: number;
  ruleId: 'binary-content' | 'unknown-directive' | 'too-deep';
}

export interface PreparedSource {
  text: string;
  problems: SourceProblem[];
  /** True when the body is binary: parse nothing. */
  binary: boolean;
}

const NONCHARACTERS = /[\uFDD0-\uFDEF]/g;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
// `::: name`, `::: name {attrs}`, `::: {.name attrs}`, each optionally followed by more colons.
const PANDOC_NAME = /^( {0,3})(:{3,})[ \t]+([A-Za-z][\w-]*)[ \t]*(\{[^{}\n]*\})?[ \t]*(?::+[ \t]*)?$/;
const PANDOC_ATTRS = /^( {0,3})(:{3,})[ \t]*\{[ \t]*\.([A-Za-z][\w-]*)([^{}\n]*)\}[ \t]*(?::+[ \t]*)?$/;

/** Line and column (1-based) of an offset. */
export function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** One pandoc fence line in remark-directive spelling, same length; undefined when the line is not one. */
export function pandocFence(line: string): string | undefined {
  let m = PANDOC_NAME.exec(line);
  let out: string | undefined;
  if (m) out = `${m[1]}${m[2]}${m[3]}${m[4] ?? ''}`;
  else if ((m = PANDOC_ATTRS.exec(line))) {
    const rest = m[4]!.trim();
    out = `${m[1]}${m[2]}${m[3]}${rest ? `{${rest}}` : ''}`;
  }
  return out === undefined ? undefined : out.padEnd(line.length, ' ');
}

/** Prepare a unit body for the parser (see the module comment). */
export function prepareSource(body: string): PreparedSource {
  const nul = body.indexOf('\0');
  if (nul !== -1) {
    const at = placeOf(body, nul);
    return {
      text: '',
      binary: true,
      problems: [{ reason: 'This file holds binary content (a NUL byte), not Markdown text: nothing of it was read', ...at, ruleId: 'binary-content' }],
    };
  }
  let text = body.replace(NONCHARACTERS, '\uFFFD');
  if (text.includes(':::')) text = rewritePandocFences(text);
  const problems: SourceProblem[] = [];
  text = boundPrefixes(text, problems);
  return { text, problems, binary: false };
}

/** Most block-quote and list markers one line may open (`> > > …`, `- - - …`). */
export const MAX_PREFIX = 90;

/**
 * A line opening more than MAX_PREFIX quotes or lists is an error at the
 * first marker too many, and the rest of the line is blanked (same length):
 * the parser's cost grows faster than the nesting (3,000 `>` on one line).
 * Nesting over several lines is bounded by remark-structure.ts.
 */
function boundPrefixes(text: string, problems: SourceProblem[]): string {
  const pieces: string[] = [];
  let copied = 0;
  let lineStart = 0;
  let line = 1;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    let i = lineStart;
    let markers = 0;
    let start = i;
    while (i < lineEnd) {
      const c = text[i]!;
      start = i;
      if (c === ' ' || c === '\t') i++;
      else if (c === '>') (i++, markers++);
      else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) (i++, markers++);
      else if (c >= '0' && c <= '9') {
        let j = i;
        while (j < lineEnd && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
        if ((text[j] === '.' || text[j] === ')') && (text[j + 1] === ' ' || text[j + 1] === '\t')) (i = j + 1, markers++);
        else break;
      } else break;
      if (markers > MAX_PREFIX) {
        problems.push({ reason: `More than ${MAX_PREFIX} block quotes or lists opened on one line: the rest of the line is left out`, line, column: start - lineStart + 1, ruleId: 'too-deep' });
        pieces.push(text.slice(copied, start), ' '.repeat(lineEnd - start));
        copied = lineEnd;
        break;
      }
    }
    if (nl === -1) break;
    lineStart = nl + 1;
    line++;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

function rewritePandocFences(text: string): string {
  const lines = text.split('\n');
  let fence: { char: string; size: number } | undefined;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cr = line.endsWith('\r') ? '\r' : '';
    const bare = cr ? line.slice(0, -1) : line;
    const code = CODE_FENCE.exec(bare);
    if (fence) {
      if (code && code[1]![0] === fence.char && code[1]!.length >= fence.size && code[2]!.trim() === '') fence = undefined;
      continue;
    }
    if (code && !(code[1]![0] === '`' && code[2]!.includes('`'))) {
      fence = { char: code[1]![0]!, size: code[1]!.length };
      continue;
    }
    if (!bare.includes(':::')) continue;
    const rewritten = pandocFence(bare);
    if (rewritten !== undefined) {
      lines[i] = rewritten + cr;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}
