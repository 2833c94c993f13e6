/**
 * SVG images print in the edition's fonts. An `<img>` SVG is a document of
 * its own: the page's CSS does not reach it, so a diagram drawn with
 * `font-family="Arial"` prints in Liberation Sans beside a Noto body. Before
 * printing, each inlined SVG (`data:image/svg+xml`, as the pages embed
 * them) gets a style rule giving its text the page's font stack.
 */
import type { Page } from 'puppeteer-core';

/** Rewrite every inlined SVG image of the page to use the body's fonts; returns how many. */
export async function svgInPageFonts(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stack = getComputedStyle(document.body).fontFamily;
    const rule = `text, tspan, textPath { font-family: ${stack} !important; }`;
    const images = Array.from(document.querySelectorAll<HTMLImageElement>('img[src^="data:image/svg+xml"]'));
    const fromBase64 = (b: string) => new TextDecoder().decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
    const toBase64 = (s: string) => btoa(Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join(''));
    let n = 0;
    for (const img of images) {
      const src = img.getAttribute('src')!;
      const comma = src.indexOf(',');
      const head = src.slice(0, comma);
      const svg = head.endsWith(';base64') ? fromBase64(src.slice(comma + 1)) : decodeURIComponent(src.slice(comma + 1));
      if (!/<(text|tspan|textPath)\b/.test(svg)) continue;
      const open = /<svg\b[^>]*>/.exec(svg);
      if (!open) continue;
      const at = open.index + open[0].length;
      const styled = `${svg.slice(0, at)}<style>${rule.replace(/</g, '&lt;')}</style>${svg.slice(at)}`;
      img.setAttribute('src', `data:image/svg+xml;base64,${toBase64(styled)}`);
      await img.decode().catch(() => undefined);
      n++;
    }
    return n;
  });
}
