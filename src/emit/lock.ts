/**
 * One build at a time per output folder. A build holds `<out>/.trainpack-lock`
 * (its pid, host and start time) from the moment it stages files until its
 * swap is done. A second build waits for the holder to finish, and stops with
 * a clear message naming the holder's pid when it waits too long. A lock
 * whose process is gone (a killed build) is taken over.
 */
import { hostname } from 'node:os';
import { open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, TrainpackError } from '../errors.js';

export const LOCK = '.trainpack-lock';

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

/** Is a process with this pid running on this machine? */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(file: string): Promise<LockHolder | 'unreadable' | 'gone'> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof json.pid === 'number') return { pid: json.pid, host: String(json.host ?? ''), started: String(json.started ?? '') };
    return 'unreadable';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

/** A held lock; `release()` removes it (only if it is still ours). */
export interface Lock {
  file: string;
  release(): Promise<void>;
}

/** The default wait for another build: long enough for a full PDF build. */
function timeoutMs(): number {
  const s = Number(process.env.TRAINPACK_LOCK_TIMEOUT);
  return (Number.isFinite(s) && s >= 0 ? s : 600) * 1000;
}

/** Take the lock once: the lock, else the live holder blocking it. */
export async function tryLock(out: string): Promise<Lock | LockHolder> {
  const file = path.join(out, LOCK);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(JSON.stringify(me) + '\n');
      await fh.close();
      return {
        file,
        release: async () => {
          const h = await holderOf(file);
          if (typeof h === 'object' && h.pid === me.pid && h.started === me.started) await rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const h = await holderOf(file);
    if (h === 'gone') continue;
    if (h === 'unreadable') {
      // Being written by its holder right now, or left empty by a kill: wait a moment, then take it over.
      const age = Date.now() - (await stat(file).then((s) => s.mtimeMs, () => 0));
      if (age < 2000) return { pid: 0, host: '', started: '' };
    } else if (h.host !== me.host || alive(h.pid)) return h;
    // The holder is gone (killed): its lock is taken over.
    await rm(file, { force: true });
    if (attempt > 5) throw new Error(`cannot take the lock ${file}`);
  }
}

/**
 * Hold the output folder's lock, waiting for another build holding it.
 * @throws TrainpackError naming the holder's pid when it is still held after the wait.
 */
export async function lockOutput(out: string, onWait?: (holder: LockHolder) => void): Promise<Lock> {
  const deadline = Date.now() + timeoutMs();
  let told = false;
  for (;;) {
    const got = await tryLock(out);
    if ('release' in got) return got;
    if (Date.now() >= deadline) {
      const diags = new Diagnostics();
      const who = got.pid ? `trainpack build (pid ${got.pid}${got.host && got.host !== hostname() ? ` on ${got.host}` : ''}, started ${got.started})` : 'trainpack build';
      diags.error('output', `Another ${who} is writing to ${out}; this build stopped without writing anything`, { file: out }, `Wait for it to finish and build again, or choose another --out folder. If no such build runs, delete ${path.join(out, LOCK)}.`);
      throw new TrainpackError(diags.list);
    }
    if (!told && got.pid) {
      told = true;
      onWait?.(got);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
