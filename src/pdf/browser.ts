/**
 * Browser discovery and launch for the PDF stage (issue 3).
 *
 * Order: `--browser`, then $TRAINPACK_CHROME / $PUPPETEER_EXECUTABLE_PATH,
 * then a browser puppeteer downloaded itself, then the system's usual
 * places. The first that exists wins; nothing found is one error listing
 * everything tried and how to install a browser.
 */
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Diagnostics, TrainpackError } from '../errors.js';

/** Where a browser path came from (shown in errors and in `PdfStats`). */
export type BrowserSource = '--browser' | 'TRAINPACK_CHROME' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer cache' | 'system';

/** A browser executable found on this machine. */
export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** What `findBrowser` looks at; tests replace the environment and the file check. */
export interface FindOptions {
  /** The `--browser` flag: when given, it is the only candidate. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  isExecutable?: (p: string) => Promise<boolean>;
}

// The Debian chromium-headless-shell package installs the real binary under
// /usr/lib/chromium and a /usr/bin wrapper that runs it *without* exec, so a
// shell would sit between puppeteer and the browser: try the binary first.
const LINUX = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/usr/bin/microsoft-edge',
];
const MAC_APPS = ['Google Chrome', 'Chromium', 'Google Chrome Canary', 'Microsoft Edge', 'Brave Browser'];
const WIN_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];

/** System locations for a platform, most suitable first. */
export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = MAC_APPS.map((a) => `/Applications/${a}.app/Contents/MacOS/${a}`);
    return [...apps, ...apps.map((a) => path.join(os.homedir(), a))];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => WIN_APPS.map((a) => path.win32.join(r, a)));
  }
  return LINUX;
}

/** Browsers puppeteer downloaded into its cache (`npx puppeteer browsers install`), headless shell first. */
async function puppeteerCandidates(env: NodeJS.ProcessEnv): Promise<string[]> {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  try {
    const { getInstalledBrowsers } = await import('@puppeteer/browsers');
    const installed = await getInstalledBrowsers({ cacheDir });
    const rank = (b: string) => (b === 'chrome-headless-shell' ? 0 : b === 'chrome' ? 1 : 2);
    return installed.sort((a, b) => rank(a.browser) - rank(b.browser)).map((b) => b.executablePath);
  } catch {
    return []; // no cache folder, or an unreadable one: nothing to offer
  }
}

const executable = async (p: string) => {
  try {
    await access(p, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Find a Chromium-family browser, or throw a TrainpackError (rule `browser`) listing what was tried. */
export async function findBrowser(options: FindOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const isExecutable = options.isExecutable ?? executable;
  const tried: string[] = [];
  const check = async (p: string, source: BrowserSource) => {
    if (await isExecutable(p)) return { path: p, source };
    tried.push(`${p} (${source})`);
    return undefined;
  };
  if (options.explicit) {
    // An explicit choice is never silently replaced by another browser.
    const found = await check(path.resolve(options.explicit), '--browser');
    if (found) return found;
    throw browserError(`The browser given with --browser was not found or is not executable: ${options.explicit}`, tried, options.explicit);
  }
  for (const name of ['TRAINPACK_CHROME', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const value = env[name];
    if (value) {
      const found = await check(value, name);
      if (found) return found;
    } else tried.push(`$${name} (not set)`);
  }
  for (const p of await puppeteerCandidates(env)) {
    const found = await check(p, 'puppeteer cache');
    if (found) return found;
  }
  for (const p of systemCandidates(options.platform ?? process.platform, env)) {
    const found = await check(p, 'system');
    if (found) return found;
  }
  throw browserError('No Chromium or Chrome found to print PDFs with', tried, '(browser)');
}

function browserError(message: string, tried: string[], file: string): TrainpackError {
  const diags = new Diagnostics();
  diags.error(
    'browser',
    `${message}. Tried: ${tried.join('; ')}`,
    { file },
    'Install one (Debian/Ubuntu: apt-get install chromium-headless-shell, or apt-get install chromium; macOS/Windows: install Google Chrome), or pass --browser <path> or set TRAINPACK_CHROME.',
  );
  return new TrainpackError(diags.list);
}
