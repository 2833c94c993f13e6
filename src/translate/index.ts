/**
 * `trainpack translate`: catalogues as overlays (FORMAT.md section 5,
 * translate). extract (this file), XLIFF export and import (xliff.ts); the
 * build applies catalogues through layer.ts and apply.ts.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Diagnostics } from '../errors.js';
import { relPath } from '../load/files.js';
import { parseCatalogue, writeCatalogue, type Catalogue } from './catalogue.js';
import { extractMessages, loadSource, type Source } from './extract.js';
import { catalogueFile } from './layer.js';
import { mergeCatalogue } from './merge.js';
import { pseudo } from './pseudo.js';
import { replacedUnits, seedTranslations } from './seed.js';

export interface ExtractOptions {
  /** Fill new messages from the overlay's Markdown replacement files where their blocks align. */
  seed?: boolean;
  /** Fill every message with the pseudo-translation of its source. */
  pseudo?: boolean;
}

export interface ExtractResult {
  /** The catalogue, relative to the curriculum root. */
  file: string;
  created: boolean;
  messages: number;
  added: number;
  fuzzy: number;
  obsolete: number;
  seeded: number;
}

/** Read an overlay's catalogue if it has one; a malformed one throws with its position. */
export function readCatalogue(src: Source): Catalogue | undefined {
  const file = catalogueFile(src.overlay);
  if (!existsSync(file)) return undefined;
  const diags = new Diagnostics();
  const cat = parseCatalogue(readFileSync(file, 'utf8'), relPath(src.curriculum.root, file), diags);
  diags.throwIfErrors();
  return cat;
}

/** Write a catalogue whole, or not at all (a temporary file renamed over the old one). */
export function saveCatalogue(src: Source, cat: Catalogue): string {
  const file = catalogueFile(src.overlay);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, writeCatalogue(cat));
  renameSync(tmp, file);
  return relPath(src.curriculum.root, file);
}

/** The header of a new catalogue. */
function newHeaders(src: Source): Record<string, string> {
  const now = new Date().toISOString().replace(/T(\d\d:\d\d).*$/, ' $1+0000');
  return {
    'Project-Id-Version': `${src.curriculum.id} ${src.curriculum.version ?? ''}`.trim(),
    'Report-Msgid-Bugs-To': '',
    'POT-Creation-Date': now,
    'PO-Revision-Date': now,
    'Last-Translator': '',
    'Language-Team': '',
    Language: src.language,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit',
    'X-Generator': 'trainpack',
  };
}

/** Create or update an overlay's catalogue from the current sources (msgmerge semantics). */
export async function extractCatalogue(dir: string, overlayId: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const src = await loadSource(dir, overlayId);
  const old = readCatalogue(src);
  const readModule = (m: { source: { path: string } }) => (existsSync(m.source.path) ? readFileSync(m.source.path, 'utf8') : '');
  const below = options.seed ? await replacedUnits(src) : undefined;
  const messages = extractMessages(src, readModule, below);
  const cat = mergeCatalogue(old, messages, newHeaders(src));
  let seeded = 0;
  if (below) {
    const found = seedTranslations(below);
    for (const e of cat.entries) {
      const t = found.get(`${e.ctx}\u0004${e.id}`);
      if (t === undefined || e.str !== '') continue;
      e.str = t.text;
      e.fuzzy = t.stale;
      seeded++;
    }
  }
  if (options.pseudo) for (const e of cat.entries) Object.assign(e, { str: pseudo(e.id), fuzzy: false, previous: undefined });
  const before = new Set((old?.entries ?? []).map((e) => `${e.ctx}\u0004${e.id}`));
  const file = saveCatalogue(src, cat);
  return {
    file,
    created: !old,
    messages: cat.entries.length,
    added: cat.entries.filter((e) => !before.has(`${e.ctx}\u0004${e.id}`) && !e.fuzzy).length,
    fuzzy: cat.entries.filter((e) => e.fuzzy).length,
    obsolete: cat.obsolete.length,
    seeded,
  };
}
