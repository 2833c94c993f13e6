/**
 * Reading and finishing printed PDFs with pdf-lib: which page each named
 * destination lands on (for the table of contents), and the document
 * metadata Chromium does not write (author, subject, creator).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

/** Load a PDF without touching its metadata (pdf-lib would stamp its own producer and dates). */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/**
 * Named destination -> 1-based page number. Chromium writes one named
 * destination per element id that a link points at (`#unit-x`), in the
 * catalog's `/Dests` dictionary; the `/Names` tree form is read too.
 */
export function destinations(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i + 1));
  const result = new Map<string, number>();
  const add = (name: string, value: PDFObject | undefined) => {
    let target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (target instanceof PDFDict) target = target.lookup(PDFName.of('D'));
    if (!(target instanceof PDFArray)) return;
    const page = pageOf.get(target.get(0).toString());
    if (page !== undefined) result.set(name, page);
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) add(key.decodeText(), value);
  }
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  const walk = (node: unknown, depth: number) => {
    if (!(node instanceof PDFDict) || depth > 32) return;
    const pairs = node.lookup(PDFName.of('Names'));
    if (pairs instanceof PDFArray) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        const key = pairs.lookup(i);
        if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), pairs.get(i + 1));
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i), depth + 1);
  };
  walk(tree, 0);
  return result;
}

/** Metadata written into every PDF. Title and language come from the page (`<title>`, `<html lang>`). */
export interface PdfMetadata {
  authors: string[];
  subject: string;
  /** Used when Chromium left the language out. */
  language: string;
}

/**
 * Set author, subject and creator on `doc` (loaded from `bytes`) and return
 * the finished file. The change is appended as an incremental update (a new
 * Info dictionary, a small xref section and trailer), leaving Chromium's
 * bytes as they were: the tag tree and outline are untouched, and it costs
 * nothing, where a full pdf-lib save of an 86-page guide took ~270 ms.
 */
export async function finishPdf(bytes: Uint8Array, doc: PDFDocument, meta: PdfMetadata): Promise<Uint8Array> {
  if (meta.authors.length > 0) doc.setAuthor(meta.authors.join(', '));
  doc.setSubject(meta.subject);
  doc.setCreator('trainpack');
  const changed = [doc.context.trailerInfo.Info];
  if (!doc.catalog.has(PDFName.of('Lang'))) {
    doc.setLanguage(meta.language);
    changed.push(doc.context.trailerInfo.Root);
  }
  return appendUpdate(bytes, doc, changed.filter((r): r is PDFRef => r instanceof PDFRef)) ?? doc.save({ useObjectStreams: false });
}

/** Append the objects `refs` of `doc` to `bytes` as an incremental update; undefined when the file does not allow it simply. */
function appendUpdate(bytes: Uint8Array, doc: PDFDocument, refs: PDFRef[]): Uint8Array | undefined {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 64))).toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  // Only over a classic xref table (Chromium writes one); an xref stream would need one too.
  if (prev === undefined || Buffer.from(bytes.subarray(Number(prev), Number(prev) + 4)).toString('latin1') !== 'xref') return undefined;
  const { Root, Info, ID } = doc.context.trailerInfo;
  if (!(Root instanceof PDFRef) || !(Info instanceof PDFRef)) return undefined;
  const chunks: string[] = ['\n'];
  const offsets = new Map<number, number>();
  let length = bytes.length + 1;
  for (const ref of refs) {
    const text = `${ref.objectNumber} ${ref.generationNumber} obj\n${doc.context.lookup(ref)!.toString()}\nendobj\n`;
    offsets.set(ref.objectNumber, length);
    chunks.push(text);
    length += Buffer.byteLength(text, 'latin1');
  }
  const xref = ['xref'];
  for (const ref of refs) {
    xref.push(`${ref.objectNumber} 1`, `${String(offsets.get(ref.objectNumber)).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r`);
  }
  const id = ID ? `\n/ID ${ID.toString()}` : '';
  xref.push('trailer', `<</Size ${doc.context.largestObjectNumber + 1}\n/Root ${Root}\n/Info ${Info}${id}\n/Prev ${prev}>>`, 'startxref', String(length), '%%EOF', '');
  chunks.push(xref.join('\n'));
  // pdf-lib writes non-ASCII text as <FEFF…> hex strings, so the appended text is ASCII.
  return Buffer.concat([bytes, Buffer.from(chunks.join(''), 'latin1')]);
}
