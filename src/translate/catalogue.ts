/**
 * Catalogues (`overlays/<id>/translation.po`) read and written with
 * gettext-parser. Reading also records where each message's `msgstr` sits
 * (line and column), which gettext-parser does not, so a problem in a
 * translation is reported at its place in the PO file.
 */
import { po as gettextPo } from 'gettext-parser';
import type { Diagnostics } from '../errors.js';

/** One message of a catalogue. */
export interface Entry {
  /** msgctxt: the unit id, or `module:<id>` for a module's title and summary. */
  ctx: string;
  id: string;
  str: string;
  fuzzy: boolean;
  /** `#:` references (`file:line`). */
  refs: string[];
  /** `#.` comments: what the block is. */
  notes: string[];
  /** `# ` translator comments, kept as they are. */
  comments: string[];
  /** `#,` flags other than fuzzy, kept as they are. */
  flags: string[];
  /** `#| msgid` previous source of a fuzzy message. */
  previous?: string;
  /** Where its msgstr sits in the PO file. */
  line?: number;
  column?: number;
}

export interface Catalogue {
  headers: Record<string, string>;
  entries: Entry[];
  /** `#~` messages whose block is gone, kept with their translation. */
  obsolete: Entry[];
}

/** Key of a message: context and source. */
export const keyOf = (ctx: string, id: string) => `${ctx}\u0004${id}`;

/** Is the translation one a build applies (neither empty nor fuzzy)? */
export const usable = (e: Entry) => e.str !== '' && !e.fuzzy;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
const unquote = (s: string) => s.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);

/** Where each message's msgstr starts (line, column of its first character), by keyOf(). */
function positions(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  let ctx: string | undefined;
  let id = '';
  let field: 'ctx' | 'id' | 'str' | 'other' | undefined;
  text.split('\n').forEach((raw, i) => {
    const l = raw.replace(/\r$/, '');
    if (l.startsWith('#')) return;
    const m = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$/.exec(l);
    if (m) {
      const kw = m[1]!;
      if (kw === 'msgctxt') {
        ctx = unquote(m[2]!);
        field = 'ctx';
      } else if (kw === 'msgid') {
        if (field !== 'ctx') ctx = undefined;
        id = unquote(m[2]!);
        field = 'id';
      } else if (kw.startsWith('msgstr')) {
        const k = keyOf(ctx ?? '', id);
        if (!out.has(k)) out.set(k, { line: i + 1, column: l.indexOf('"') + 2 });
        field = 'str';
      } else field = 'other';
      return;
    }
    const cont = /^\s*"(.*)"\s*$/.exec(l);
    if (!cont) return;
    if (field === 'ctx') ctx = (ctx ?? '') + unquote(cont[1]!);
    else if (field === 'id') id += unquote(cont[1]!);
  });
  return out;
}

/** The first line where a message appears twice (gettext-parser's duplicate error has no place). */
function duplicateLine(text: string): number | undefined {
  const seen = new Set<string>();
  let ctx = '';
  let line: number | undefined;
  text.split('\n').forEach((l, i) => {
    if (line !== undefined) return;
    const m = /^(msgctxt|msgid)\s+"(.*)"/.exec(l);
    if (!m) return;
    if (m[1] === 'msgctxt') ctx = m[2]!;
    else {
      const k = `${ctx}\u0004${m[2]}`;
      if (m[2] !== '' && seen.has(k)) line = i + 1;
      seen.add(k);
      ctx = '';
    }
  });
  return line;
}

type ParsedEntry = { msgctxt?: string; msgid: string; msgid_plural?: string; msgstr: string[]; comments?: { translator?: string; reference?: string; extracted?: string; flag?: string; previous?: string } };

const lines = (s: string | undefined) => (s ? s.split('\n').filter((x) => x !== '') : []);

function entryOf(e: ParsedEntry, pos?: { line: number; column: number }): Entry {
  const flags = lines(e.comments?.flag).flatMap((f) => f.split(',').map((x) => x.trim())).filter(Boolean);
  const prev = lines(e.comments?.previous).join('\n');
  const previous = prev ? unquote(prev.replace(/^msgid\s+/, '').split('\n').map((p) => p.replace(/^msgid\s+/, '').replace(/^"|"$/g, '')).join('')) : undefined;
  return {
    ctx: e.msgctxt ?? '',
    id: e.msgid,
    str: e.msgstr[0] ?? '',
    fuzzy: flags.includes('fuzzy'),
    refs: lines(e.comments?.reference).flatMap((r) => r.split(/\s+/)).filter(Boolean),
    notes: lines(e.comments?.extracted),
    comments: lines(e.comments?.translator),
    flags: flags.filter((f) => f !== 'fuzzy'),
    previous,
    ...pos,
  };
}

/**
 * Read a catalogue. A malformed file is an error at its line (and column
 * when known) in `diags`, and undefined: nothing of it is applied.
 */
export function parseCatalogue(input: string, file: string, diags: Diagnostics): Catalogue | undefined {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let parsed: ReturnType<typeof gettextPo.parse>;
  try {
    parsed = gettextPo.parse(text, { validation: true });
  } catch (err) {
    const e = err as Error & { lineNumber?: number };
    // An unclosed string is noticed at the line break that ends it: the place is where it opens.
    const open = /End-of-line within string/.test(e.message);
    const line = (e.lineNumber !== undefined ? e.lineNumber - (open ? 1 : 0) : undefined) ?? (/Duplicate msgid/.test(e.message) ? duplicateLine(text) : undefined) ?? 1;
    const at = text.split('\n')[line - 1] ?? '';
    const column = open && at.includes('"') ? at.indexOf('"') + 1 : 1;
    const message = e.message.replace(/^Error parsing PO data: /, '').replace(/ at line \d+/, '');
    diags.error('translation', `Malformed catalogue: ${message}`, { file, line, column });
    return undefined;
  }
  const pos = positions(text);
  const entries: Entry[] = [];
  for (const [ctx, table] of Object.entries(parsed.translations)) {
    for (const [id, e] of Object.entries(table)) {
      if (ctx === '' && id === '') continue; // the header
      const entry = entryOf(e as ParsedEntry, pos.get(keyOf(ctx, id)));
      if ((e as ParsedEntry).msgid_plural !== undefined) {
        diags.error('translation', 'Plural messages (msgid_plural) have no place in a trainpack catalogue', { file, line: entry.line ?? 1, column: 1 });
        return undefined;
      }
      entries.push(entry);
    }
  }
  entries.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const obsolete: Entry[] = [];
  for (const table of Object.values(parsed.obsolete ?? {})) {
    for (const e of Object.values(table)) obsolete.push(entryOf(e as ParsedEntry));
  }
  return { headers: { ...parsed.headers }, entries, obsolete };
}

function poEntry(e: Entry) {
  const flags = [...(e.fuzzy ? ['fuzzy'] : []), ...e.flags];
  const comments: Record<string, string> = {};
  if (e.comments.length) comments.translator = e.comments.join('\n');
  if (e.refs.length) comments.reference = e.refs.join('\n');
  if (e.notes.length) comments.extracted = e.notes.join('\n');
  if (flags.length) comments.flag = flags.join(', ');
  if (e.fuzzy && e.previous !== undefined) comments.previous = `msgid ${JSON.stringify(e.previous).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))}`;
  return { msgctxt: e.ctx, msgid: e.id, msgstr: [e.str], comments };
}

/** The PO text of a catalogue: messages in the given order, obsolete ones last. */
export function writeCatalogue(cat: Catalogue): string {
  const order = new Map<object, number>();
  const translations: Record<string, Record<string, object>> = { '': { '': { msgid: '', msgstr: [''] } } };
  const obsolete: Record<string, Record<string, object>> = {};
  cat.entries.forEach((e, i) => {
    const po = poEntry(e);
    order.set(po, i);
    (translations[e.ctx] ??= {})[e.id] = po;
  });
  cat.obsolete.forEach((e, i) => {
    const po = poEntry({ ...e, previous: undefined });
    order.set(po, cat.entries.length + i);
    (obsolete[e.ctx] ??= {})[e.id] = po;
  });
  const data = { charset: 'utf-8', headers: cat.headers, translations, ...(cat.obsolete.length ? { obsolete } : {}) };
  const sort = (a: object, b: object) => (order.get(a) ?? -1) - (order.get(b) ?? -1);
  return gettextPo.compile(data as never, { sort } as never).toString('utf8') + '\n';
}
