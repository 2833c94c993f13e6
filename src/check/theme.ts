/** `theme` (warning, issue 9): bad `theme:` values and colours below WCAG AA, at the key of the layer that sets them. */
import { themeWarnings } from '../render/theme.js';
import type { CheckContext } from './context.js';

const fileOf = (layer: string) => (layer === 'base' ? 'curriculum.yml' : `overlays/${layer}/overlay.yml`);

export async function checkTheme(ctx: CheckContext): Promise<void> {
  for (const { edition } of ctx.editions) {
    for (const w of themeWarnings(edition)) {
      // The merged theme keeps the last layer's value of a key: report it where that layer writes it.
      let file = 'curriculum.yml';
      for (const layer of [...edition.chain].reverse()) {
        const theme = ((await ctx.yaml(fileOf(layer)))?.data as { theme?: Record<string, unknown> } | undefined)?.theme;
        if (theme && String(w.path[0]) in theme) {
          file = fileOf(layer);
          break;
        }
      }
      ctx.diags.warn('theme', w.message, await ctx.yamlKey(file, ['theme', ...w.path]), w.hint);
    }
  }
}
