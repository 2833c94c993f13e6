/**
 * XML checks that do not trust the writers' code: a strict well-formedness
 * checker (linkedom's parser forgives broken XML) and Python's expat, a
 * conforming XML parser, where Python is installed (it is on the project's
 * machines; tests using it skip elsewhere).
 */
import { spawnSync } from 'node:child_process';

const NAME = '[A-Za-z_:][A-Za-z0-9_:.\\-]*';
const REF = /^&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Check character data: every `&` starts a reference, no `<`, no `]]>` in text. */
function checkChars(s: string, where: string, inText: boolean): string | undefined {
  if (BAD_CHAR.test(s)) return `${where}: character not allowed in XML`;
  if (inText && s.includes(']]>')) return `${where}: "]]>" in text`;
  if (s.includes('<')) return `${where}: "<" in character data`;
  for (let i = s.indexOf('&'); i !== -1; i = s.indexOf('&', i + 1)) if (!REF.test(s.slice(i))) return `${where}: bare "&"`;
  return undefined;
}

/**
 * Strict XML 1.0 well-formedness (no DTD): one root, proper nesting,
 * unique and quoted attributes, valid references, CDATA, comments, PIs.
 * Returns the first problem, or undefined when the document is well formed.
 */
export function xmlProblem(xml: string): string | undefined {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const tag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end === -1) return 'unterminated XML declaration';
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim()) return `text outside the root element: ${JSON.stringify(text.slice(0, 40))}`;
    const bad = checkChars(text, `text at ${i}`, true);
    if (bad) return bad;
    if (lt === -1) break;
    const rest = xml.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) return 'unterminated comment';
      const body = xml.slice(lt + 4, end);
      if (body.includes('--') || body.endsWith('-')) return `"--" in a comment at ${lt}`;
      i = end + 3;
    } else if (rest.startsWith('<![CDATA[')) {
      if (!stack.length) return 'CDATA outside the root element';
      const end = xml.indexOf(']]>', lt);
      if (end === -1) return 'unterminated CDATA';
      if (BAD_CHAR.test(xml.slice(lt, end))) return 'character not allowed in CDATA';
      i = end + 3;
    } else if (rest.startsWith('<?')) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) return 'unterminated processing instruction';
      i = end + 2;
    } else if (rest.startsWith('<!')) {
      return `unsupported declaration at ${lt}`;
    } else if (rest.startsWith('</')) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(rest);
      if (!m) return `bad end tag at ${lt}`;
      const open = stack.pop();
      if (open !== m[1]) return `</${m[1]}> closes <${open}> at ${lt}`;
      i = lt + m[0].length;
    } else {
      const m = tag.exec(rest);
      if (!m) return `bad start tag at ${lt}: ${JSON.stringify(rest.slice(0, 60))}`;
      const seen = new Set<string>();
      for (const a of m[2]!.matchAll(attr)) {
        if (seen.has(a[1]!)) return `duplicate attribute ${a[1]} on <${m[1]}>`;
        seen.add(a[1]!);
        const problem = checkChars(a[2] ?? a[3] ?? '', `attribute ${a[1]} of <${m[1]}>`, false);
        if (problem) return problem;
      }
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      if (!m[3]) stack.push(m[1]!);
      i = lt + m[0].length;
    }
  }
  if (stack.length) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? undefined : 'no root element';
}

const python = spawnSync('python3', ['-c', 'import xml.parsers.expat'], { encoding: 'utf8' }).status === 0;

/** Is Python with expat there (it is on the project's machines; the tests using it skip elsewhere)? */
export const hasExpat = python;

/** Parse with expat (a conforming XML parser); returns its error, or undefined. */
export function expatProblem(xml: string | Buffer): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys, xml.parsers.expat as e\np = e.ParserCreate()\np.Parse(sys.stdin.buffer.read(), True)'], { input: xml });
  return r.status === 0 ? undefined : r.stderr.toString().trim().split('\n').pop();
}
