/**
 * The pseudo-locale (`translate extract --pseudo`): every message filled with
 * an accented, lengthened version of its source, inside ⟦ ⟧, so a build shows
 * at a glance which text went through the catalogue (and which did not), and
 * how the layout copes with longer words. Markdown syntax, `:var[name]`,
 * link targets, image paths, code, HTML tags, entities and URLs are kept as
 * they are, so the pseudo-translation passes the placeholder checks.
 */

const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ŧ', u: 'ü', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ŧ', U: 'Ü', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Parts of a message left exactly as they are. */
const KEEP = new RegExp(
  [
    '`+[^`]*`+', // code
    ':[A-Za-z][\\w-]*(?:\\[[^\\]]*\\])?(?:\\{[^}]*\\})?', // directives such as :var[name]
    '\\]\\([^)]*\\)', // link target, image path and title
    '\\]\\[[^\\]]*\\]', // reference label
    '\\[\\^[^\\]]+\\]', // footnote reference
    '<[^>\\n]*>', // HTML tags, autolinks
    '&[#A-Za-z0-9]+;', // entities
    '\\\\.', // backslash escapes
    '(?:https?://|www\\.|mailto:)[^\\s)]+', // bare URLs
    '\\{#[^}]*\\}', // explicit ids
  ].join('|'),
  'g',
);

function accent(text: string): string {
  // Vowels doubled: about a third longer, as many languages run longer than English.
  return text.replace(/[A-Za-z]/g, (c) => (/[aeiouAEIOU]/.test(c) ? ACCENTS[c]! + ACCENTS[c.toLowerCase()]! : ACCENTS[c]!));
}

/** The pseudo-translation of a message. */
export function pseudo(msgid: string): string {
  let out = '';
  let at = 0;
  for (const m of msgid.matchAll(KEEP)) {
    out += accent(msgid.slice(at, m.index)) + m[0];
    at = m.index! + m[0].length;
  }
  out += accent(msgid.slice(at));
  return `⟦${out}⟧`;
}
