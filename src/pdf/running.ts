/**
 * Running header and footer of guides, handouts and pack documents, drawn
 * by the page itself with CSS page-margin boxes and named pages (Chromium
 * 131+), not by puppeteer's header/footer templates:
 *
 * - the cover is a page of its own (`page: tp-cover`) with no margin, so no
 *   header or footer is printed on it and its colour band can bleed;
 * - each module is a named page (`tp-m0`, `tp-m1`, …) whose header names it;
 * - the footer says "Version 1.0.0 · Page X of Y" with the CSS page counters.
 *
 * Margin boxes are laid out outside the document's content, so Chromium
 * prints them as artifacts: the tag tree holds the content only. The page
 * is printed once, so the table-of-contents numbers, the outline and the
 * named destinations stay those of one document.
 */
import { counterStyle } from '../render/locale.js';
import type { Page } from 'puppeteer-core';
import type { Edition } from '../resolve/edition.js';
import type { Strings } from '../render/templates.js';

/** A CSS string literal: quotes, backslashes and line breaks cannot end it. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]+/g, ' ')}"`;
}

// Margin boxes have no page CSS of their own: the edition's font stack (the theme's first), 8 pt, muted.
const BOX = 'font-family: var(--tp-font, "Noto Sans", sans-serif); font-size: 8pt; line-height: 1.2; color: #555;';

/** What the margin boxes say. */
export interface RunningText {
  /** The edition's title in its language (never an id). */
  title: string;
  /** The document: "Facilitator guide", "Attendance sheet"… */
  kind: string;
}

/** The physical side of the start and end of a line: right to left swaps them. */
const sides = (edition: Pick<Edition, 'dir'>) => (edition.dir === 'rtl' ? (['right', 'left'] as const) : (['left', 'right'] as const));

/**
 * The `@page` rules of a document: every page gets the title at the start of
 * the header, the document kind at its end, the kind at the footer's start
 * and "Version v · Page X of Y" at its end; the cover gets none of them.
 */
export function runningCss(edition: Pick<Edition, 'dir' | 'curriculum'> & Partial<Pick<Edition, 'language' | 'numbers'>>, strings: Strings, text: RunningText): string {
  const [start, end] = sides(edition);
  // `numbers: native` (FORMAT.md section 5): page numbers in the locale's digits, as a CSS counter style.
  const digits = counterStyle(edition.language ?? edition.curriculum.language, edition.numbers === 'native');
  const counter = (name: string) => (digits === 'decimal' ? `counter(${name})` : `counter(${name}, ${digits})`);
  const pageOf = (strings.page_x_of_y ?? 'Page {page} of {pages}').split(/(\{page\}|\{pages\})/).filter(Boolean)
    .map((part) => (part === '{page}' ? counter('page') : part === '{pages}' ? counter('pages') : cssString(part)));
  const version = edition.curriculum.version ? [cssString(`${strings.version ?? 'Version'} ${edition.curriculum.version} · `)] : [];
  const box = (where: string, content: string) => `@${where} { content: ${content}; ${BOX} }`;
  const none = ['top-left', 'top-right', 'bottom-left', 'bottom-right'].map((w) => `@${w} { content: none; }`).join(' ');
  return [
    `@page { ${box(`top-${start}`, cssString(text.title))} ${box(`top-${end}`, cssString(text.kind))} ${box(`bottom-${start}`, cssString(text.kind))} ${box(`bottom-${end}`, [...version, ...pageOf].join(' '))} }`,
    `@page tp-cover { margin: 0; ${none} }`,
  ].join('\n');
}

/**
 * Name each module's pages and say the module in their header: "Module 2:
 * Individual level". Returns the `@page` rules to add (one per module).
 */
export async function modulePages(page: Page, edition: Pick<Edition, 'dir'>): Promise<string> {
  const labels = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main .tp-module')).map((el, i) => {
      el.style.setProperty('page', `tp-m${i}`);
      const kicker = el.querySelector('.tp-module-kicker')?.textContent?.trim() ?? '';
      const title = el.querySelector('.tp-module-header h2')?.textContent?.trim() ?? '';
      return kicker && title ? `${kicker}: ${title}` : kicker || title;
    }),
  );
  const [, end] = sides(edition);
  return labels.map((label, i) => `@page tp-m${i} { @top-${end} { content: ${cssString(label)}; ${BOX} } }`).join('\n');
}
