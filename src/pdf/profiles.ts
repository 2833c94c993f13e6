/**
 * Print profiles: paper, margins, running header and footer of each kind of
 * PDF. Page geometry lives here (it depends on --paper and --notes);
 * element styling lives in templates/css/print-pdf.css.
 */
import type { PDFOptions } from 'puppeteer-core';

/** Paper of guide, handout and notes pages. */
export type Paper = 'a4' | 'letter';

const FORMAT = { a4: 'A4', letter: 'Letter' } as const;

// Header and footer are drawn inside these margins, so they need room:
// 20 mm leaves ~12 mm for an 8 pt line with air around it.
const DOC_MARGIN = { top: '20mm', right: '16mm', bottom: '20mm', left: '16mm' };
const NOTES_MARGIN = { top: '12mm', right: '12mm', bottom: '14mm', left: '12mm' };

/** Paper height in mm: the cover fills one page exactly. */
const HEIGHT = { a4: 297, letter: 279.4 } as const;
const WIDTH = { a4: 210, letter: 215.9 } as const;
// Landscape sheets (the attendance sheet) keep more rows with less room above and below; the header still fits.
const LANDSCAPE_MARGIN = { top: '14mm', right: '14mm', bottom: '13mm', left: '14mm' };

/**
 * `@page` rule injected before printing a guide or handout (the CSS margins
 * win over puppeteer's, so both say the same), the height of the text area
 * (`--tp-page-area`: sheets of role cards fill it), and the cover's height:
 * a hair under the paper's, so rounding never pushes it onto two pages.
 */
export function docPageCss(paper: Paper, landscape = false): string {
  const m = landscape ? LANDSCAPE_MARGIN : DOC_MARGIN;
  const height = landscape ? WIDTH[paper] : HEIGHT[paper];
  return `@page { size: ${FORMAT[paper]}${landscape ? ' landscape' : ''}; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }\n:root { --tp-page-area: ${height - parseFloat(m.top) - parseFloat(m.bottom)}mm; }\n.tp-doc > .tp-cover { height: ${height - 0.5}mm; }`;
}

/** `@page` rule for slide PDFs: 16:9 at 1280×720 CSS px (960×540 pt), or portrait notes pages. */
export function deckPageCss(notes: boolean, paper: Paper): string {
  if (!notes) return '@page { size: 1280px 720px; margin: 0; }';
  const m = NOTES_MARGIN;
  return `@page { size: ${FORMAT[paper]} portrait; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }`;
}

/** Options every PDF shares: tagged for screen readers, an outline from the headings. */
const COMMON: PDFOptions = { tagged: true, outline: true, printBackground: true };

/** puppeteer `pdf()` options of a guide or handout: the page draws its own header and footer (running.ts). */
export function docPdfOptions(paper: Paper, timeout: number, landscape = false): PDFOptions {
  return { ...COMMON, format: FORMAT[paper], landscape, margin: landscape ? LANDSCAPE_MARGIN : DOC_MARGIN, displayHeaderFooter: false, preferCSSPageSize: false, timeout };
}

/** puppeteer `pdf()` options of a slide deck: the page size comes from the injected `@page` rule. */
export function deckPdfOptions(timeout: number): PDFOptions {
  return { ...COMMON, preferCSSPageSize: true, displayHeaderFooter: false, timeout };
}
