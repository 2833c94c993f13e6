/**
 * Network guard for pages being printed. FORMAT.md section 6: no request
 * leaves the machine. Only `data:`, `blob:` and `file:` URLs inside the
 * edition's own folder load; everything else is aborted at once, so a
 * remote image is a warning and never a hang, and a page cannot pull a
 * local file from elsewhere (`<iframe src="file:///etc/…">`) into a PDF.
 *
 * Request interception does not see everything a page can open (WebSocket
 * handshakes, WebRTC, popups, workers), so the printer also sets the page's
 * policy itself, whatever the templates say (a curriculum can override
 * them): every document is answered with PRINT_CSP as a response header
 * (no connections, no workers, a sandbox without popups), a script run
 * before any page script removes WebSocket, WebRTC and window.open, new
 * targets are closed (./launch.ts), and WebRTC may not use UDP at all
 * (browser flags in ./launch.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mime from 'mime-types';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

/**
 * The policy of every document printed: local files and inline code only,
 * no connection of any kind (fetch, XHR, WebSocket, beacons, EventSource),
 * no workers, no plugins, no forms, and a sandbox without popups, top-level
 * navigation or modal dialogs. A template's own CSP can only narrow it.
 */
export const PRINT_CSP = [
  "default-src 'none'",
  "img-src data: blob: file:",
  "style-src 'unsafe-inline' data: file:",
  "font-src data: file:",
  "script-src 'unsafe-inline' file:",
  "frame-src data: blob: file:",
  "media-src data: blob: file:",
  "connect-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox allow-scripts allow-same-origin',
].join('; ');

/**
 * Run in every frame before the page's own scripts: what could open a
 * connection that request interception cannot stop is removed (WebRTC,
 * WebSocket, WebTransport), and window.open opens nothing. Frames the page
 * creates itself get the same treatment when it first reaches into them.
 */
export const LOCKDOWN = `(() => {
  const names = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceTransport', 'RTCSctpTransport',
    'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'SharedWorker', 'Worker'];
  const lock = (w) => {
    try {
      if (!w || w.__tpLocked) return w;
      Object.defineProperty(w, '__tpLocked', { value: true });
      for (const n of names) {
        try { Object.defineProperty(w, n, { value: undefined, writable: false, configurable: false }); } catch (e) { try { delete w[n]; } catch (e2) {} }
      }
      try { Object.defineProperty(w, 'open', { value: () => null, writable: false, configurable: false }); } catch (e) {}
      try { if (w.navigator) Object.defineProperty(w.navigator, 'sendBeacon', { value: () => false }); } catch (e) {}
      try { if (w.navigator && w.navigator.mediaDevices) Object.defineProperty(w.navigator, 'mediaDevices', { value: undefined }); } catch (e) {}
    } catch (e) {}
    return w;
  };
  lock(window);
  for (const C of [window.HTMLIFrameElement, window.HTMLFrameElement, window.HTMLObjectElement]) {
    if (!C) continue;
    const d = Object.getOwnPropertyDescriptor(C.prototype, 'contentWindow');
    if (d && d.get) Object.defineProperty(C.prototype, 'contentWindow', { get() { return lock(d.get.call(this)); }, configurable: false });
    const doc = Object.getOwnPropertyDescriptor(C.prototype, 'contentDocument');
    if (doc && doc.get) Object.defineProperty(C.prototype, 'contentDocument', { get() { const x = doc.get.call(this); if (x) lock(x.defaultView); return x; }, configurable: false });
  }
})();`;

/** What the guard decides for one URL. */
export type Verdict = 'allow' | 'remote' | 'blocked';

/** Decide whether `url` may load while printing a page of the edition in `root`. */
export function judge(url: string, root: string): Verdict {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:' || scheme === 'blob:' || url === 'about:blank' || url === 'about:srcdoc') return 'allow';
  if (scheme === 'file:') {
    let file: string;
    try {
      file = path.resolve(fileURLToPath(url));
    } catch {
      return 'blocked';
    }
    const top = path.resolve(root);
    return file === top || file.startsWith(top + path.sep) ? 'allow' : 'blocked';
  }
  return ['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(scheme) ? 'remote' : 'blocked';
}

/** The rules of the job a page is printing now. */
export interface GuardRules {
  /** The edition's staging folder: `file:` URLs must stay inside it. */
  root: string;
  /** A remote URL was asked for (and aborted, or refused by the page's CSP). */
  onRemote: (url: string) => void;
  /** Anything else refused: a file outside the edition, an unknown scheme. */
  onBlocked: (url: string) => void;
}

/** A browser page with its guard; `rules` is set for each job it prints. */
export interface GuardedPage {
  page: Page;
  rules?: GuardRules;
}

// Chromium reports what the page's Content-Security-Policy refused on the
// console instead of as a request ("Loading the image 'https://…' violates …",
// older: "Refused to load the image 'https://…' because it violates …").
const CSP_REFUSED = /'([a-z][a-z0-9+.-]*:[^']*)'[^']*violates/i;

/** Open a page whose every request goes through `judge`. */
export async function openGuardedPage(browser: Browser): Promise<GuardedPage> {
  const page = await browser.newPage();
  const guarded: GuardedPage = { page };
  await page.setBypassCSP(false);
  await page.evaluateOnNewDocument(LOCKDOWN);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const rules = guarded.rules;
    const verdict = rules ? judge(url, rules.root) : 'blocked';
    if (verdict === 'allow') {
      if (url.startsWith('file:') && request.isNavigationRequest()) void answerDocument(request, url);
      else void request.continue();
      return;
    }
    if (verdict === 'remote') rules?.onRemote(url);
    else rules?.onBlocked(url);
    void request.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    const m = message.type() === 'error' ? CSP_REFUSED.exec(message.text()) : null;
    if (!m || !guarded.rules) return;
    if (judge(m[1]!, guarded.rules.root) === 'remote') guarded.rules.onRemote(m[1]!);
  });
  // A dialog would block printing forever; none is expected, dismiss any.
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  return guarded;
}

/** Answer a document (a page or a frame) from its file, with the printer's policy as a header. */
async function answerDocument(request: HTTPRequest, url: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(fileURLToPath(url));
  } catch {
    await request.respond({ status: 404, contentType: 'text/plain', body: '' }).catch(() => undefined);
    return;
  }
  const type = mime.lookup(fileURLToPath(url)) || 'application/octet-stream';
  await request
    .respond({ status: 200, headers: { 'Content-Type': mime.contentType(type) || type, 'Content-Security-Policy': PRINT_CSP }, body })
    .catch(() => undefined);
}

/**
 * Close every page target this build did not open itself (popups from
 * window.open, target=_blank links): they have no guard.
 */
export function closeStrayTargets(browser: Browser, ours: (page: Page) => boolean): void {
  browser.on('targetcreated', (target) => {
    if (target.type() !== 'page' && target.type() !== 'other' && target.type() !== 'webview') return;
    if (!target.opener()) return;
    void target.page().then((p) => (p && !ours(p) ? p.close() : undefined)).catch(() => undefined);
  });
}
