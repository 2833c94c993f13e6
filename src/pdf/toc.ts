/**
 * Page numbers in the table of contents. Chromium cannot tell a page where
 * its content lands in print, so a guide or handout is printed twice:
 *
 * 1. every TOC entry gets an empty, fixed-width number slot and the page is
 *    printed; Chromium writes a named destination for each link target
 *    (`#module-x`, `#unit-x`, `#agenda`), which gives its page;
 * 2. the numbers go into the slots and the page is printed again.
 *
 * The slots have the same width empty or filled, so the layout and the page
 * breaks cannot move between the passes; the caller still checks the second
 * print against the first and prints again if anything did move.
 */
import type { Page } from 'puppeteer-core';

/** Links of the printed table of contents. */
export const TOC_LINKS = 'nav.tp-toc a[href^="#"]';

/**
 * Put a number slot (leader + page number) into every TOC link, filled from
 * `numbers` (target id -> page) or left empty, written with `digits` (the
 * edition's 0–9 with `numbers: native`, render/locale.ts digitList()) or 0–9.
 * Returns the target ids found.
 */
export async function fillToc(page: Page, numbers: Map<string, number> = new Map(), digits = ''): Promise<string[]> {
  return page.evaluate(
    (selector: string, entries: [string, number][], digitText: string) => {
      const table = digitText ? digitText.split(' ') : [];
      const write = (n: number) => (table.length === 10 ? String(n).replace(/[0-9]/g, (d) => table[Number(d)]!) : String(n));
      const map = new Map(entries);
      const ids: string[] = [];
      for (const a of Array.from(document.querySelectorAll(selector))) {
        const raw = (a.getAttribute('href') ?? '#').slice(1);
        let id = raw;
        try {
          id = decodeURIComponent(raw);
        } catch {
          // An explicit heading id with a stray % (`{#50%}`) is its own text.
        }
        ids.push(id);
        let slot = a.querySelector(':scope > .tp-toc-page');
        if (!slot) {
          // The leader is drawn by CSS (a dotted border), so it adds no text to the tagged PDF.
          const leader = document.createElement('span');
          leader.className = 'tp-toc-leader';
          leader.setAttribute('aria-hidden', 'true');
          slot = document.createElement('span');
          slot.className = 'tp-toc-page';
          a.append(leader, slot);
        }
        const n = map.get(id);
        slot.textContent = n === undefined ? '' : write(n);
      }
      return ids;
    },
    TOC_LINKS,
    [...numbers],
    digits,
  );
}

/** Do two destination maps agree on every TOC target? */
export function samePages(ids: string[], a: Map<string, number>, b: Map<string, number>): boolean {
  return ids.every((id) => a.get(id) === b.get(id));
}
