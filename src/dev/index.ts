/**
 * `trainpack dev` as a library (issue 5): build an edition in memory, serve
 * it on localhost, watch the curriculum, its overlays, its templates and
 * trainpack's own templates, rebuild what a save touched and reload the open
 * pages that changed. Errors never stop it: they show over the last good
 * pages and on the terminal until the file is fixed.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import { diag, TrainpackError } from '../errors.js';
import { loadCurriculum } from '../load/curriculum.js';
import { BUILTIN_TEMPLATES, Templates } from '../render/templates.js';
import { DevBuilder, type BuildReport } from './builder.js';
import { ReloadChannel } from './channel.js';
import { openBrowser } from './open.js';
import { buildLine, DiagnosticsPrinter } from './report.js';
import { createDevServer } from './server.js';
import { devInject, PageStore } from './store.js';
import { watchInputs } from './watch.js';

export type { BuildReport } from './builder.js';

/** Options of `startDev`; the CLI flags map one to one. */
export interface DevOptions {
  /** Curriculum folder. */
  dir: string;
  /** Serve this overlay edition instead of the base. */
  overlay?: string;
  /** Port (default 4000, or the next free one up to 4010). Given explicitly, it must be free; 0 picks any. */
  port?: number;
  /** Address to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /** Open the served page in the browser. */
  open?: boolean;
  /** Where status lines go (the CLI passes stderr); default nowhere. */
  log?: (line: string) => void;
  /** Quiet time after the last file event before a rebuild (default 20 ms). */
  debounceMs?: number;
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:<port>/`: the edition's index. */
  url: string;
  port: number;
  /** Every build's report, the first one included. */
  events: EventEmitter<{ build: [BuildReport] }>;
  /** The report of the first build. */
  initial: BuildReport;
  /** The report of the next build, after a later file change (rejects after `timeoutMs`, default 10 s). */
  nextBuild(timeoutMs?: number): Promise<BuildReport>;
  /** Number of pages connected to the reload channel. */
  readonly clients: number;
  /** Stop watching, end the reload streams and close the server. */
  close(): Promise<void>;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** Start the dev server. Throws TrainpackError when there is no curriculum or the port is taken. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const root = path.resolve(options.dir);
  // Not a curriculum at all: fail as build does. A broken one is served with its errors shown.
  if (!existsSync(path.join(root, 'curriculum.yml'))) await loadCurriculum(root);
  const log = options.log ?? (() => {});
  // Pages no browser has open are rendered when requested, from the last good edition.
  const store: PageStore = new PageStore((pages) => builder.renderPages(pages), root);
  const channel = new ReloadChannel();
  const builder: DevBuilder = new DevBuilder(root, options.overlay, store, () => channel.openPages());
  const events = new EventEmitter<{ build: [BuildReport] }>();
  const printer = new DiagnosticsPrinter();
  const publish = (r: BuildReport, first: boolean) => {
    log(buildLine(r, first));
    for (const line of printer.lines(r)) log(line);
    channel.setProblems(r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error'));
    if (r.ok && r.pages.length > 0) channel.reload(r.pages, r.version);
    events.emit('build', r);
  };

  const initial = (await builder.build())!;
  const host = options.host ?? '127.0.0.1';
  const server = createDevServer({
    store,
    channel,
    loopbackOnly: isLoopback(host),
    // Before any good build, `/` is the reload script alone: it shows the errors and reloads once fixed.
    placeholder: () => `<!doctype html>${devInject(new Templates([path.join(root, 'templates')]))}`,
  });
  const port = await listen(server, host, options.port);
  publish(initial, true);
  const watcher = await watchInputs(
    [root, BUILTIN_TEMPLATES],
    async (changes) => {
      const report = await builder.build(changes);
      if (report) publish(report, false);
    },
    { debounceMs: options.debounceMs, onError: (err) => log(`watch: ${err instanceof Error ? err.message : String(err)}`) },
  );
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  if (!isLoopback(host)) log(`Listening on ${host}: anyone who can reach this machine can read the facilitator guide.`);
  if (options.open) openBrowser(url, (why) => log(`Could not open a browser (${why}); open ${url} yourself.`));

  return {
    url,
    port,
    events,
    initial,
    nextBuild: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const done = (r: BuildReport) => {
          clearTimeout(timer);
          resolve(r);
        };
        const timer = setTimeout(() => {
          events.off('build', done);
          reject(new Error(`No rebuild within ${timeoutMs} ms`));
        }, timeoutMs);
        events.once('build', done);
      }),
    get clients() {
      return channel.size;
    },
    async close() {
      await watcher.close();
      channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Listen on `port`, or on 4000 and up to ten next ports when none was asked for. */
async function listen(server: Server, host: string, asked: number | undefined): Promise<number> {
  const first = asked ?? 4000;
  for (let port = first; ; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => (server.off('error', reject), resolve()));
      });
      return (server.address() as AddressInfo).port;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && asked === undefined && port < first + 10) continue;
      const why = code === 'EADDRINUSE' ? `port ${port} is in use` : (err as Error).message;
      throw new TrainpackError([diag('error', 'server', `Cannot serve on ${host}:${port}: ${why}`, { file: `${host}:${port}` }, 'Pass another --port (0 picks a free one) or --host.')]);
    }
  }
}
