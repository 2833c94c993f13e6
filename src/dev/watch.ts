/**
 * Watching the inputs with chokidar, in batches: an editor's save is often
 * several events (truncate, write, rename), and a `git checkout` is
 * hundreds. Events are collected until the files have been quiet for
 * `debounceMs`, then handed over as one batch; batches never overlap, and
 * what arrives during a rebuild makes the next batch.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { isNoise, type FileEvent } from './deps.js';

/** One changed path and what happened to it. */
export interface FileChange {
  event: FileEvent;
  path: string;
}

/** Options of watchInputs. */
export interface WatchOptions {
  /** Quiet time before a batch is handed over (default 20 ms). */
  debounceMs?: number;
  onError?: (err: unknown) => void;
}

/** A running watcher. */
export interface InputWatcher {
  close(): Promise<void>;
}

const signOf = (file: string) =>
  stat(file).then(
    (s: Stats) => `${s.size}:${s.mtimeMs}:${s.ino}`,
    () => 'gone',
  );

/** Watch `roots` (folders, recursively) and call `onBatch` with the changes. */
export async function watchInputs(roots: string[], onBatch: (changes: FileChange[]) => Promise<void>, options: WatchOptions = {}): Promise<InputWatcher> {
  const pending = new Map<string, FileEvent>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  /** What each file looked like when its last batch was taken. */
  const built = new Map<string, string>();
  /** Batches a file was held back from for being empty. */
  const held = new Map<string, number>();

  const flush = () => {
    timer = undefined;
    if (running || closed || pending.size === 0) return;
    const batch = [...pending].map(([p, event]) => ({ path: p, event }));
    pending.clear();
    running = Promise.all(batch.map(async (c) => built.set(c.path, await signOf(c.path))))
      .then(() => {
        // A save truncates, then writes: a file found empty is most likely
        // half saved. It waits a few quiet periods before it counts as empty.
        const ready = batch.filter((c) => {
          const times = held.get(c.path) ?? 0;
          if (c.event === 'unlink' || times >= 5 || !built.get(c.path)!.startsWith('0:')) {
            held.delete(c.path);
            return true;
          }
          held.set(c.path, times + 1);
          if (!pending.has(c.path)) pending.set(c.path, c.event);
          return false;
        });
        return ready.length > 0 ? onBatch(ready) : undefined;
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = undefined;
        if (pending.size > 0) schedule();
      });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 20);
  };
  const record = (event: FileEvent, file: string) => {
    // An add or unlink outweighs a change of the same file in one batch.
    const before = pending.get(file);
    pending.set(file, before && before !== 'change' ? before : event);
    schedule();
  };

  // Loaded here, not at the top: the bundled CLI keeps chokidar outside and loads it only to watch.
  const { watch } = await import('chokidar');
  const watcher: FSWatcher = watch(roots, {
    ignoreInitial: true,
    // Relative to the watched root, so a root inside a dot folder still counts.
    ignored: (p: string) => roots.some((r) => p.startsWith(r + path.sep) && isNoise(path.relative(r, p))),
  });
  watcher.on('add', (p) => record('add', p));
  // chokidar emits one change per file per 50 ms and drops the rest, with no
  // trailing event: a second save inside that window would be lost. So each
  // change is checked again just after the window, and counts if the file
  // differs from what the last batch saw of it.
  watcher.on('change', (p) => {
    record('change', p);
    setTimeout(() => {
      if (closed || pending.has(p)) return;
      void signOf(p).then((now) => now !== built.get(p) && record('change', p));
    }, 60).unref();
  });
  watcher.on('unlink', (p) => record('unlink', p));
  watcher.on('error', (err) => options.onError?.(err));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
