/**
 * Overlay discovery: every `overlays/<id>/overlay.yml`, validated, and the
 * chain of layers from the base up to a given overlay.
 */
import path from 'node:path';
import type { z } from 'zod';
import { Diagnostics } from '../errors.js';
import { exists, isDir, listDir, readYamlFile } from '../load/files.js';
import { overlaySchema } from '../load/schemas.js';
import { validate } from '../load/validate.js';
import type { PositionedYaml } from '../load/yaml.js';

/** One overlay as declared in its overlay.yml. */
export interface Overlay {
  id: string;
  /** Absolute folder of the overlay. */
  dir: string;
  /** `overlays/<id>/overlay.yml`. */
  rel: string;
  meta: z.output<typeof overlaySchema>;
  yaml: PositionedYaml;
}

/** Load every overlay of a curriculum (errors to diags; invalid ones are left out). */
export async function loadOverlays(root: string, diags: Diagnostics): Promise<Map<string, Overlay>> {
  const result = new Map<string, Overlay>();
  const dir = path.join(root, 'overlays');
  if (!(await isDir(dir))) return result;
  for (const entry of await listDir(dir)) {
    if (!entry.dir) continue;
    const rel = `overlays/${entry.name}/overlay.yml`;
    const file = path.join(root, rel);
    if (!(await exists(file))) {
      diags.error('overlay', `Overlay folder overlays/${entry.name} has no overlay.yml`, { file: `overlays/${entry.name}` });
      continue;
    }
    const yaml = await readYamlFile(file, rel, diags, root);
    const meta = yaml && validate(overlaySchema, yaml, rel, diags, 'overlay.yml');
    if (!yaml || !meta) continue;
    if (meta.id !== entry.name) {
      diags.error('overlay', `Overlay id "${meta.id}" must match its folder name "${entry.name}"`, { file: rel, ...yaml.locate(['id']) });
      continue;
    }
    result.set(meta.id, { id: meta.id, dir: path.join(dir, entry.name), rel, meta, yaml });
  }
  return result;
}

/**
 * The overlays from the one just above the base up to `id`. A cycle or a
 * missing parent is an error naming the overlay files; returns undefined then.
 */
export function chainOf(id: string, overlays: Map<string, Overlay>, diags: Diagnostics): Overlay[] | undefined {
  const chain: Overlay[] = [];
  let current = overlays.get(id);
  if (!current) return undefined;
  while (current) {
    if (chain.includes(current)) {
      const cycle = [...chain.slice(chain.indexOf(current)), current].map((o) => o.id).join(' -> ');
      diags.error('overlay', `Overlays extend each other in a cycle: ${cycle} (${chain.map((o) => o.rel).join(', ')})`, { file: current.rel, ...current.yaml.locate(['extends']) });
      return undefined;
    }
    chain.push(current);
    const parent: string | undefined = current.meta.extends;
    if (!parent) break;
    const next = overlays.get(parent);
    if (!next) {
      diags.error('overlay', `Overlay "${current.id}" extends "${parent}", which does not exist (known: ${[...overlays.keys()].join(', ') || 'none'})`, { file: current.rel, ...current.yaml.locate(['extends']) });
      return undefined;
    }
    current = next;
  }
  return chain.reverse();
}
