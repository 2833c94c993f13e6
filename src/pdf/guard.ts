/**
 * Network guard for pages being printed. FORMAT.md section 6: no request
 * leaves the machine. Only `data:`, `blob:` and `file:` URLs inside the
 * edition's own folder load; everything else is aborted at once, so a
 * remote image is a warning and never a hang, and a page cannot pull a
 * local file from elsewhere (`<iframe src="file:///etc/…">`) into a PDF.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

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
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const rules = guarded.rules;
    const verdict = rules ? judge(url, rules.root) : 'blocked';
    if (verdict === 'allow') {
      void request.continue();
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
