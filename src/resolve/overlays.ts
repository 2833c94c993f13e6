/**
 * Overlay chains -> editions (FORMAT.md section 5).
 */
import type { Diagnostics } from '../errors.js';
import type { Curriculum } from '../model.js';
import { baseEdition, type Edition } from './edition.js';

export interface EditionSelection {
  overlays: string[];
  all: boolean;
}

/** The editions a build asks for: the base, named overlays, or all. */
export async function resolveEditions(curriculum: Curriculum, selection: EditionSelection, diags: Diagnostics): Promise<Edition[]> {
  const base = baseEdition(curriculum);
  if (selection.overlays.length > 0) {
    for (const id of selection.overlays) diags.error('overlay', `Overlay "${id}" not found: overlays are not supported yet`, { file: `overlays/${id}/overlay.yml` });
    return [];
  }
  return [base];
}
