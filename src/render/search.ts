/**
 * The offline search index of an edition's index.html (issue 9): one entry a
 * unit, embedded in the page as JSON and read by templates/js/search.js, so
 * search works from `file://` with no server.
 *
 * The index page is public to participants, so it is built only from what
 * the participant handout shows: unit and module titles, objectives and the
 * participant view's HTML. Facilitator notes, solutions, answer keys and
 * speaker notes never reach it (test/render/search.test.ts).
 */

/** One unit in the index. Short keys: the index is inlined into the page. */
export interface SearchEntry {
  /** Unit id: the link target is `#unit-<id>` in the guide and the handout. */
  id: string;
  /** Number, `1.2`. */
  n: string;
  /** Unit title. */
  t: string;
  /** Module title. */
  m: string;
  /** Objectives. */
  o: string[];
  /** Handout text of the unit. */
  x: string;
}

/** The unit as the handout shows it. */
export interface SearchUnit {
  id: string;
  number: string;
  title: string;
  module: string;
  objectives: string[];
  /** The participant view's HTML fragment of the unit… */
  handoutHtml?: string;
  /** …or its plain text, when the caller already has it (cached). */
  handoutText?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of an HTML fragment produced by hast-util-to-html: tags become
 * spaces (block boundaries must not glue words), entities are decoded.
 */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The index entry of one unit. */
export function searchEntry(unit: SearchUnit): SearchEntry {
  return { id: unit.id, n: unit.number, t: unit.title, m: unit.module, o: unit.objectives, x: unit.handoutText ?? textOfHtml(unit.handoutHtml ?? '') };
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&`
 * escaped so no text in a unit can close the element or open a comment,
 * and U+2028/2029 escaped for old parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]!);
}

/** The search data of an index page. */
export function searchIndexJson(entries: SearchEntry[]): string {
  return scriptJson(entries);
}

/** A unit's text as it stands inside a string of the search data, without the quotes (render/slots.ts). */
export function searchText(text: string): string {
  return scriptJson(text).slice(1, -1);
}
