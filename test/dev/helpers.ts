/** Helpers for the dev server tests: an SSE reader over fetch, raw HTTP requests, polling. */
import { request } from 'node:http';
import type { BuildReport, DevServer } from '../../src/dev/index.js';

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** Read the reload channel as a page would, with fetch. */
export async function openEvents(base: string, page = 'index.html', version = '') {
  const abort = new AbortController();
  const res = await fetch(`${base}__trainpack/events?page=${encodeURIComponent(page)}&v=${encodeURIComponent(version)}`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: SseEvent[] = [];
  let buffer = '';
  let done = false;
  const pump = async () => {
    const { value, done: end } = await reader.read();
    if (end) throw new Error('event stream ended');
    buffer += value;
    let at: number;
    while ((at = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event) seen.push({ event, data: data ? JSON.parse(data) : undefined });
    }
  };
  let read = 0;
  return {
    res,
    seen,
    /** The next event named `name` (skipping others), within `timeoutMs`. */
    async next<T = Record<string, unknown>>(name: string, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (read < seen.length) {
          const e = seen[read++]!;
          if (e.event === name) return e.data as T;
        }
        const left = deadline - Date.now();
        if (left <= 0 || done) throw new Error(`no "${name}" event within ${timeoutMs} ms (saw ${seen.map((e) => e.event).join(', ')})`);
        await Promise.race([pump(), new Promise((r) => setTimeout(r, left))]);
      }
    },
    close() {
      done = true;
      abort.abort();
      reader.cancel().catch(() => {});
    },
  };
}

/** A GET with the path sent byte for byte (fetch would normalise `/../`). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Poll `check` until it returns a value, or fail after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** The text of a served page. */
export async function page(base: string, rel = ''): Promise<string> {
  const res = await fetch(base + rel);
  return res.text();
}

/** Resolves once `server` has started no build for `ms`: a late build of an earlier step cannot pass for the next one's. */
export async function quiet(server: DevServer, ms = 150): Promise<void> {
  while (await server.nextBuild(ms).then(() => true, () => false));
}

/** Run `action` (a save) on a quiet server and return the report of the build it starts. */
export async function rebuild(server: DevServer, action: () => Promise<unknown>, timeoutMs = 10_000): Promise<BuildReport> {
  await quiet(server);
  const build = server.nextBuild(timeoutMs);
  await action();
  return build;
}
