/**
 * `fuzzy-translation` (warning): a catalogue message whose source changed
 * since it was translated (FORMAT.md section 5, translate), at its `msgstr`
 * in the PO file. Malformed catalogues and dropped placeholders are errors
 * the resolve stage reports (translate/layer.ts), for build and check alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../translate/layer.js';
import type { CheckContext } from './context.js';

export function checkTranslations(ctx: CheckContext): void {
  const seen = new Set<string>();
  for (const { edition } of ctx.editions) {
    for (const layer of edition.chain.slice(1)) {
      const rel = `overlays/${layer}/translation.po`;
      const file = path.join(ctx.root, rel);
      if (seen.has(rel) || !existsSync(file)) continue;
      seen.add(rel);
      const { catalogue } = loadCatalogue(readFileSync(file, 'utf8'), rel);
      for (const e of catalogue?.entries ?? []) {
        if (!e.fuzzy || e.str === '') continue;
        const was = e.previous === undefined ? '' : ` (was: "${e.previous.length > 60 ? e.previous.slice(0, 57) + '…' : e.previous}")`;
        ctx.diags.warn('fuzzy-translation', `Fuzzy translation in "${e.ctx}": its source changed and the build shows the source until it is reviewed${was}`, { file: rel, line: e.line, column: e.column });
      }
    }
  }
}
