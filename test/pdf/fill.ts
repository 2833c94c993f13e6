/**
 * How much of each PDF page is used, from a rendered page (pdftoppm, grey,
 * low resolution): the share of the text area between the top margin and
 * the last row with ink, so diagrams and boxes count as well as text.
 * Running header and footer sit in the margins and are left out.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { destinations, loadPdf } from '../../src/pdf/pdfdoc.js';

const DPI = 30;
const MARGIN_MM = 20;

/** Parse a binary PGM (P5) image. */
function pgm(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a P5 PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: buf.subarray(m[0].length, m[0].length + width * height) };
}

/** Used share (0..1) of each page's text area. */
export async function pageFill(pdf: string): Promise<number[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'trainpack-fill-'));
  try {
    await execa('pdftoppm', ['-gray', '-r', String(DPI), pdf, path.join(dir, 'p')]);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const out: number[] = [];
    for (const f of files) {
      const { width, height, pixels } = pgm(await readFile(path.join(dir, f)));
      const margin = Math.round((MARGIN_MM / 25.4) * DPI);
      let last = margin;
      for (let y = margin; y < height - margin; y++) {
        let ink = 0;
        for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 235) ink++;
        if (ink > 0) last = y;
      }
      out.push((last - margin) / (height - 2 * margin));
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pages (1-based) a document may leave short: the cover, and the page before a module, the agenda or a forced break target. */
export async function allowedShort(pdf: string, breakIds: RegExp = /^(module-|agenda$)/): Promise<Set<number>> {
  const doc = await loadPdf(await readFile(pdf));
  const allowed = new Set<number>([1, doc.getPageCount()]);
  for (const [id, page] of destinations(doc)) if (breakIds.test(id)) allowed.add(page - 1);
  return allowed;
}

/** Pages less than half used that are not allowed to be, with their fill. */
export async function underfilled(pdf: string, breakIds?: RegExp): Promise<{ page: number; fill: number }[]> {
  const [fill, allowed] = await Promise.all([pageFill(pdf), allowedShort(pdf, breakIds)]);
  return fill.map((f, i) => ({ page: i + 1, fill: Math.round(f * 100) / 100 })).filter((p) => p.fill < 0.5 && !allowed.has(p.page));
}
