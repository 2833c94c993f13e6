/**
 * XLIFF 1.2 for translators' tools (fast-xml-parser writes and reads it).
 *
 * Export: one `<file original="<msgctxt>">` a unit (and one a module), one
 * `<trans-unit>` a message: `<source>`, `<target state>` (`needs-translation`
 * when empty, `needs-review-translation` when fuzzy, `translated`), the
 * block kind as `<note from="developer">` and the `#:` references as
 * `po-reference` context groups, as the Translate Toolkit writes them. The
 * overlay id rides in the header (`<prop prop-type="x-trainpack-overlay">`).
 *
 * Import merges targets back into the overlay's catalogue by context and
 * source. Files from other tools (po2xliff) carry no msgctxt: a source found
 * in several units is told apart by its references. Nothing is written
 * unless the whole file reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { Diagnostics, TrainpackError } from '../errors.js';
import { sha1 } from '../cache/memo.js';
import { keyOf, type Catalogue, type Entry } from './catalogue.js';
import { loadSource } from './extract.js';
import { readCatalogue, saveCatalogue } from './index.js';
import { translationProblem } from './placeholders.js';

const state = (e: Entry) => (e.str === '' ? 'needs-translation' : e.fuzzy ? 'needs-review-translation' : 'translated');

function refGroup(ref: string) {
  const m = /^(.*):(\d+)$/.exec(ref);
  const contexts = m ? [{ '@_context-type': 'sourcefile', '#text': m[1] }, { '@_context-type': 'linenumber', '#text': m[2] }] : [{ '@_context-type': 'sourcefile', '#text': ref }];
  return { '@_name': 'po-reference', '@_purpose': 'location', context: contexts };
}

/** The XLIFF 1.2 document of a catalogue. */
export function catalogueToXliff(cat: Catalogue, overlay: string, sourceLanguage: string, targetLanguage: string): { xml: string; files: number; units: number } {
  const byCtx = new Map<string, Entry[]>();
  for (const e of cat.entries) byCtx.set(e.ctx, [...(byCtx.get(e.ctx) ?? []), e]);
  const files = [...byCtx].map(([ctx, entries]) => ({
    '@_original': ctx,
    '@_source-language': sourceLanguage,
    '@_target-language': targetLanguage,
    '@_datatype': 'x-trainpack-markdown',
    header: { 'prop-group': { '@_name': 'trainpack', prop: [{ '@_prop-type': 'x-trainpack-overlay', '#text': overlay }] } },
    body: {
      'trans-unit': entries.map((e) => ({
        // Stable while the source is, and unique in the document (tools that key by id, and xliff2po's locations, rely on it).
        '@_id': `${ctx}:${sha1(e.id).slice(0, 10)}`,
        '@_xml:space': 'preserve',
        ...(e.str !== '' ? { '@_approved': e.fuzzy ? 'no' : 'yes' } : {}),
        source: e.id,
        target: { '@_state': state(e), '#text': e.str },
        note: e.notes.map((n) => ({ '@_from': 'developer', '#text': n })),
        'context-group': e.refs.map(refGroup),
      })),
    },
  }));
  const doc = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, xliff: { '@_version': '1.2', '@_xmlns': 'urn:oasis:names:tc:xliff:document:1.2', file: files } };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });
  return { xml: builder.build(doc) as string, files: files.length, units: cat.entries.length };
}

export async function exportXliff(dir: string, overlayId: string, options: { format?: string; out?: string }): Promise<{ xml: string; file?: string; files: number; units: number }> {
  if (options.format && options.format !== 'xliff') {
    throw new TrainpackError([{ severity: 'error', rule: 'translation', message: `Unknown exchange format "${options.format}" (known: xliff)`, file: `overlays/${overlayId}/translation.po` }]);
  }
  const src = await loadSource(dir, overlayId);
  const cat = readCatalogue(src);
  if (!cat) {
    throw new TrainpackError([{ severity: 'error', rule: 'translation', message: `Overlay "${overlayId}" has no catalogue yet`, file: `overlays/${overlayId}/translation.po`, hint: `Create it with \`trainpack translate extract ${overlayId}\`.` }]);
  }
  const r = catalogueToXliff(cat, overlayId, src.curriculum.language, src.language);
  if (options.out) writeFileSync(options.out, r.xml);
  return { ...r, file: options.out };
}

/** One translation read from an XLIFF file. */
export interface XliffUnit {
  ctx?: string;
  source: string;
  target: string;
  fuzzy: boolean;
  refs: string[];
}

type Node = Record<string, unknown>;
const arr = (x: unknown): Node[] => (x === undefined ? [] : Array.isArray(x) ? (x as Node[]) : [x as Node]);
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : x && typeof x === 'object' ? text((x as Node)['#text'] ?? '') : '').replace(/\r\n?/g, '\n');

/** Read an XLIFF 1.2 (or 1.1) document; a malformed one is an error with its line and column. */
export function readXliff(xml: string, file: string): { overlay?: string; units: XliffUnit[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new TrainpackError([{ severity: 'error', rule: 'translation', message: `Malformed XLIFF: ${valid.err.msg}`, file, line: valid.err.line, column: valid.err.col }]);
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, parseTagValue: false, parseAttributeValue: false, removeNSPrefix: true });
  const doc = parser.parse(xml) as Node;
  const root = doc.xliff as Node | undefined;
  if (!root || typeof root !== 'object') {
    throw new TrainpackError([{ severity: 'error', rule: 'translation', message: 'Not an XLIFF document: the root element must be <xliff version="1.2">', file, line: 1, column: 1 }]);
  }
  let overlay: string | undefined;
  const units: XliffUnit[] = [];
  for (const f of arr(root.file)) {
    for (const g of arr((f.header as Node | undefined)?.['prop-group'])) for (const p of arr(g.prop)) if (p['@_prop-type'] === 'x-trainpack-overlay') overlay ??= text(p);
    const ours = f['@_datatype'] === 'x-trainpack-markdown';
    const tus = [...arr((f.body as Node | undefined)?.['trans-unit']), ...arr((f.body as Node | undefined)?.group).flatMap((g) => arr(g['trans-unit']))];
    for (const tu of tus) {
      if (String(tu['@_restype'] ?? '').includes('gettext-domain-header')) continue;
      const target = text(tu.target);
      const st = String((tu.target as Node | undefined)?.['@_state'] ?? '');
      const approved = tu['@_approved'];
      const fuzzy = target !== '' && (approved === 'no' || /^needs-/.test(st));
      let ctx = ours ? String(f['@_original']) : undefined;
      const refs: string[] = [];
      for (const g of arr(tu['context-group'])) {
        const cs = arr(g.context);
        const get = (t: string) => cs.find((c) => c['@_context-type'] === t);
        if (g['@_name'] === 'po-reference') {
          const sf = get('sourcefile');
          const ln = get('linenumber');
          if (sf) refs.push(ln ? `${text(sf)}:${text(ln)}` : text(sf));
        }
        const c = get('x-po-msgctxt');
        if (c) ctx = text(c);
      }
      units.push({ ctx, source: text(tu.source), target, fuzzy, refs });
    }
  }
  return { overlay, units };
}

/** Merge XLIFF translations into a catalogue (in place). */
export function mergeXliff(cat: Catalogue, units: XliffUnit[]): { updated: number; unchanged: number; unknown: number; warnings: string[] } {
  const byId = new Map<string, Entry[]>();
  for (const e of cat.entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  const byKey = new Map(cat.entries.map((e) => [keyOf(e.ctx, e.id), e]));
  let updated = 0;
  let unchanged = 0;
  let unknown = 0;
  const warnings: string[] = [];
  for (const u of units) {
    // Our trans-unit ids (`<msgctxt>:<hash>`) come back as references from xliff2po then po2xliff.
    const ctx = u.ctx ?? u.refs.map((r) => /^(.+):[0-9a-f]{10}$/.exec(r)?.[1]).find((c) => c !== undefined && byKey.has(keyOf(c, u.source)));
    let found = ctx !== undefined && byKey.has(keyOf(ctx, u.source)) ? [byKey.get(keyOf(ctx, u.source))!] : byId.get(u.source) ?? [];
    if (found.length > 1 && u.refs.length) {
      const near = found.filter((e) => e.refs.some((r) => u.refs.includes(r)));
      if (near.length) found = near;
    }
    if (found.length === 0) {
      unknown++;
      continue;
    }
    if (u.target === '') {
      unchanged += found.length;
      continue;
    }
    for (const e of found) {
      if (e.str === u.target && e.fuzzy === u.fuzzy) {
        unchanged++;
        continue;
      }
      e.str = u.target;
      e.fuzzy = u.fuzzy;
      if (!u.fuzzy) e.previous = undefined;
      updated++;
      const problem = translationProblem(e.id, e.str);
      if (problem) warnings.push(`${problem} (msgctxt "${e.ctx}", source "${e.id.slice(0, 60)}")`);
    }
  }
  return { updated, unchanged, unknown, warnings };
}

export async function importXliff(dir: string, file: string, options: { overlay?: string }) {
  const xml = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const read = readXliff(xml, path.relative(process.cwd(), path.resolve(file)) || file);
  const overlay = options.overlay ?? read.overlay;
  if (!overlay) {
    const diags = new Diagnostics();
    diags.error('translation', 'The XLIFF file does not name its overlay', { file }, 'Name it: `trainpack translate import <file> --overlay <id>`.');
    throw new TrainpackError(diags.list);
  }
  const src = await loadSource(dir, overlay);
  const cat = readCatalogue(src);
  if (!cat) throw new TrainpackError([{ severity: 'error', rule: 'translation', message: `Overlay "${overlay}" has no catalogue to import into`, file: `overlays/${overlay}/translation.po`, hint: `Create it with \`trainpack translate extract ${overlay}\`.` }]);
  const r = mergeXliff(cat, read.units);
  const catalogue = r.updated ? saveCatalogue(src, cat) : `overlays/${overlay}/translation.po`;
  return { ...r, catalogue, overlay };
}
