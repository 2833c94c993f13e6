/**
 * Helpers of the accessibility tests (issue 9): editions built once into a
 * temp folder, a headless Chromium found and launched the way the PDF stage
 * does it (src/pdf/browser.ts, src/pdf/launch.ts), and axe-core run inside
 * a page. Without a browser every test that needs one is skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { build, type BuildOptions } from '../../src/api.js';
import { findBrowser, type FoundBrowser } from '../../src/pdf/browser.js';
import { closeBrowser, launchBrowser } from '../../src/pdf/launch.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled example curriculum. */
export const EXAMPLE = path.join(ROOT, 'curricula/reintegration');

/** The browser, or undefined: then the tests that need one are skipped. */
export const BROWSER: FoundBrowser | undefined = await findBrowser().catch(() => undefined);
/** Suffix for describe names, so a skip says why. */
export const NEEDS_BROWSER = BROWSER ? '' : ' (skipped: no browser installed)';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Build editions of a curriculum (HTML only) into a fresh temp folder; `cleanup` removes it. */
export async function buildSite(dir: string, options: Partial<BuildOptions> = {}) {
  const out = await mkdtemp(path.join(os.tmpdir(), 'trainpack-a11y-'));
  // No persistent cache: the bundled example's folder must stay untouched.
  const result = await build({ dir, out, formats: ['html'], persistentCache: false, ...options });
  return { out, result, cleanup: () => rm(out, { recursive: true, force: true }) };
}

/** Every HTML page of an edition folder: index, guide, handout, then the decks. */
export function pagesOf(editionDir: string): string[] {
  const decks = readdirSync(path.join(editionDir, 'slides')).filter((f) => f.endsWith('.html')).sort();
  return ['index.html', 'facilitator-guide.html', 'participant-handout.html', ...decks.map((d) => `slides/${d}`)];
}

/** Launch the browser found on this machine. */
export async function openBrowser(): Promise<Browser> {
  return (await launchBrowser(BROWSER!)).browser;
}

export { closeBrowser };

/** What a page is opened with. */
export interface OpenOptions {
  width?: number;
  height?: number;
  reducedMotion?: boolean;
  /** URL fragment (a deck's slide number). */
  hash?: string;
}

/** Open a file of the output from `file://`, as a reader would. */
export async function openPage(browser: Browser, file: string, o: OpenOptions = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: o.width ?? 1280, height: o.height ?? 800 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: o.reducedMotion === false ? 'no-preference' : 'reduce' }]);
  await page.goto(pathToFileURL(file).href + (o.hash ? `#${o.hash}` : ''), { waitUntil: 'load' });
  return page;
}

/** One axe-core violation, trimmed to what a failure message needs. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Run axe-core (every rule but the experimental ones) in the page, on the
 * whole document or on the elements matching `context`. axe is evaluated
 * through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axe(page: Page, context?: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (ctx) => {
    const w = window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(ctx ? { include: [[ctx]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, context ?? null);
}

/** The violations a test fails on: serious and critical. */
export function blocking(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The editions of the bundled example the accessibility tests cover. */
export const EXAMPLE_EDITIONS = ['base', 'ar'];

/**
 * For the tests of one describe block: the bundled example built as its base
 * and Arabic editions, and one browser, both closed after the block.
 */
export function useExampleSite(): { readonly out: string; readonly browser: Browser } {
  let site: Awaited<ReturnType<typeof buildSite>>;
  let browser: Browser;
  beforeAll(async () => {
    [site, browser] = await Promise.all([buildSite(EXAMPLE, { overlays: EXAMPLE_EDITIONS }), openBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await closeBrowser(browser);
    await site.cleanup();
  });
  return {
    get out() {
      return site.out;
    },
    get browser() {
      return browser;
    },
  };
}
