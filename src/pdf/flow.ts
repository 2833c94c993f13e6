/**
 * Page flow of guides and handouts. Print CSS keeps every box whole
 * (`break-inside: avoid`), which is right for a short box and wrong for a
 * long one: a box that does not fit jumps to the next page and leaves a
 * hole. Before printing, each box is measured at the printed width; one
 * taller than a third of the page's text area is marked `tp-long` and may
 * break (templates/css/print-pdf.css), its frame repeated on each page
 * with a "continued" cue at its top.
 */
import type { Page } from 'puppeteer-core';
import type { Paper } from './profiles.js';
import { cssString } from './running.js';

const MM = 96 / 25.4;
/** Text area of a guide page in mm (paper minus the 16 mm side and 20 mm top and bottom margins). */
const AREA = { a4: { width: 210 - 32, height: 297 - 40 }, letter: { width: 215.9 - 32, height: 279.4 - 40 } } as const;

/** What may break when long. */
const BOXES = '.tp-block, .tp-role, .tp-slide-marker, .tp-unit-header, .tp-quiz > li, figure, .tp-pack-card';

/** Mark the boxes taller than a third of the page; returns how many. */
export async function markLongBoxes(page: Page, paper: Paper): Promise<number> {
  const area = AREA[paper];
  await page.setViewport({ width: Math.round(area.width * MM), height: Math.round(area.height * MM) });
  await page.emulateMediaType('print');
  try {
    return await page.evaluate(
      (selector: string, limit: number) => {
        let n = 0;
        // Outer boxes first: a long exercise may break even when its solution stays whole.
        for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
          if (el.getBoundingClientRect().height > limit) {
            el.classList.add('tp-long');
            n++;
          }
        }
        return n;
      },
      BOXES,
      (area.height * MM) / 3,
    );
  } finally {
    await page.emulateMediaType();
  }
}

/** The "continued" cue drawn at the top of each later piece of a broken box, as CSS. */
export function continuedCss(word: string, dir: 'ltr' | 'rtl'): string {
  const anchor = dir === 'rtl' ? 'start' : 'end';
  const x = dir === 'rtl' ? 0 : 240;
  const text = `${word} ${dir === 'rtl' ? '◂' : '▸'}`.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='240' height='16'><text x='${x}' y='12' text-anchor='${anchor}' direction='${dir}' font-family='Noto Sans, Noto Sans Arabic, sans-serif' font-size='11' font-style='italic' fill='#525252'>${text}</text></svg>`;
  const url = `data:image/svg+xml,${encodeURIComponent(svg)}`;
  const side = dir === 'rtl' ? 'left' : 'right';
  return `.tp-doc .tp-long { background-image: url(${cssString(url)}); background-repeat: no-repeat; background-position: top 0.3rem ${side} 0.9rem; background-size: 240px 16px; }`;
}
