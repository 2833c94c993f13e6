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

/** Set author, subject and creator, keep Chromium's tagging and outline, and serialise. */
export async function finishPdf(doc: PDFDocument, meta: PdfMetadata): Promise<Uint8Array> {
  if (meta.authors.length > 0) doc.setAuthor(meta.authors.join(', '));
  doc.setSubject(meta.subject);
  doc.setCreator('trainpack');
  if (!doc.catalog.has(PDFName.of('Lang'))) doc.setLanguage(meta.language);
  // Object streams need PDF 1.5; Chromium writes 1.4 headers, so keep plain objects.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
