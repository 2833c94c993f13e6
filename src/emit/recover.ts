/**
 * Leftovers of builds that were killed: staging folders, old editions set
 * aside during a swap, and swaps stopped between their two renames. Run with
 * the output folder's lock held (./lock.ts), so every leftover belongs to a
 * build that is gone. A swap whose journal was written (the build had
 * succeeded) is completed; anything else is undone and removed. The output
 * then holds, for each edition, the previous build or the new one, whole.
 */
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { exists } from '../load/files.js';

export const STAGING_PREFIX = '.trainpack-staging-';
/** Written into a staging folder before its first rename: the ids it swaps in. */
export const JOURNAL = '.trainpack-commit';

/** The folder a swap sets an edition's previous output aside in. */
export function oldDir(staging: string, id: string): string {
  return `${staging}-old-${id}`;
}

/** Ids a staging folder's journal lists, undefined when it has none (the build never reached its swap). */
async function journalOf(staging: string): Promise<string[] | undefined> {
  try {
    const ids = JSON.parse(await readFile(path.join(staging, JOURNAL), 'utf8')) as unknown;
    return Array.isArray(ids) && ids.every((i) => typeof i === 'string' && !i.includes('/') && !i.includes('\\')) ? ids : undefined;
  } catch {
    return undefined;
  }
}

/** Swap `id` in from `staging`, from whatever point a killed swap reached. */
export async function finishSwap(out: string, staging: string, id: string): Promise<void> {
  const target = path.join(out, id);
  const staged = path.join(staging, id);
  const old = oldDir(staging, id);
  if (await exists(staged)) {
    if (await exists(target)) {
      await rm(old, { recursive: true, force: true });
      await rename(target, old);
    }
    await rename(staged, target);
  }
  await rm(old, { recursive: true, force: true });
}

/** Complete or undo what dead builds left in `out`; returns the staging folders cleaned. */
export async function recoverOutput(out: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return [];
  }
  const cleaned: string[] = [];
  const stagings = names.filter((n) => n.startsWith(STAGING_PREFIX) && !n.includes('-old-'));
  const olds = names.filter((n) => n.startsWith(STAGING_PREFIX) && n.includes('-old-'));
  // Owners: `.trainpack-staging-<pid>-<random>`.
  const owner = (n: string) => Number(/^\.trainpack-staging-(\d+)-/.exec(n)?.[1]);
  const mine = (n: string) => owner(n) === process.pid;
  for (const name of new Set([...stagings, ...olds.map((o) => o.slice(0, o.indexOf('-old-')))])) {
    if (mine(name)) continue;
    const staging = path.join(out, name);
    const ids = await journalOf(staging);
    if (ids) {
      // The build had succeeded and begun its swap: finish it.
      for (const id of ids) await finishSwap(out, staging, id);
    } else {
      // Stopped before its swap: put back any edition set aside, drop the rest.
      for (const o of olds.filter((x) => x.startsWith(`${name}-old-`))) {
        const id = o.slice(name.length + 5);
        const target = path.join(out, id);
        if (!(await exists(target))) await rename(path.join(out, o), target);
      }
    }
    for (const o of olds.filter((x) => x.startsWith(`${name}-old-`))) await rm(path.join(out, o), { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
    cleaned.push(name);
  }
  return cleaned;
}
