/** Reading destinations and writing metadata (src/pdf/pdfdoc.ts), on PDFs made with pdf-lib. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { destinations, finishPdf, loadPdf } from '../../src/pdf/pdfdoc.js';
import { cleanTemps, pdfInfo, tempDir } from './helpers.js';

afterAll(cleanTemps);

/** A three-page PDF with named destinations in the catalog's /Dests (as Chromium writes) and in a /Names tree. */
async function sample(objectStreams = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const pages = [doc.addPage(), doc.addPage(), doc.addPage()];
  const dest = (i: number) => doc.context.obj([pages[i]!.ref, PDFName.of('XYZ'), 0, 800, 0]);
  doc.catalog.set(PDFName.of('Dests'), doc.context.obj({ agenda: dest(0), 'unit-x': dest(2) }));
  const tree = doc.context.obj({ Names: [PDFString.of('module-a'), doc.context.obj({ D: dest(1) })] });
  doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: doc.context.register(tree) }));
  doc.setTitle('Ünïcode title — دليل');
  return doc.save({ useObjectStreams: objectStreams });
}

describe('destinations', () => {
  it('maps each named destination to its 1-based page, from /Dests and from the /Names tree', async () => {
    const doc = await loadPdf(await sample());
    expect(Object.fromEntries(destinations(doc))).toEqual({ agenda: 1, 'module-a': 2, 'unit-x': 3 });
  });
});

describe('finishPdf', () => {
  it('appends author, subject and creator as an incremental update, keeping the original bytes', async () => {
    const bytes = await sample();
    const finished = await finishPdf(bytes, await loadPdf(bytes), { authors: ['Ana', 'فريق'], subject: 'Guide', language: 'fr' });
    expect(Buffer.from(finished.subarray(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true);
    const file = path.join(await tempDir(), 'finished.pdf');
    await writeFile(file, finished);
    const info = await pdfInfo(file);
    expect(info).toMatchObject({ Author: 'Ana, فريق', Subject: 'Guide', Creator: 'trainpack', Title: 'Ünïcode title — دليل', Pages: '3' });
    const again = await loadPdf(finished);
    expect((again.catalog.lookup(PDFName.of('Lang')) as PDFString | PDFHexString).decodeText()).toBe('fr');
    expect(destinations(again).get('unit-x')).toBe(3);
  });

  it('falls back to a full save over an xref stream', async () => {
    const bytes = await sample(true);
    const finished = await finishPdf(bytes, await loadPdf(bytes), { authors: ['Ana'], subject: 'Deck', language: 'en' });
    const doc = await loadPdf(finished);
    expect(doc.getAuthor()).toBe('Ana');
    expect(doc.getPageCount()).toBe(3);
  });
});
