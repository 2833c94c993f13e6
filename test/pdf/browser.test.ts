/**
 * Browser discovery (src/pdf/browser.ts) with a fake file system, launch
 * failures, and a build with a bogus --browser: HTML still written.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { TrainpackError } from '../../src/errors.js';
import { findBrowser, systemCandidates } from '../../src/pdf/browser.js';
import { launchBrowser } from '../../src/pdf/launch.js';
import { cleanTemps, starter, tempDir } from './helpers.js';

afterAll(cleanTemps);

/** A fake file check: only these paths are executable. */
const only = (...paths: string[]) => async (p: string) => paths.includes(p);
const EMPTY_CACHE = { PUPPETEER_CACHE_DIR: '/nonexistent/puppeteer-cache' };

async function errorOf(p: Promise<unknown>): Promise<TrainpackError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TrainpackError);
  return err as TrainpackError;
}

describe('findBrowser', () => {
  it('uses --browser alone, and fails clearly when it does not exist', async () => {
    const found = await findBrowser({ explicit: '/opt/my/chrome', env: EMPTY_CACHE, isExecutable: only('/opt/my/chrome', '/usr/bin/chromium') });
    expect(found).toEqual({ path: '/opt/my/chrome', source: '--browser' });
    const err = await errorOf(findBrowser({ explicit: '/opt/missing/chrome', env: EMPTY_CACHE, isExecutable: only('/usr/bin/chromium') }));
    expect(err.diagnostics).toHaveLength(1);
    expect(err.diagnostics[0]).toMatchObject({ rule: 'browser', severity: 'error', file: '/opt/missing/chrome' });
    expect(err.message).toContain('/opt/missing/chrome');
  });

  it('prefers $TRAINPACK_CHROME, then $PUPPETEER_EXECUTABLE_PATH, over system browsers', async () => {
    const env = { ...EMPTY_CACHE, TRAINPACK_CHROME: '/a/chrome', PUPPETEER_EXECUTABLE_PATH: '/b/chrome' };
    expect(await findBrowser({ env, isExecutable: only('/a/chrome', '/b/chrome', '/usr/bin/chromium') })).toEqual({ path: '/a/chrome', source: 'TRAINPACK_CHROME' });
    expect(await findBrowser({ env, isExecutable: only('/b/chrome', '/usr/bin/chromium') })).toEqual({ path: '/b/chrome', source: 'PUPPETEER_EXECUTABLE_PATH' });
  });

  it('finds a browser puppeteer downloaded into its cache', async () => {
    const cache = await tempDir();
    const exe = path.join(cache, 'chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64/chrome-headless-shell');
    await mkdir(path.dirname(exe), { recursive: true });
    await writeFile(exe, '');
    const found = await findBrowser({ env: { PUPPETEER_CACHE_DIR: cache }, platform: 'linux', isExecutable: only(exe, '/usr/bin/chromium') });
    expect(found).toEqual({ path: exe, source: 'puppeteer cache' });
  });

  it('prefers the Debian headless shell binary, then its wrapper, then chromium', async () => {
    const linux = { env: EMPTY_CACHE, platform: 'linux' as const };
    const shell = '/usr/lib/chromium/chromium-headless-shell';
    expect((await findBrowser({ ...linux, isExecutable: only('/usr/bin/chromium', shell, '/usr/bin/chromium-headless-shell') })).path).toBe(shell);
    expect((await findBrowser({ ...linux, isExecutable: only('/usr/bin/chromium', '/usr/bin/chromium-headless-shell') })).path).toBe('/usr/bin/chromium-headless-shell');
    expect((await findBrowser({ ...linux, isExecutable: only('/usr/bin/google-chrome', '/usr/bin/chromium') })).path).toBe('/usr/bin/chromium');
  });

  it('knows the usual places on macOS and Windows', () => {
    expect(systemCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('lists everything it tried and how to install a browser when none is found', async () => {
    const err = await errorOf(findBrowser({ env: EMPTY_CACHE, platform: 'linux', isExecutable: only() }));
    const d = err.diagnostics[0]!;
    expect(d.rule).toBe('browser');
    expect(d.message).toMatch(/No Chromium or Chrome found/);
    for (const tried of ['$TRAINPACK_CHROME (not set)', '$PUPPETEER_EXECUTABLE_PATH (not set)', '/usr/bin/chromium-headless-shell', '/usr/bin/chromium (system)']) {
      expect(d.message).toContain(tried);
    }
    expect(d.hint).toContain('apt-get install chromium-headless-shell');
    expect(d.hint).toContain('apt-get install chromium');
    expect(d.hint).toContain('--browser');
  });
});

describe('launchBrowser', () => {
  it('reports a program that is not a browser as a browser error', async () => {
    const err = await errorOf(launchBrowser({ path: '/bin/false', source: '--browser' }));
    expect(err.diagnostics[0]).toMatchObject({ rule: 'browser', file: '/bin/false' });
    expect(err.message).toMatch(/Could not start the browser \/bin\/false/);
  });
});

describe('build() with a bogus --browser', () => {
  it('fails with a browser error and still writes the HTML', async () => {
    const out = await tempDir();
    const err = await errorOf(build({ dir: await starter(), out, formats: ['html', 'pdf'], browser: '/nonexistent/chromium' }));
    expect(err.diagnostics.some((d) => d.rule === 'browser' && d.severity === 'error')).toBe(true);
    expect(err.message).toContain('/nonexistent/chromium');
    for (const rel of ['index.html', 'facilitator-guide.html', 'participant-handout.html', 'slides/getting-started.html']) {
      expect(existsSync(path.join(out, 'base', rel)), rel).toBe(true);
    }
    expect(existsSync(path.join(out, 'base', 'facilitator-guide.pdf'))).toBe(false);
  });
});
