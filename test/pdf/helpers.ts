/**
 * Helpers of the PDF tests: the browser (or why tests skip), temp folders,
 * curricula written on the fly, and PDF inspection with poppler-utils
 * (pdfinfo, pdftotext, pdffonts) and pdf-lib.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { copyFixtureInto } from '../helpers.js';
import { build, type BuildOptions } from '../../src/api.js';
import { findBrowser } from '../../src/pdf/browser.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');

/** The browser the tests print with, or undefined: then every test that needs one is skipped. */
export const BROWSER: string | undefined = await findBrowser().then(
  (b) => b.path,
  () => undefined,
);
if (!BROWSER) {
  console.warn('PDF tests skipped: no Chromium or Chrome found (apt-get install chromium-headless-shell, or set TRAINPACK_CHROME).');
}
/** Suffix for describe names, so a skip says why. */
export const NEEDS_BROWSER = BROWSER ? '' : ' (skipped: no browser installed)';

const temps: string[] = [];

/** A fresh temp folder, removed by `cleanTemps`. */
export async function tempDir(prefix = 'trainpack-pdf-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export async function cleanTemps(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Copy a fixture folder (name under test/fixtures, or an absolute path) into a temp folder cleaned by `cleanTemps`. */
export async function copyFixture(name: string): Promise<string> {
  return copyFixtureInto(name, await tempDir());
}

/** Write a curriculum from a map of relative path -> content. */
export async function writeCurriculum(files: Record<string, string>): Promise<string> {
  const dir = path.join(await tempDir(), 'curriculum');
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/** build() with HTML and PDF into a temp folder; returns the result and the edition folder. */
export async function buildPdf(dir: string, options: Partial<BuildOptions> = {}) {
  const out = await tempDir('trainpack-pdf-out-');
  const result = await build({ dir, out, formats: ['html', 'pdf'], browser: BROWSER, ...options });
  return { result, out, base: path.join(out, 'base') };
}

/** `pdfinfo` as a key -> value map. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await execa('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Page size in points, rounded. */
export async function pageSize(file: string): Promise<[number, number]> {
  const m = /([\d.]+) x ([\d.]+)/.exec((await pdfInfo(file))['Page size'] ?? '');
  return [Math.round(Number(m?.[1])), Math.round(Number(m?.[2]))];
}

/** Text of every page (pdftotext separates pages with form feeds). */
export async function pageTexts(file: string, layout = true): Promise<string[]> {
  const { stdout } = await execa('pdftotext', [...(layout ? ['-layout'] : []), file, '-']);
  const pages = stdout.split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages;
}

/** Names of the fonts embedded in a PDF (subset prefix removed). */
export async function pdfFonts(file: string): Promise<string[]> {
  const { stdout } = await execa('pdffonts', [file]);
  return stdout.split('\n').slice(2).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

/** Words of one page with their boxes (`pdftotext -bbox`). */
export async function pageWords(file: string, page: number): Promise<{ text: string; xMin: number; yMin: number; xMax: number }[]> {
  const { stdout } = await execa('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-']);
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]!,
  }));
}

/** Document-level facts pdfinfo does not show: outline entries and catalog language. */
export async function pdfCatalog(file: string): Promise<{ outlineItems: number; lang?: string }> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  let outlineItems = 0;
  if (outlines instanceof PDFDict) {
    const count = outlines.lookup(PDFName.of('Count'));
    outlineItems = count instanceof PDFNumber ? Math.abs(count.asNumber()) : outlines.has(PDFName.of('First')) ? 1 : 0;
  }
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return { outlineItems, lang: lang ? (lang as unknown as { decodeText(): string }).decodeText() : undefined };
}

/** The starter curriculum of `trainpack init`, copied into a temp folder. */
export async function starter(): Promise<string> {
  return copyFixture(path.join(ROOT, 'templates/init'));
}
