/**
 * How long a save takes to reach the browser in `trainpack dev`, for
 * `npm run bench`: from writing a unit file to the reload event arriving on
 * the reload channel, read over HTTP as a page reads it.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDev, type BuildReport, type DevServer } from './index.js';

/** Options of measureDevRebuild. */
export interface MeasureOptions {
  /** Timed saves (default 10), after one untimed warm-up save. */
  runs?: number;
  /** The unit to edit, relative to the curriculum (default: the middle unit of the middle module). */
  unit?: string;
  /** Serve this overlay edition. */
  overlay?: string;
  /**
   * Pages held open as browser tabs would (default: the facilitator guide,
   * the largest page). Open pages render before the reload event; others
   * render when requested, so this choice is part of what is measured.
   * `'all'`: every page of the edition.
   */
  open?: string[] | 'all';
  /**
   * Hears each timed save: the time to the reload event, the rebuild's
   * report, and the time until the first open page had been fetched again whole.
   */
  onRun?: (ms: number, report: BuildReport, servedMs: number) => void;
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

/**
 * A page's reload stream, as the page opens it, read as it arrives: `at(v)`
 * is when the reload event of build `v` came. Reading by version keeps
 * another build's event (a template someone else saved) from being taken for ours.
 */
async function reloadEvents(url: string, page: string, abort: AbortController) {
  // Connect as the page's own version, or the channel says at once that the page is out of date.
  const version = /data-tp-version="(\d+)"/.exec(await (await fetch(url + page)).text())?.[1] ?? '';
  const res = await fetch(`${url}__trainpack/events?page=${encodeURIComponent(page)}&v=${version}`, { signal: abort.signal });
  const arrived = new Map<number, number>();
  let wake = () => {};
  void (async () => {
    let buffer = '';
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      const now = performance.now();
      buffer += chunk;
      for (let at = buffer.indexOf('\n\n'); at !== -1; at = buffer.indexOf('\n\n')) {
        const m = /^event: reload\ndata: (.*)$/m.exec(buffer.slice(0, at));
        if (m) arrived.set((JSON.parse(m[1]!) as { version: number }).version, now);
        buffer = buffer.slice(at + 2);
      }
      wake();
    }
  })().catch(() => {});
  return {
    async at(v: number): Promise<number> {
      while (!arrived.has(v)) await new Promise<void>((r) => (wake = r));
      return arrived.get(v)!;
    },
  };
}

/** The next build that the save of `rel` started (others may run: a template saved meanwhile). */
async function ourBuild(server: DevServer, rel: string): Promise<BuildReport> {
  for (;;) {
    const r = await server.nextBuild(30_000);
    if (r.inputs.includes(rel)) return r;
  }
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
  const abort = new AbortController();
  try {
    if (!server.initial.ok) throw new Error(`the curriculum does not build: ${server.initial.diagnostics.find((d) => d.severity === 'error')?.message}`);
    const every = server.initial.pages.filter((p) => p.endsWith('.html'));
    const open = options.open === 'all' ? every : (options.open ?? ['facilitator-guide.html']);
    if (open.length === 0) throw new Error('measureDevRebuild needs at least one open page');
    // Every stream hears every reload event: the first stream's is the moment it was sent.
    const events = (await Promise.all(open.map((p) => reloadEvents(server.url, p, abort))))[0]!;
    const unit = options.unit ? path.join(copy, options.unit) : await middleUnit(copy);
    const original = await readFile(unit, 'utf8');
    const samples: number[] = [];
    const rel = path.relative(copy, unit).split(path.sep).join('/');
    for (let run = 0; run <= (options.runs ?? 10); run++) {
      const report = ourBuild(server, rel);
      const started = performance.now();
      await writeFile(unit, `${original}\nMeasured edit number ${run}.\n`);
      const r = await report;
      if (!r.ok) throw new Error(`the edit broke the build: ${r.diagnostics.find((d) => d.severity === 'error')?.message}`);
      if (r.pages.length === 0) throw new Error(`saving ${rel} changed no page`);
      const ms = (await events.at(r.version)) - started;
      // What the browser does next: fetch the page again.
      await (await fetch(server.url + open[0])).arrayBuffer();
      const servedMs = performance.now() - started;
      if (run > 0) {
        samples.push(ms);
        options.onRun?.(ms, r, servedMs);
      }
      // Let the watcher's per-file window pass, so the next save is a save of its own.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return median(samples);
  } finally {
    abort.abort();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
