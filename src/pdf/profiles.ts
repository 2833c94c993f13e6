/**
 * Print profiles: paper, margins, running header and footer of each kind of
 * PDF. Page geometry lives here (it depends on --paper and --notes);
 * element styling lives in templates/css/print-pdf.css.
 */
import type { PDFOptions } from 'puppeteer-core';
import type { Edition } from '../resolve/edition.js';
import type { Strings } from '../render/templates.js';

/** Paper of guide, handout and notes pages. */
export type Paper = 'a4' | 'letter';

const FORMAT = { a4: 'A4', letter: 'Letter' } as const;

// Header and footer are drawn inside these margins, so they need room:
// 20 mm leaves ~12 mm for an 8 pt line with air around it.
const DOC_MARGIN = { top: '20mm', right: '16mm', bottom: '20mm', left: '16mm' };
const NOTES_MARGIN = { top: '12mm', right: '12mm', bottom: '14mm', left: '12mm' };

// Header and footer templates render in their own document without the
// page's CSS: they need their own font stack and an explicit size.
const FONT = `"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Bengali", "Noto Sans Khmer", "Noto Sans Thai", "Noto Sans Devanagari", "Noto Sans Ethiopic", "Noto Sans Hebrew", "Noto Sans CJK SC", sans-serif`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `@page` rule injected before printing a guide or handout: the CSS margins win over puppeteer's, so both say the same. */
export function docPageCss(paper: Paper): string {
  const m = DOC_MARGIN;
  return `@page { size: ${FORMAT[paper]}; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }`;
}

/** `@page` rule for slide PDFs: 16:9 at 1280×720 CSS px (960×540 pt), or portrait notes pages. */
export function deckPageCss(notes: boolean, paper: Paper): string {
  if (!notes) return '@page { size: 1280px 720px; margin: 0; }';
  const m = NOTES_MARGIN;
  return `@page { size: ${FORMAT[paper]} portrait; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }`;
}

function bar(start: string, end: string, edition: Edition): string {
  // Both templates share one layout: start and end text, the edition's direction and language.
  return `<div dir="${edition.dir}" lang="${escapeHtml(edition.language)}" style="box-sizing:border-box;width:100%;padding:0 ${DOC_MARGIN.left};display:flex;justify-content:space-between;gap:12pt;font-family:${escapeHtml(FONT)};font-size:8pt;line-height:1.2;color:#555;-webkit-print-color-adjust:exact;"><span>${start}</span><span>${end}</span></div>`;
}

/** The running header: edition title at the start, document kind and edition at the end. */
export function headerTemplate(edition: Edition, strings: Strings, kind: 'facilitator_guide' | 'participant_handout', label?: string): string {
  const which = edition.id === 'base' ? (strings.edition_base ?? 'Base edition') : `${strings.edition ?? 'Edition'} ${edition.id}`;
  return bar(escapeHtml(edition.title), `${escapeHtml(label ?? strings[kind] ?? kind)} · ${escapeHtml(which)}`, edition);
}

/** The running footer: "Page X of Y" in the edition's language, with Chromium's live page counters. */
export function footerTemplate(edition: Edition, strings: Strings): string {
  const text = escapeHtml(strings.page_x_of_y ?? 'Page {page} of {pages}')
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{pages}', '<span class="totalPages"></span>');
  const version = edition.curriculum.version ? escapeHtml(edition.curriculum.version) : '';
  return bar(version, text, edition);
}

/** Options every PDF shares: tagged for screen readers, an outline from the headings. */
const COMMON: PDFOptions = { tagged: true, outline: true, printBackground: true };

/** puppeteer `pdf()` options of a guide or handout. */
export function docPdfOptions(paper: Paper, header: string, footer: string, timeout: number): PDFOptions {
  return {
    ...COMMON,
    format: FORMAT[paper],
    margin: DOC_MARGIN,
    displayHeaderFooter: true,
    headerTemplate: header,
    footerTemplate: footer,
    preferCSSPageSize: false,
    timeout,
  };
}

/** puppeteer `pdf()` options of a slide deck: the page size comes from the injected `@page` rule. */
export function deckPdfOptions(timeout: number): PDFOptions {
  return { ...COMMON, preferCSSPageSize: true, displayHeaderFooter: false, timeout };
}
