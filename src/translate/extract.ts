/**
 * The messages of an overlay's catalogue: the text blocks of the layers
 * below it (the edition resolved without catalogues), unit by unit, in
 * edition order. Units that the overlay's own replace or patch files touch
 * are left out (those files win over the catalogue), except with `seed`,
 * which reads them for translations (seed.ts).
 */
import { Diagnostics, TrainpackError } from '../errors.js';
import { loadCurriculum } from '../load/curriculum.js';
import type { Curriculum, Module, Unit } from '../model.js';
import type { Edition } from '../resolve/edition.js';
import { chainOf, loadOverlays, type Overlay } from '../resolve/layers.js';
import { resolveChain } from '../resolve/overlays.js';
import { blocksOfText } from './blocks.js';
import { moduleContext } from './layer.js';
import { keyOf } from './catalogue.js';
import type { Message } from './merge.js';

/** An overlay, its chain and the edition below its catalogue. */
export interface Source {
  curriculum: Curriculum;
  overlay: Overlay;
  chain: Overlay[];
  edition: Edition;
  /** Language of the overlay's edition (the catalogue's target). */
  language: string;
}

/** Load the curriculum and resolve the overlay's edition with no catalogue applied. Throws on errors. */
export async function loadSource(dir: string, overlayId: string): Promise<Source> {
  const diags = new Diagnostics();
  const { curriculum } = await loadCurriculum(dir, diags);
  const overlays = await loadOverlays(curriculum.root, diags);
  const overlay = overlays.get(overlayId);
  if (!overlay) {
    diags.error('overlay', `No overlay "${overlayId}" (known: ${[...overlays.keys()].join(', ') || 'none'})`, { file: `overlays/${overlayId}/overlay.yml` }, `Create it with \`trainpack overlay init ${overlayId} --language <tag>\`.`);
    throw new TrainpackError(diags.list);
  }
  const chain = chainOf(overlayId, overlays, diags);
  diags.throwIfErrors();
  const edition = await resolveChain(curriculum, chain!, diags, { catalogues: false });
  diags.throwIfErrors();
  return { curriculum, overlay, chain: chain!, edition, language: edition.language };
}

/** The 1-based line of the first line at or after `from` holding `needle`, else `from`. */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  return from;
}

/** Does a file of this overlay replace or patch the unit? */
export const touchedBy = (u: Unit, overlay: Overlay) => u.provenance.includes(overlay.id);

/** A unit's messages, in order: front matter, then its body's blocks. */
export function unitMessages(u: Unit): Message[] {
  const rel = u.source.rel;
  const out: Message[] = [];
  const add = (id: string, kind: string, line: number) => {
    if (id.trim()) out.push({ ctx: u.id, id, kinds: [kind], refs: [`${rel}:${line}`] });
  };
  // Front matter as the file has it (a patch's overrides are in the unit; places are the file's).
  add(u.title, 'unit title', lineOf(u.text, 'title:'));
  const fm = (key: 'objectives' | 'materials' | 'methods', kind: string) => {
    const at = lineOf(u.text, `${key}:`);
    for (const v of u[key]) add(v, kind, lineOf(u.text, v, at));
  };
  fm('objectives', 'objective');
  fm('materials', 'material');
  fm('methods', 'method');
  for (const b of blocksOfText(u.body, u.type)) add(b.msgid, b.kind, b.line);
  return out;
}

/** A module's messages: its title and summary. */
function moduleMessages(m: Module, text: string): Message[] {
  const ctx = moduleContext(m.id);
  const out: Message[] = [{ ctx, id: m.title, kinds: ['module title'], refs: [`${m.source.rel}:${lineOf(text, 'title:')}`] }];
  if (m.summary) out.push({ ctx, id: m.summary, kinds: ['module summary'], refs: [`${m.source.rel}:${lineOf(text, 'summary:')}`] });
  return out;
}

/** Merge repeated messages (same context and text) into one, with every reference and kind. */
export function dedupe(messages: Message[]): Message[] {
  const byKey = new Map<string, Message>();
  for (const m of messages) {
    const k = keyOf(m.ctx, m.id);
    const seen = byKey.get(k);
    if (!seen) byKey.set(k, { ...m, kinds: [...m.kinds], refs: [...m.refs] });
    else {
      for (const r of m.refs) if (!seen.refs.includes(r)) seen.refs.push(r);
      for (const kd of m.kinds) if (!seen.kinds.includes(kd)) seen.kinds.push(kd);
    }
  }
  return [...byKey.values()];
}

/**
 * Every message of the overlay's catalogue, in edition order. `below` gives,
 * for units the overlay replaces, the unit below, whose messages are then
 * included (`--seed`).
 */
export function extractMessages(src: Source, readModule: (m: Module) => string, below?: Map<Unit, Unit>): Message[] {
  const out: Message[] = [];
  for (const m of src.edition.modules) {
    out.push(...moduleMessages(m, readModule(m)));
    for (const u of m.units) {
      if (!touchedBy(u, src.overlay)) out.push(...unitMessages(u));
      else if (below?.has(u)) out.push(...unitMessages(below.get(u)!));
    }
  }
  return dedupe(out);
}
