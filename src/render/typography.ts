/**
 * Typography by locale: curly quotes and apostrophes as the language
 * writes them (“ ” in en, « » with narrow no-break spaces in fr, „ “ in de,
 * « » in ru and uk, 「」 in ja and zh-Hant …), the French narrow no-break
 * space before `: ; ! ?`, and in generated text the Arabic comma, semicolon
 * and question mark.
 *
 * Generated text (UI strings, labels, joined lists) always gets it; content
 * gets it through rehypeTypography (on by default, `typography: false` in
 * curriculum.yml or an overlay turns it off), which touches text nodes only:
 * never code, URLs, attribute values, or directive syntax (directives are
 * elements by then).
 */
import type { Element, Root, Text } from 'hast';
import { scriptOf } from './locale.js';

const NNBSP = '\u202F';

interface Quotes {
  open: string;
  close: string;
  open2: string;
  close2: string;
  /** Space put inside the quotes (French). */
  inner?: string;
}

const EN: Quotes = { open: '“', close: '”', open2: '‘', close2: '’' };
const GUILLEMETS: Quotes = { open: '«', close: '»', open2: '“', close2: '”' };
const QUOTES: Record<string, Quotes> = {
  en: EN,
  fr: { ...GUILLEMETS, inner: NNBSP },
  de: { open: '„', close: '“', open2: '‚', close2: '‘' },
  'de-CH': { open: '«', close: '»', open2: '‹', close2: '›' },
  cs: { open: '„', close: '“', open2: '‚', close2: '‘' },
  sk: { open: '„', close: '“', open2: '‚', close2: '‘' },
  ru: { open: '«', close: '»', open2: '„', close2: '“' },
  uk: { open: '«', close: '»', open2: '„', close2: '“' },
  be: { open: '«', close: '»', open2: '„', close2: '“' },
  es: GUILLEMETS,
  it: GUILLEMETS,
  ca: GUILLEMETS,
  el: GUILLEMETS,
  'pt-PT': GUILLEMETS,
  pl: { open: '„', close: '”', open2: '«', close2: '»' },
  ro: { open: '„', close: '”', open2: '«', close2: '»' },
  hu: { open: '„', close: '”', open2: '»', close2: '«' },
  sv: { open: '”', close: '”', open2: '’', close2: '’' },
  fi: { open: '”', close: '”', open2: '’', close2: '’' },
  nl: EN,
  ja: { open: '「', close: '」', open2: '『', close2: '』' },
  'zh-Hant': { open: '「', close: '」', open2: '『', close2: '』' },
  zh: EN,
  ar: { open: '«', close: '»', open2: '“', close2: '”' },
  fa: { open: '«', close: '»', open2: '‹', close2: '›' },
  ur: { open: '”', close: '“', open2: '’', close2: '‘' },
  he: { open: '”', close: '”', open2: '’', close2: '’' },
  am: { open: '«', close: '»', open2: '‹', close2: '›' },
  km: { open: '«', close: '»', open2: '“', close2: '”' },
  uz: EN,
};

/** The quotes of a language tag: the most specific entry (zh-Hant, pt-PT, de-CH), then the language. */
function quotesOf(lang: string): Quotes {
  const parts = lang.split('-');
  const language = parts[0]!.toLowerCase();
  const script = scriptOf(lang);
  const region = parts.find((p, i) => i > 0 && /^([A-Za-z]{2}|\d{3})$/.test(p))?.toUpperCase();
  if (language === 'zh' && script === 'Hant') return QUOTES['zh-Hant']!;
  return (region && QUOTES[`${language}-${region}`]) || QUOTES[language] || EN;
}

const ARABIC_PUNCTUATION: Record<string, string> = { ',': '،', ';': '؛', '?': '؟' };

/** What a text run needs to know about the text before it (across inline elements). */
export interface TypographyState {
  /** The last character seen, '' at the start of a block. */
  last: string;
  /** Open double and single quotes not yet closed. */
  depth: number;
}

/** Settings of one language, computed once. */
export interface Typesetter {
  lang: string;
  /** Typeset one run of text; `state` carries the context across runs of one block. */
  run(text: string, state?: TypographyState): string;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
// Words that must stay as typed: URLs, e-mail addresses, paths with a scheme, clock times.
// Each alternative starts only where a scheme or a word can start (the look-behinds), so a long
// token without spaces is scanned once, not once per character (linear; found by the fuzzer).
const VERBATIM = /(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\S+/giu;

/** A typesetter for a language tag. */
export function typesetter(lang: string): Typesetter {
  const q = quotesOf(lang);
  const language = lang.split('-')[0]!.toLowerCase();
  const french = language === 'fr';
  const inner = q.inner ?? '';
  const typeset = (text: string, state: TypographyState): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const prev = out.length ? out[out.length - 1]! : state.last;
      const next = text[i + 1] ?? '';
      if (c === '"') {
        // Opening after a space or a bracket, closing before one; else (CJK, no spaces) by whether a quote is open.
        const opening = prev === '' || /[\s([{\u2014\u2013-]/u.test(prev) ? true : next === '' || /[\s.,;:!?)\]}\u3001\u3002\uFF0C]/u.test(next) ? false : state.depth === 0;
        if (opening) {
          out += q.open + inner;
          state.depth++;
        } else {
          out += inner + q.close;
          state.depth = Math.max(0, state.depth - 1);
        }
      } else if (c === "'") {
        if (WORD.test(prev) && (next === '' || WORD.test(next) || /[\s.,;:!?)]/u.test(next))) out += '’';
        else if (prev === '' || /[\s([{\u2014\u2013-]/u.test(prev)) out += q.open2;
        else out += q.close2;
      } else if (french && (c === ':' || c === ';' || c === '!' || c === '?')) {
        // A narrow no-break space before high punctuation, unless it follows a space-less run of punctuation or is part of a clock time.
        const digitsAround = c === ':' && /\d/.test(prev) && /\d/.test(next);
        const glued = prev === '' || /[\s(\[!?;:\u00A0\u202F]/u.test(prev);
        if (!digitsAround && !glued) out += NNBSP;
        else if (!digitsAround && /[ \u00A0]/.test(prev) && out.length) out = out.slice(0, -1) + NNBSP;
        out += c;
      } else {
        out += c;
      }
    }
    if (out.length) state.last = out[out.length - 1]!;
    return out;
  };
  return {
    lang,
    run(text, state = { last: '', depth: 0 }) {
      // URLs and addresses pass through untouched, but still count as what came before.
      let out = '';
      let at = 0;
      for (const m of text.matchAll(VERBATIM)) {
        out += typeset(text.slice(at, m.index), state) + m[0];
        state.last = m[0][m[0].length - 1]!;
        at = m.index + m[0].length;
      }
      return out + typeset(text.slice(at), state);
    },
  };
}

const setters = new Map<string, Typesetter>();
const cached = (lang: string) => setters.get(lang) ?? setters.set(lang, typesetter(lang)).get(lang)!;

/**
 * Typography of generated text (a UI string, a label): quotes and French
 * spacing as above, and in languages written in Arabic script the Arabic
 * comma, semicolon and question mark. `{placeholders}` are left alone.
 */
export function typographyOf(text: string, lang: string): string {
  let out = cached(lang).run(text);
  if (scriptOf(lang) === 'Arab') out = out.replace(/[,;?](?=\s|$)/g, (c) => ARABIC_PUNCTUATION[c]!);
  return out;
}

/** Every UI string of a catalogue typeset for its language. */
export function typesetStrings(strings: Record<string, string>, lang: string): Record<string, string> {
  return Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, typographyOf(v, lang)]));
}

/** A generated label followed by a colon, as the language writes it ("Matériel :", "Materials:"). */
export function withColon(label: string, lang: string): string {
  return typographyOf(`${label}:`, lang);
}

// Elements whose text is code or must stay as typed.
const VERBATIM_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'math', 'svg', 'textarea']);
// Elements that end a run of text: quotes never pair across them.
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'div', 'section', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'details', 'ul', 'ol', 'table', 'tr', 'aside', 'header', 'footer', 'article', 'br']);

const looksLikeUrl = (text: string) => /^\s*(?:[a-z][a-z0-9+.-]*:|www\.|\S+@\S+\.\S+\s*$)/i.test(text);

/** Typeset a hast tree's text nodes in place (content typography). */
export function typesetTree(tree: Root | Element, lang: string): void {
  const setter = cached(lang);
  const visit = (node: Root | Element, state: TypographyState) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        child.value = setter.run(child.value, state);
      } else if (child.type === 'element') {
        const own = typeof child.properties?.lang === 'string' ? child.properties.lang : undefined;
        if (VERBATIM_TAGS.has(child.tagName)) {
          state.last = 'x';
          continue;
        }
        if (child.tagName === 'a') {
          const text = (child.children as Text[]).map((c) => (c.type === 'text' ? c.value : '')).join('');
          if (looksLikeUrl(text) || (typeof child.properties?.href === 'string' && text.trim() === child.properties.href)) {
            state.last = 'x';
            continue;
          }
        }
        if (own && own !== lang) {
          typesetTree(child, own);
          state.last = 'x';
          continue;
        }
        if (BLOCKS.has(child.tagName)) {
          visit(child, { last: '', depth: 0 });
          state.last = '';
        } else visit(child, state);
      }
    }
  };
  visit(tree, { last: '', depth: 0 });
}

/** Content typography of a plain text (a title, an objective, a material) in its language. */
export function typesetText(text: string, lang: string): string {
  return cached(lang).run(text);
}
