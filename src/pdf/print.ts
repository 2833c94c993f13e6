/**
 * Print one staged HTML page to PDF bytes: guides and handouts (paper, TOC
 * page numbers, running header and footer) and slide decks (16:9, or notes
 * pages with `--notes`).
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { Edition } from '../resolve/edition.js';
import type { Strings } from '../render/templates.js';
import { destinations, finishPdf, loadPdf } from './pdfdoc.js';
import { deckPageCss, deckPdfOptions, docPageCss, docPdfOptions, footerTemplate, headerTemplate, type Paper } from './profiles.js';
import { fillToc, samePages } from './toc.js';
import { digitList } from '../render/locale.js';

/** What to print. */
export interface PrintJob {
  edition: Edition;
  strings: Strings;
  kind: 'guide' | 'handout' | 'deck';
  /** Absolute path of the staged HTML page. */
  html: string;
  /** Header and subject text for other documents (role cards, attendance sheet…); default from `kind`. */
  label?: string;
}

/** Settings shared by every job of a build. */
export interface PrintSettings {
  paper: Paper;
  notes: boolean;
  /** Milliseconds allowed for loading a page, and again for printing it. */
  timeout: number;
  /** templates/css/print-pdf.css of the edition. */
  css: string;
}

/** A printed PDF. */
export interface Printed {
  bytes: Uint8Array;
  pages: number;
  /** How many times the page was printed (2 for a document with a TOC). */
  passes: number;
}

// Two passes normally; a third only if the numbers moved the layout.
const MAX_PASSES = 3;

async function open(page: Page, job: PrintJob, settings: PrintSettings, pageCss: string): Promise<void> {
  await page.goto(pathToFileURL(job.html).href, { waitUntil: 'load', timeout: settings.timeout });
  await page.addStyleTag({ content: `${settings.css}\n${pageCss}` });
}

const SUBJECT = { guide: 'facilitator_guide', handout: 'participant_handout', deck: 'slides' } as const;

function metadata(job: PrintJob) {
  return { authors: job.edition.curriculum.authors ?? [], subject: job.label ?? job.strings[SUBJECT[job.kind]] ?? job.kind, language: job.edition.language };
}

/** Print a facilitator guide or participant handout, with page numbers in its table of contents. */
export async function printDocument(page: Page, job: PrintJob, settings: PrintSettings): Promise<Printed> {
  await open(page, job, settings, docPageCss(settings.paper));
  const kind = job.kind === 'guide' ? 'facilitator_guide' : 'participant_handout';
  const options = docPdfOptions(settings.paper, headerTemplate(job.edition, job.strings, kind, job.label), footerTemplate(job.edition, job.strings), settings.timeout);
  const ids = await fillToc(page);
  let bytes = await page.pdf(options);
  let doc = await loadPdf(bytes);
  let passes = 1;
  if (ids.length > 0) {
    let numbers = destinations(doc);
    while (passes < MAX_PASSES) {
      await fillToc(page, numbers, digitList(job.edition.language, job.edition.numbers === 'native'));
      bytes = await page.pdf(options);
      doc = await loadPdf(bytes);
      passes++;
      const landed = destinations(doc);
      if (samePages(ids, numbers, landed)) break;
      numbers = landed;
    }
  }
  return { bytes: await finishPdf(bytes, doc, metadata(job)), pages: doc.getPageCount(), passes };
}

/**
 * With `--notes`, each slide and its speaker notes become one portrait page:
 * the slide scaled to the page width, the notes below it in reading size.
 */
async function notesLayout(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.classList.add('tp-pdf-notes');
    for (const slide of Array.from(document.querySelectorAll('.tp-slide'))) {
      const sheet = document.createElement('div');
      sheet.className = 'tp-notes-page';
      slide.replaceWith(sheet);
      sheet.append(slide);
      const notes = slide.querySelector(':scope > .tp-speaker-notes');
      if (notes) sheet.append(notes);
    }
  });
}

/** Print a module's slide deck: one slide a page, speaker notes only with `--notes`. */
export async function printDeck(page: Page, job: PrintJob, settings: PrintSettings): Promise<Printed> {
  await open(page, job, settings, deckPageCss(settings.notes, settings.paper));
  // Every slide is printed, so none stays hidden from the tag tree (deck.js hides all but the current one on screen).
  await page.evaluate(() => document.querySelectorAll('.tp-slide[aria-hidden]').forEach((s) => s.removeAttribute('aria-hidden')));
  if (settings.notes) await notesLayout(page);
  const bytes = await page.pdf(deckPdfOptions(settings.timeout));
  const doc = await loadPdf(bytes);
  return { bytes: await finishPdf(bytes, doc, metadata(job)), pages: doc.getPageCount(), passes: 1 };
}
