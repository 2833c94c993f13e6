/**
 * Nothing outside the curriculum: every file trainpack reads is looked up by
 * its real path (symbolic links resolved) and refused when that path leaves
 * the curriculum folder. A link that stays inside is fine.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostics, Location } from '../errors.js';

const realRoots = new Map<string, string>();

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Is `p` (a path) `top` or inside it? */
export function within(p: string, top: string): boolean {
  return p === top || p.startsWith(top.endsWith(path.sep) ? top : top + path.sep);
}

/**
 * Where `file` really is and whether that is inside `root`. A file that does
 * not exist is judged by its path (the caller reports it missing).
 */
export function realInside(file: string, root: string): { real: string; inside: boolean } {
  const abs = path.resolve(file);
  const top = path.resolve(root);
  let topReal = realRoots.get(top);
  if (topReal === undefined) realRoots.set(top, (topReal = real(top) ?? top));
  const r = real(abs);
  if (r === undefined) return { real: abs, inside: within(abs, top) };
  return { real: r, inside: within(r, topReal) };
}

/**
 * Refuse `file` when it leaves the curriculum folder `root` (a symbolic link
 * to elsewhere): an `outside-path` error at `loc`, and true.
 */
export function refuseOutside(file: string, root: string, diags: Diagnostics, loc: Location, what = 'file'): boolean {
  const { real: r, inside } = realInside(file, root);
  if (inside) return false;
  diags.error('outside-path', `This ${what} is a link to ${r}, outside the curriculum folder; trainpack reads nothing outside it`, { line: 1, column: 1, ...loc }, 'Copy the file into the curriculum folder instead of linking to it.');
  return true;
}
