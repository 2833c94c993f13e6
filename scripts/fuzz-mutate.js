/**
 * Mutations of the seeded fuzzer (scripts/fuzz.js): a deterministic PRNG and
 * the ways an author (or a broken editor) can damage a curriculum's files.
 * Plain JavaScript so that `npm run fuzz` needs no compiler.
 */

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const DIRECTIVE_LINES = [
  ':::facilitator', ':::participant', ':::slide', ':::notes', ':::exercise{title="T" minutes="10"}', ':::solution',
  ':::role{name="R"}', ':::debrief', ':::tip', ':::warning', ':::note', ':::', '::::', '::::::', '::::slide', '::::exercise',
  '::: facilitator', '::: {.facilitator}', ':::nope', ':::slide{layout="columns"}', ':::slide{layout="bogus"}',
  ':::replace{section="x"}', ':::before{section="background"}', ':::after{section=""}', ':::remove{section="nope"}',
  '::leaf{a=b}', '::var[hotline]', ':::exercise{minutes="-5"}', ':::role', ':::exercise{title=}', '---', '***', '```', '~~~',
];
const INLINE = [
  ':var[hotline]', ':var[constructor]', ':var[__proto__]', ':var[toString]', ':var[nope]', ':var[]', ':facilitator[secret]',
  ':tip[x]', '10:30', '1:10', 'Wikipedia:Bypass', 'see:tip', ':x{a="b"}', '{#id}', '{#}', '\\:', '[x](%FF.pdf)', '[x](%E0%A4%A.md)',
  '![](../../../../etc/passwd)', '![a](nope.png)', '[y](other.md#nope)', '[z](#nope)', '<div>', '</div>', '</aside>', '<!--',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<details><summary>s</summary>', '[^1]', '[^1]: note', '| a | b |\n|---|---|',
  '- [x] ', '- [ ] ', '> ', '1. ', '* ', '\uFDD0v:hotline\uFDD1', '\uFDD0', '\uFDD1', '&amp;', '&#0;', '\\', '`', '**', '_',
  'data:image/png;base64,' + 'A'.repeat(2000),
];
const YAML_VALUES = [
  '*nope', '&a x', '[', ']', '{', '}', '"', "'", ': :', '- ', '!!binary x', '!!js/function x', '99999999999999999999', '-1', '0',
  'null', '~', 'true', '[1, 2]', '{a: 1}', '""', '|', '>', '? x', '%YAML 1.1', '@x', '`x`', '\t', '"\\u0000"', '2024-01-01',
  '0x10', '.inf', '.nan', 'ü', 'العربية', '"\uFDD0"', 'x #c', '<<: *a',
];
const UNICODE = ['\u0000', '\uFEFF', '\u200F', '\u202E', '\u0301', '\uD800', '\uDFFF', '\u2028', '\u00A0', '\r', '\u000B', '😀', 'ß', 'İ', '\uFFFF', '\u0085', '\t'];
const KEYS = ['id', 'title', 'type', 'duration', 'objectives', 'materials', 'methods', 'self_check', 'roles_in_handout', 'upstream',
  'modules', 'units', 'vars', 'workshop', 'breaks', 'language', 'extends', 'exclude', 'strings', 'numbers', 'starts', 'minutes', 'theme', 'elearning'];

function lines(text) {
  return text.split('\n');
}

function atLine(r, text, fn) {
  const ls = lines(text);
  const i = r.int(ls.length + 1);
  fn(ls, i);
  return ls.join('\n');
}

function insertAt(r, text, piece) {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** Range of the front matter lines (1..close-1), or undefined. */
function frontMatter(text) {
  const ls = lines(text);
  if (ls[0]?.replace(/^\uFEFF/, '').trim() !== '---') return undefined;
  const close = ls.findIndex((l, i) => i > 0 && l.trim() === '---');
  return close > 0 ? [1, close] : undefined;
}

const textMutations = {
  deleteLine: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 1)),
  duplicateLine: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 0, ls[Math.min(i, ls.length - 1)] ?? '')),
  swapLines: (r, t) => atLine(r, t, (ls, i) => { const j = r.int(ls.length); const x = ls[i]; ls[i] = ls[j]; ls[j] = x; }),
  indentLine: (r, t) => atLine(r, t, (ls, i) => { if (ls[i] !== undefined) ls[i] = r.pick(['  ', '    ', '\t', ' ']) + ls[i]; }),
  dedentLine: (r, t) => atLine(r, t, (ls, i) => { if (ls[i] !== undefined) ls[i] = ls[i].replace(/^\s+/, ''); }),
  directive: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 0, r.pick(DIRECTIVE_LINES))),
  directiveBlock: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 0, r.pick(DIRECTIVE_LINES), 'Inserted text: 10:30 and :var[hotline].', r.pick([':::', '::::', '']))),
  inline: (r, t) => insertAt(r, t, r.pick(INLINE)),
  colons: (r, t) => t.replace(/^(:{3,})/m, () => ':'.repeat(2 + r.int(5))),
  fenceCount: (r, t) => { const ls = lines(t); const fences = ls.map((l, i) => (/^:{3,}/.test(l) ? i : -1)).filter((i) => i >= 0); if (!fences.length) return t; const i = r.pick(fences); ls[i] = ls[i].replace(/^:+/, ':'.repeat(2 + r.int(5))); return ls.join('\n'); },
  dropFence: (r, t) => { const ls = lines(t); const fences = ls.map((l, i) => (/^:{3,}\s*$/.test(l) ? i : -1)).filter((i) => i >= 0); if (!fences.length) return t; ls.splice(r.pick(fences), 1); return ls.join('\n'); },
  nesting: (r, t) => { const n = r.pick([50, 300, 1500, 3000]); const kind = r.int(4); const piece = kind === 0 ? '>'.repeat(n) + ' deep' : kind === 1 ? Array.from({ length: Math.min(n, 400) }, (_, k) => '  '.repeat(k) + '- x').join('\n') : kind === 2 ? Array.from({ length: Math.min(n, 200) }, (_, k) => ':'.repeat(k + 3) + 'note').join('\n') : '['.repeat(n) + ']'.repeat(n); return insertAt(r, t, `\n${piece}\n`); },
  quiz: (r, t) => { const k = r.int(5); if (k === 0) return t.replace(/\[x\]/, '[ ]'); if (k === 1) return t.replace(/\[ \]/, '[x]'); if (k === 2) return t.replace(/^(\s*)- \[/m, '$1* ['); if (k === 3) return t.replace(/^(\s*)>/m, '$1      >'); return t.replace(/^(\s*)\d+\. /m, '$1- '); },
  unicode: (r, t) => insertAt(r, t, r.pick(UNICODE).repeat(1 + r.int(3))),
  crlf: (_r, t) => t.replace(/\r?\n/g, '\r\n'),
  bom: (_r, t) => '\uFEFF' + t,
  truncate: (r, t) => t.slice(0, r.int(t.length + 1)),
  deleteSlice: (r, t) => { const a = r.int(t.length + 1); return t.slice(0, a) + t.slice(a + r.int(200)); },
  duplicateSlice: (r, t) => { const a = r.int(t.length + 1); const s = t.slice(a, a + r.int(300)); return insertAt(r, t, s); },
  longToken: (r, t) => insertAt(r, t, r.pick(['x', 'a:', '%', '[', '*', '_', '`', 'h']).repeat(r.pick([1000, 20000, 200000]))),
  codeFence: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 0, r.pick(['```', '~~~', '````md']))),
  rawHtml: (r, t) => atLine(r, t, (ls, i) => ls.splice(i, 0, r.pick(['<div>', '</div>', '</aside>', '</section>', '<pre>', '<!--', '-->', '<table>', '</details>']))),
};

const yamlMutations = {
  value: (r, t) => { const ls = lines(t); const idx = ls.map((l, i) => (/:\s*\S/.test(l) ? i : -1)).filter((i) => i >= 0); if (!idx.length) return t; const i = r.pick(idx); ls[i] = ls[i].replace(/:\s.*$/, `: ${r.pick(YAML_VALUES)}`); return ls.join('\n'); },
  key: (r, t) => { const ls = lines(t); const i = r.int(ls.length + 1); ls.splice(i, 0, `${r.pick(KEYS)}: ${r.pick(YAML_VALUES)}`); return ls.join('\n'); },
  dropKey: (r, t) => { const ls = lines(t); const idx = ls.map((l, i) => (/^[a-z_]+:/.test(l) ? i : -1)).filter((i) => i >= 0); if (!idx.length) return t; ls.splice(r.pick(idx), 1); return ls.join('\n'); },
  aliasBomb: (r, t) => t + '\nlol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nlol4: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
  alias: (r, t) => t.replace(/^(title|id|language|extends):.*$/m, '$1: *nope'),
  tabs: (_r, t) => t.replace(/^ {2}/m, '\t'),
};

/** In the front matter only (a unit's or a patch's). */
function inFrontMatter(r, t, fn) {
  const fm = frontMatter(t);
  if (!fm) return fn(r, t);
  const ls = lines(t);
  const head = ls.slice(fm[0], fm[1]).join('\n');
  const out = fn(r, head);
  return [ls[0], out, ...ls.slice(fm[1])].join('\n');
}

/**
 * Mutate one file's text by its kind. Returns the new text, or a Buffer for
 * a binary body.
 */
export function mutateFile(r, rel, text) {
  const yaml = /\.(ya?ml)$/.test(rel);
  if (r.chance(0.02)) {
    // A binary body after valid front matter, or a whole binary file.
    const bytes = Buffer.from(Array.from({ length: 64 + r.int(4000) }, () => r.int(256)));
    const fm = frontMatter(text);
    return fm && !yaml ? Buffer.concat([Buffer.from(lines(text).slice(0, fm[1] + 1).join('\n') + '\n'), bytes]) : bytes;
  }
  if (yaml) {
    const pool = r.chance(0.75) ? yamlMutations : textMutations;
    const names = Object.keys(pool);
    return pool[r.pick(names)](r, text);
  }
  if (rel.endsWith('.md') && r.chance(0.3)) {
    const names = Object.keys(yamlMutations);
    return inFrontMatter(r, text, (rr, head) => yamlMutations[rr.pick(names)](rr, head));
  }
  const names = Object.keys(textMutations);
  return textMutations[r.pick(names)](r, text);
}
