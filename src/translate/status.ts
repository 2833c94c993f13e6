/**
 * How far a catalogue is (`trainpack overlay status`): per catalogue and per
 * unit, the messages and words translated, fuzzy and untranslated against
 * the current sources, and the share of the curriculum's words translated.
 * A message the catalogue lacks (sources changed since the last extract)
 * counts as untranslated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { keyOf, usable } from './catalogue.js';
import { extractMessages, loadSource } from './extract.js';
import { catalogueFile, loadCatalogue } from './layer.js';
import { relPath } from '../load/files.js';
import { TrainpackError } from '../errors.js';
import type { Message } from './merge.js';

export interface Counts {
  translated: number;
  fuzzy: number;
  untranslated: number;
  words: { translated: number; fuzzy: number; untranslated: number };
}

export interface CatalogueStatus {
  overlay: string;
  language: string;
  /** The PO file, relative to the curriculum root. */
  file: string;
  /** Messages in the catalogue that no longer match a block (`#~` once extract runs). */
  obsolete: number;
  total: Counts;
  /** translated words / all words of the catalogue's messages, 0..1. */
  share: number;
  /** By msgctxt: a unit id, or `module:<id>`. */
  units: ({ unit: string } & Counts)[];
}

const empty = (): Counts => ({ translated: 0, fuzzy: 0, untranslated: 0, words: { translated: 0, fuzzy: 0, untranslated: 0 } });

/** Words of a message: runs with a letter or digit, Markdown syntax and URLs left out. */
export function wordCount(md: string): number {
  const bare = md.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]*>/g, ' ').replace(/:var\[[^\]]*\]/g, ' x ');
  return bare.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The status of one overlay's catalogue, or undefined when it has none. */
export async function catalogueStatus(dir: string, overlayId: string): Promise<CatalogueStatus | undefined> {
  const src = await loadSource(dir, overlayId);
  const file = catalogueFile(src.overlay);
  if (!existsSync(file)) return undefined;
  const rel = relPath(src.curriculum.root, file);
  const { catalogue, problems } = loadCatalogue(readFileSync(file, 'utf8'), rel);
  if (!catalogue) throw new TrainpackError(problems);
  const entries = new Map(catalogue.entries.map((e) => [keyOf(e.ctx, e.id), e]));
  const readModule = (m: { source: { path: string } }) => (existsSync(m.source.path) ? readFileSync(m.source.path, 'utf8') : '');
  const messages: Message[] = extractMessages(src, readModule);
  const total = empty();
  const units = new Map<string, Counts>();
  for (const m of messages) {
    const e = entries.get(keyOf(m.ctx, m.id));
    const state = e && usable(e) ? 'translated' : e?.fuzzy && e.str !== '' ? 'fuzzy' : 'untranslated';
    const words = wordCount(m.id);
    let u = units.get(m.ctx);
    if (!u) units.set(m.ctx, (u = empty()));
    for (const c of [u, total]) {
      c[state]++;
      c.words[state] += words;
    }
  }
  const current = new Set(messages.map((m) => keyOf(m.ctx, m.id)));
  const all = total.words.translated + total.words.fuzzy + total.words.untranslated;
  return {
    overlay: overlayId,
    language: src.language,
    file: rel,
    obsolete: catalogue.obsolete.length + catalogue.entries.filter((e) => !current.has(keyOf(e.ctx, e.id))).length,
    total,
    share: all ? total.words.translated / all : 1,
    units: [...units].map(([unit, c]) => ({ unit, ...c })),
  };
}
