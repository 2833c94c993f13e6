/**
 * Overlay rules (issue 6), for the overlays of the checked editions' chains:
 *
 * - `stale-overlay` (warning): the file below changed since the replace or
 *   patch file was written; points at its `upstream:` line;
 * - `unrecorded-overlay` (warning): a replace or patch file with no
 *   `upstream:` hash, so staleness cannot be told;
 * - `orphaned-overlay` (error): a replace file records an upstream, but no
 *   layer below has the file any more (a patch without a file below is
 *   already an `overlay` error of the resolve stage);
 * - `missing-strings` (warning): UI string keys the edition's language lacks.
 *
 * The states are those of `trainpack overlay status` (resolve/status.ts),
 * computed here from the files directly: overlayStatus() reloads the whole
 * curriculum and throws on any load error, and check must report everything
 * in one run.
 */
import { Diagnostics } from '../errors.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { relPath } from '../load/files.js';
import { fileBlobHash } from '../resolve/githash.js';
import { chainOf, loadOverlays } from '../resolve/layers.js';
import { fileBelow, overlayFiles, upstreamIn } from '../resolve/status.js';
import type { CheckContext } from './context.js';

/** `upstream: <40 hex>` on a line of its own, as `trainpack overlay ack` writes it. */
/** The `upstream` an overlay file records (read synchronously: hundreds of small files on every build). */
function upstreamOf(ctx: CheckContext, rel: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(ctx.root, rel), 'utf8');
  } catch {
    return undefined;
  }
  return upstreamIn(text, rel);
}

async function checkStaleness(ctx: CheckContext): Promise<void> {
  const ids = new Set(ctx.editions.flatMap((e) => e.edition.chain).filter((id) => id !== 'base'));
  if (ids.size === 0) return;
  // Problems in overlay.yml files were reported by the resolve stage.
  const scratch = new Diagnostics();
  const overlays = await loadOverlays(ctx.root, scratch);
  for (const id of ids) {
    const overlay = overlays.get(id);
    const chain = overlay && chainOf(id, overlays, scratch);
    if (!overlay || !chain) continue;
    for (const key of await overlayFiles(overlay)) {
      const rel = `overlays/${id}/${key}`;
      const patch = key.endsWith('.patch.md');
      const below = await fileBelow(ctx.root, chain, patch ? key.replace(/\.patch\.md$/, '.md') : key);
      const upstream = upstreamOf(ctx, rel);
      // The place of `upstream:` is looked up (a YAML parse with positions) only for a problem to report.
      const place = async () => {
        const fm = await ctx.frontMatter(rel);
        return { file: rel, ...(fm ? fm.locateKey(['upstream']) : { line: 1, column: 1 }) };
      };
      const belowRel = below && relPath(ctx.root, below);
      if (!below) {
        if (!patch && upstream) ctx.diags.error('orphaned-overlay', `This file was written against ${key}, which no layer below has any more`, await place());
      } else if (!upstream) {
        ctx.diags.warn('unrecorded-overlay', `This file records no \`upstream:\` hash, so changes to ${belowRel} go unnoticed`, { file: rel, line: 1, column: 1 });
      } else {
        const actual = await fileBlobHash(below);
        if (actual !== upstream)
          ctx.diags.warn('stale-overlay', `${belowRel} changed since this file was written (recorded ${upstream.slice(0, 10)}, now ${actual.slice(0, 10)})`, await place());
      }
    }
  }
}

const SHOWN_KEYS = 5;

/** Missing UI strings, once per language file and set of keys, naming the editions. */
function checkStrings(ctx: CheckContext): void {
  const groups = new Map<string, { file: string; language: string; keys: string[]; editions: string[] }>();
  for (const { edition, templates, missingStrings } of ctx.editions) {
    if (missingStrings.length === 0) continue;
    const tag = edition.language;
    const base = tag.split('-')[0]!.toLowerCase();
    const lang = [tag, base].find((c) => templates.has(`strings/${c}.json`)) ?? base;
    const file = `templates/strings/${lang}.json`;
    const key = `${file}\n${missingStrings.join(',')}`;
    const g = groups.get(key) ?? { file, language: tag, keys: missingStrings, editions: [] };
    g.editions.push(edition.id);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const n = g.keys.length;
    const which = `edition${g.editions.length === 1 ? '' : 's'} ${g.editions.join(', ')}`;
    const overlays = g.editions.filter((id) => id !== 'base').map((id) => `overlays/${id}/overlay.yml`);
    // A handful of keys by name; a whole missing catalogue is a count and the command that starts one.
    const shown = n <= SHOWN_KEYS ? g.keys.join(', ') : `${g.keys.slice(0, SHOWN_KEYS).join(', ')} and ${n - SHOWN_KEYS} more`;
    ctx.diags.warn(
      'missing-strings',
      `UI strings for language "${g.language}" lack ${n} key${n === 1 ? '' : 's'} (English is used in ${which}): ${shown}`,
      { file: g.file, line: 1, column: 1 },
      `Run \`trainpack strings init ${g.language}\` to write ${g.file} in the curriculum with the English text of the ${n} key${n === 1 ? '' : 's'}, then translate it${overlays.length ? `; or set keys under \`strings:\` in ${overlays.join(', ')}` : ''}.`,
    );
  }
}

export async function checkOverlays(ctx: CheckContext): Promise<void> {
  await checkStaleness(ctx);
  checkStrings(ctx);
}
