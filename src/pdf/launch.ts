/**
 * Launch the browser the PDF stage found (src/pdf/browser.ts). Puppeteer is
 * imported here, on first use, so HTML-only builds never load it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'puppeteer-core';
import { Diagnostics, TrainpackError } from '../errors.js';
import type { FoundBrowser } from './browser.js';
import { closeStrayTargets } from './guard.js';

/** A launched browser and how long the launch took. */
export interface LaunchedBrowser {
  browser: Browser;
  launchMs: number;
}

/**
 * Launch headless. Flags: no GPU, and nothing that phones home (background
 * networking, component updates, sync, QUIC): on a closed network those
 * connections fail noisily and slow the start. `--no-sandbox` only as root,
 * where Chromium refuses to start sandboxed. Puppeteer gives every launch a
 * fresh temporary profile and removes it on close.
 */
export async function launchBrowser(found: FoundBrowser): Promise<LaunchedBrowser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const args = [
    '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    // WebRTC may use no UDP and no direct route (the page's script removes WebRTC too: ./guard.ts).
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp', '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--enforce-webrtc-ip-permission-check',
    // No popups: window.open and target=_blank stay in the sandbox of PRINT_CSP; stray ones are closed.
    '--block-new-web-contents',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const started = performance.now();
  try {
    const browser = await puppeteer.launch({
      executablePath: found.path,
      // The headless shell is headless by build; `shell` passes plain --headless to it.
      headless: /headless[-_]shell/i.test(path.basename(found.path)) ? 'shell' : true,
      args,
      pipe: true, // no debugging port: nothing listens on the network
      timeout: 30_000,
    });
    // A target opened by a page (a popup) is never one of ours: closed at once.
    closeStrayTargets(browser, () => false);
    return { browser, launchMs: performance.now() - started };
  } catch (err) {
    const diags = new Diagnostics();
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    diags.error('browser', `Could not start the browser ${found.path} (from ${found.source}): ${reason}`, { file: found.path });
    throw new TrainpackError(diags.list, { cause: err });
  }
}

/** Resolves after `ms`, without keeping the process alive. */
const grace = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Close a page, waiting at most `ms`: puppeteer can wait forever for a tab
 * closed in the middle of a navigation (seen after a `goto` timeout under
 * load). Such a tab goes with the browser at the end.
 */
export async function closePage(page: Page, ms = 3_000): Promise<void> {
  await Promise.race([page.close().catch(() => undefined), grace(ms)]);
}

/** Close the browser; if it has not quit after `ms`, kill the process this build started. */
export async function closeBrowser(browser: Browser, ms = 10_000): Promise<void> {
  const closed = browser.close().then(() => true, () => false);
  if (await Promise.race([closed, grace(ms).then(() => false)])) return;
  browser.process()?.kill('SIGKILL');
}
