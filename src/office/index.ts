/**
 * The Office stage (FORMAT.md section 6): beside the PDF stage, it reads the
 * pages an edition has just written for each audience and writes editable
 * files from them: `slides/<module>.pptx` for every deck, and
 * `facilitator-guide.docx`, `participant-handout.docx` and (when the
 * edition has role-plays) `role-cards.docx`. Participant files hold what the
 * participant pages hold, so the audience rules and the leak guard of the
 * pages hold for them too; `assertNoLeak` in the tests reads every part.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Edition } from '../resolve/edition.js';
import type { Strings } from '../render/templates.js';
import { writeDocx } from './docx.js';
import { findFirst, hasClass, parsePage } from './html.js';
import { normalizeOffice } from './package.js';
import { writePptx } from './pptx.js';

export const OFFICE_FORMATS = ['pptx', 'docx'] as const;
export type OfficeFormat = (typeof OFFICE_FORMATS)[number];

/** One edition as the Office stage needs it. */
export interface OfficeEdition {
  edition: Edition;
  strings: Strings;
}

const DOCUMENTS = [
  ['facilitator-guide.html', 'facilitator-guide.docx', 'facilitator_guide'],
  ['participant-handout.html', 'participant-handout.docx', 'participant_handout'],
  ['role-cards.html', 'role-cards.docx', 'role_cards'],
] as const;

/** Theme values as the Office files use them. */
function theme(edition: Edition): { primary: string; accent: string; font: string } {
  const t = (edition.theme ?? {}) as Record<string, unknown>;
  const colour = (v: unknown, fallback: string) => (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v) ? v : fallback);
  return { primary: colour(t.primary, '#1f4e79'), accent: colour(t.accent, '#b5541c'), font: typeof t.font === 'string' && t.font ? t.font : 'Noto Sans' };
}

/** Write the Office files of each edition into `dirOf(id)`; returns the files written per edition, relative to it. */
export async function renderEditionOffice(dirOf: (id: string) => string, editions: OfficeEdition[], formats: OfficeFormat[]): Promise<Map<string, string[]>> {
  const written = new Map<string, string[]>();
  for (const { edition, strings } of editions) {
    const dir = dirOf(edition.id);
    const files: string[] = [];
    const colours = theme(edition);
    const rtl = edition.dir === 'rtl';
    // Section direction: Word's sectPr carries <w:bidi/> in a right-to-left edition.
    const bidi = (name: string, xml: string) => (rtl && name === 'word/document.xml' ? xml.replace(/<w:sectPr(\s[^>]*)?>/g, (m) => `${m}<w:bidi/>`) : xml);
    if (formats.includes('docx')) {
      for (const [html, docx, kind] of DOCUMENTS) {
        const file = path.join(dir, html);
        if (!existsSync(file)) continue;
        const page = parsePage(await readFile(file, 'utf8'));
        const bytes = await writeDocx({ page, title: edition.title, kind: strings[kind] ?? kind, language: edition.language, rtl, pageOfPages: strings.page_x_of_y ?? 'Page {page} of {pages}', contents: kind === 'role_cards' ? undefined : strings.contents, ...colours });
        await writeFile(path.join(dir, docx), normalizeOffice(bytes, bidi));
        files.push(docx);
      }
    }
    if (formats.includes('pptx') && existsSync(path.join(dir, 'slides'))) {
      for (const name of (await readdir(path.join(dir, 'slides'))).filter((f) => f.endsWith('.html')).sort()) {
        const page = parsePage(await readFile(path.join(dir, 'slides', name), 'utf8'));
        const title = findFirst(page, (e) => e.tagName === 'title');
        const logo = findFirst(page, (e) => e.tagName === 'img' && hasClass(e, 'tp-slide-logo'));
        const bytes = await writePptx({
          page,
          title: title ? String((title.children[0] as { value?: string } | undefined)?.value ?? name) : name,
          curriculum: edition.title,
          language: edition.language,
          rtl,
          logo: logo ? String(logo.properties?.src ?? '') : undefined,
          ...colours,
        });
        const rel = `slides/${name.replace(/\.html$/, '.pptx')}`;
        await writeFile(path.join(dir, rel), normalizeOffice(bytes));
        files.push(rel);
      }
    }
    written.set(edition.id, files);
  }
  return written;
}
