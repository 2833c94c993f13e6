/**
 * `unused-var` (warning, issue 6): a variable defined under `vars:` that no
 * unit uses, at its key in the file that defines it. A definition belongs to
 * a layer: one in curriculum.yml counts as used when any base unit, or any
 * unit of a checked edition, writes `:var[name]`; one in an overlay.yml when
 * a unit of a checked edition built on that overlay does. Undefined
 * variables are `undefined-var` (parse stage).
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
  const memo = new Map<string, Set<string>>();
  const uses = (body: string) => memo.get(body) ?? memo.set(body, usedVars(body)).get(body)!;
  // Every base unit counts, so an overlay's `exclude` or a workshop selection never makes a base var look unused.
  const used = new Map<string, Set<string>>([['base', new Set(ctx.prepared.curriculum.modules.flatMap((m) => m.units.flatMap((u) => [...uses(u.body)])))]]);
  const editionsOf = new Map<string, string[]>();
  for (const { edition } of ctx.editions) {
    const names = edition.modules.flatMap((m) => m.units.flatMap((u) => [...uses(u.body)]));
    for (const layer of edition.chain) {
      const set = used.get(layer) ?? new Set<string>();
      for (const n of names) set.add(n);
      used.set(layer, set);
      editionsOf.set(layer, [...(editionsOf.get(layer) ?? []), edition.id]);
    }
  }
  for (const [layer, names] of used) {
    // A workshop selection leaves out units an overlay's vars may serve: only the base can be judged then.
    if (layer !== 'base' && ctx.partial) continue;
    const file = fileOf(layer);
    const vars = ((await ctx.yaml(file))?.data as { vars?: unknown } | undefined)?.vars;
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) continue;
    const editions = editionsOf.get(layer) ?? [];
    const which = layer === 'base' ? 'no unit' : `no unit of edition${editions.length === 1 ? '' : 's'} ${editions.join(', ')}`;
    for (const name of Object.keys(vars)) {
      if (!names.has(name)) ctx.diags.warn('unused-var', `Variable "${name}" is defined but ${which} uses it`, await ctx.yamlKey(file, ['vars', name]));
    }
  }
}
