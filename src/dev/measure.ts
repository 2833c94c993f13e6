/**
 * How long a save takes to reach the browser in `trainpack dev`, for
 * `npm run bench`: from writing a unit file to the reload event arriving on
 * the reload channel, read over HTTP as a page reads it.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDev, type BuildReport } from './index.js';

export interface MeasureOptions {
  /** Timed saves (default 10), after one untimed warm-up save. */
  runs?: number;
  /** The unit to edit, relative to the curriculum (default: the middle unit of the middle module). */
  unit?: string;
  /** Serve this overlay edition. */
  overlay?: string;
  /** Hears each timed save: its time and the rebuild's report. */
  onRun?: (ms: number, report: BuildReport) => void;
}

/** The middle unit file of the middle module folder. */
async function middleUnit(root: string): Promise<string> {
  const names = async (dir: string, dirs: boolean) =>
    (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() === dirs && !e.name.startsWith('.') && (dirs || (e.name.endsWith('.md') && !e.name.endsWith('.patch.md'))))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const modules = await names(path.join(root, 'modules'), true);
  const dir = path.join(root, 'modules', modules[Math.floor(modules.length / 2)]!);
  const units = await names(dir, false);
  return path.join(dir, units[Math.floor(units.length / 2)]!);
}

/** Events named `reload` on the reload channel, one promise each. */
async function reloadEvents(url: string) {
  const abort = new AbortController();
  // Connect as the page's own version, or the channel says at once that the page is out of date.
  const version = /data-tp-version="(\d+)"/.exec(await (await fetch(`${url}facilitator-guide.html`)).text())?.[1] ?? '';
  const res = await fetch(`${url}__trainpack/events?page=facilitator-guide.html&v=${version}`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<void> {
      for (;;) {
        const at = buffer.indexOf('\n\n');
        if (at !== -1) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (frame.startsWith('event: reload')) return;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the reload channel closed');
        buffer += value;
      }
    },
    close: () => abort.abort(),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Median milliseconds from saving one unit to the reload event, over
 * `runs` saves. Works on a temporary copy of `dir`: the original is never written.
 */
export async function measureDevRebuild(dir: string, options: MeasureOptions = {}): Promise<number> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'trainpack-dev-measure-'));
  const copy = path.join(tmp, 'curriculum');
  await cp(path.resolve(dir), copy, { recursive: true, filter: (src) => !/[\\/](\.git|\.trainpack-cache)$/.test(src) });
  const server = await startDev({ dir: copy, overlay: options.overlay, port: 0 });
  const events = await reloadEvents(server.url);
  try {
    if (!server.initial.ok) throw new Error(`the curriculum does not build: ${server.initial.diagnostics.find((d) => d.severity === 'error')?.message}`);
    const unit = options.unit ? path.join(copy, options.unit) : await middleUnit(copy);
    const original = await readFile(unit, 'utf8');
    const samples: number[] = [];
    for (let run = 0; run <= (options.runs ?? 10); run++) {
      const report = server.nextBuild(30_000);
      const reloaded = events.next();
      const started = performance.now();
      await writeFile(unit, `${original}\nMeasured edit number ${run}.\n`);
      await reloaded;
      const ms = performance.now() - started;
      const r = await report;
      if (!r.ok) throw new Error(`the edit broke the build: ${r.diagnostics.find((d) => d.severity === 'error')?.message}`);
      if (run > 0) (samples.push(ms), options.onRun?.(ms, r));
      // Let the watcher's per-file window pass, so the next save is a save of its own.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return median(samples);
  } finally {
    events.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
