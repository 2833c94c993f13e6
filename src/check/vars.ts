/**
 * `unused-var` (warning, issue 6): a variable defined under `vars:` that no
 * unit uses. A definition belongs to a layer (curriculum.yml, or an
 * overlay.yml); it counts as used when a unit of any checked edition built
 * on that layer writes `:var[name]`. The warning points at the key in the
 * file that defines it. Undefined variables are `undefined-var` (parse).
 */
import type { CheckContext } from './context.js';

/** `:var[name]` and `:var{name="…"}`, as remark-vars reads them. */
const USES = [/:var\[([^\]]*)\]/g, /:var\{[^}]*\bname\s*=\s*["']?([^"'\s}]+)/g];

/** Variable names a Markdown text uses. */
export function usedVars(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes(':var')) return out;
  for (const re of USES) for (const m of text.matchAll(re)) out.add(m[1]!.trim());
  return out;
}

/** The file that holds a layer's `vars:`. */
const fileOf = (layer: string) => (layer === 'base' ? 'curriculum.yml' : `overlays/${layer}/overlay.yml`);

export async function checkVars(ctx: CheckContext): Promise<void> {
  const used = new Map<string, Set<string>>();
  const editionsOf = new Map<string, string[]>();
  const bodies = new Map<string, Set<string>>();
  for (const { edition } of ctx.editions) {
    const names = new Set<string>();
    for (const unit of edition.modules.flatMap((m) => m.units)) {
      let own = bodies.get(unit.body);
      if (!own) bodies.set(unit.body, (own = usedVars(unit.body)));
      for (const n of own) names.add(n);
    }
    for (const layer of edition.chain) {
      const set = used.get(layer) ?? new Set<string>();
      for (const n of names) set.add(n);
      used.set(layer, set);
      editionsOf.set(layer, [...(editionsOf.get(layer) ?? []), edition.id]);
    }
  }
  for (const [layer, names] of used) {
    const file = fileOf(layer);
    const yaml = await ctx.yaml(file);
    const vars = (yaml?.data as { vars?: unknown } | undefined)?.vars;
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) continue;
    const editions = editionsOf.get(layer)!;
    for (const name of Object.keys(vars)) {
      if (names.has(name)) continue;
      const which = `edition${editions.length === 1 ? '' : 's'} ${editions.join(', ')}`;
      ctx.diags.warn('unused-var', `Variable "${name}" is defined but no unit of ${which} uses it`, await ctx.yamlKey(file, ['vars', name]));
    }
  }
}
