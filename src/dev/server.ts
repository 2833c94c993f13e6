/**
 * The dev HTTP server. It serves the edition's output and nothing else:
 * a request path is looked up in the page store as a key, never joined to a
 * folder, so no path can reach a source file, and there is no listing.
 * Paths with `..`, `.`, empty or encoded separators are refused before that.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EVENTS_PATH, type ReloadChannel } from './channel.js';
import type { PageStore } from './store.js';

/**
 * The output path a request names (`/` is `index.html`), or undefined when
 * the request names no file: traversal (`/../x`, `/%2e%2e/x`, `/..%2fx`),
 * a backslash or NUL, an empty segment, a folder.
 */
export function outputPath(url: string): string | undefined {
  const raw = url.split(/[?#]/)[0]!;
  if (raw === '/') return 'index.html';
  if (!raw.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const segment of raw.slice(1).split('/')) {
    let s: string;
    try {
      s = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (s === '' || s === '.' || s === '..' || /[\\/\0]/.test(s)) return undefined;
    parts.push(s);
  }
  return parts.join('/');
}

// Host names of this machine. A page of another site could resolve its own
// name to 127.0.0.1 (DNS rebinding) and read facilitator notes; the Host header gives it away.
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** What the server needs from the session. */
export interface ServerParts {
  store: PageStore;
  channel: ReloadChannel;
  /** Listening on loopback only: refuse requests addressed to any other host name. */
  loopbackOnly: boolean;
  /** A page to show at `/` before any build succeeded (it carries the reload script). */
  placeholder: () => string;
}

const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function reply(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = 'text/plain; charset=utf-8';
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(req, res, 405, text, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  if (parts.loopbackOnly && !LOOPBACK_HOST.test(req.headers.host ?? '')) return reply(req, res, 403, text, 'Forbidden: unknown host name\n');
  const url = req.url ?? '/';
  const rel = outputPath(url);
  if (rel === EVENTS_PATH) {
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const page = query.get('page') || 'index.html';
    return parts.channel.connect(req, res, page, query.get('v'), parts.store.versionOf(page));
  }
  const served = rel === undefined ? undefined : await parts.store.read(rel);
  if (served) return reply(req, res, 200, served.type, served.body);
  if (rel === 'index.html' && parts.store.version === 0) return reply(req, res, 503, 'text/html; charset=utf-8', parts.placeholder());
  reply(req, res, 404, text, 'Not found: this is not a file of the output\n');
}

/** An HTTP server over the page store and the reload channel (not listening yet). */
export function createDevServer(parts: ServerParts): Server {
  const server = createServer((req, res) => {
    handle(parts, req, res).catch((err: unknown) => {
      if (res.headersSent) res.end();
      else reply(req, res, 500, 'text/plain; charset=utf-8', `trainpack dev: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  // Event streams stay open for hours: no socket timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  return server;
}
