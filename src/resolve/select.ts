/**
 * Workshop selection (`--modules a,b`, `--units x,y`): which part of an
 * edition a workshop covers. Every output follows the selection.
 */
import type { Diagnostics } from '../errors.js';
import type { Edition } from './edition.js';

export interface Selection {
  modules?: string[];
  units?: string[];
}

/**
 * Keep the named modules (all their units) and the named units (in
 * curriculum order). Unknown ids are errors. No selection keeps everything.
 */
export function selectEdition(edition: Edition, selection: Selection, diags: Diagnostics): Edition {
  const mods = selection.modules ?? [];
  const units = selection.units ?? [];
  if (mods.length === 0 && units.length === 0) return edition;
  const knownModules = new Set(edition.modules.map((m) => m.id));
  const knownUnits = new Set(edition.modules.flatMap((m) => m.units.map((u) => u.id)));
  for (const id of mods) if (!knownModules.has(id)) diags.error('unknown-id', `--modules: no module "${id}" in edition ${edition.id} (modules: ${[...knownModules].join(', ')})`, { file: 'curriculum.yml' });
  for (const id of units) if (!knownUnits.has(id)) diags.error('unknown-id', `--units: no unit "${id}" in edition ${edition.id}`, { file: 'curriculum.yml' });
  const modules = edition.modules
    .map((m) => (mods.includes(m.id) ? m : { ...m, units: m.units.filter((u) => units.includes(u.id)) }))
    .filter((m) => m.units.length > 0);
  return { ...edition, modules };
}
