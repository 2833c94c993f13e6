/**
 * The reload channel: server-sent events from the dev server to open pages
 * (templates/js/reload.js). One-way and plain HTTP, so no dependency and no
 * upgrade handshake; the browser reconnects by itself after a restart.
 *
 * Events: `hello {version}` on connecting; `reload {pages, version}` after
 * a rebuild changed pages (each page reloads only if it is listed);
 * `problems {diagnostics}` when a save broke the build; `clear` when fixed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../errors.js';

/** Where pages connect; no output file can have this path (outputs never start with `__`). */
export const EVENTS_PATH = '__trainpack/events';

interface Client {
  res: ServerResponse;
  page: string;
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Open event streams and what they are told. */
export class ReloadChannel {
  private readonly clients = new Set<Client>();
  private problems: Diagnostic[] = [];
  // Proxies and some browsers drop a silent stream: a comment line keeps it open.
  private readonly ping = setInterval(() => this.broadcast(': ping\n\n'), 20_000).unref();

  /** Number of open streams. */
  get size(): number {
    return this.clients.size;
  }

  /** The pages some browser has open. */
  openPages(): Set<string> {
    return new Set([...this.clients].map((c) => c.page));
  }

  /**
   * Open a stream for `page`, loaded at build `version`. A page already out of
   * date (a rebuild ran while it loaded) is told to reload at once, and a
   * broken build shows at once.
   */
  connect(req: IncomingMessage, res: ServerResponse, page: string, version: string | null, current: number | undefined): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 500\n\n' + frame('hello', { version: current ?? null }));
    const client = { res, page };
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
    if (current !== undefined && version !== String(current)) res.write(frame('reload', { pages: [page], version: current }));
    if (this.problems.length > 0) res.write(frame('problems', { diagnostics: this.problems }));
  }

  /** Tell pages that these paths changed in build `version`. */
  reload(pages: string[], version: number): void {
    this.broadcast(frame('reload', { pages, version }));
  }

  /** Show the errors of a failed build over every page, or clear them (empty list). */
  setProblems(diagnostics: Diagnostic[]): void {
    const had = this.problems.length > 0;
    this.problems = diagnostics;
    if (diagnostics.length > 0) this.broadcast(frame('problems', { diagnostics }));
    else if (had) this.broadcast(frame('clear', {}));
  }

  /** End every stream (the server is closing). */
  close(): void {
    clearInterval(this.ping);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.res.write(text);
  }
}
