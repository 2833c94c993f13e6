/**
 * The pack's table of contents, added to its index.html: every document of
 * the pack with a line on what it is for and how many copies to print (from
 * the print list), linking its PDF and its web page, then the print list and
 * the manifest. Every file of the pack's own `pack/` folder is linked.
 */
import type { PrintRow } from './print-list.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface ContentsInput {
  /** Every file of the pack folder, relative to it. */
  files: string[];
  rows: PrintRow[];
  strings: Record<string, string>;
  /** Module id -> title, for the decks. */
  modules: Map<string, string>;
}

/** Document label and description key of a PDF, by its path. */
function describe(pdf: string, s: Record<string, string>, modules: Map<string, string>): { label: string; what: string } {
  const t = (k: string, fallback: string) => s[k] ?? fallback;
  const slide = /^slides\/(.+)\.pdf$/.exec(pdf);
  if (slide) return { label: `${t('slides', 'Slides')}: ${modules.get(slide[1]!) ?? slide[1]}`, what: t('pack_doc_slides', '') };
  const known: Record<string, [string, string]> = {
    'facilitator-guide.pdf': ['facilitator_guide', 'pack_doc_guide'],
    'participant-handout.pdf': ['participant_handout', 'pack_doc_handout'],
    'role-cards.pdf': ['role_cards', 'pack_doc_role_cards'],
    'pack/agenda.pdf': ['agenda', 'pack_doc_agenda'],
    'pack/attendance-sheet.pdf': ['attendance_sheet', 'pack_doc_attendance'],
    'pack/knowledge-test.pdf': ['knowledge_test', 'pack_doc_test'],
    'pack/knowledge-test-answer-key.pdf': ['answer_key', 'pack_doc_key'],
  };
  const [label, what] = known[pdf] ?? [pdf, ''];
  return { label: t(label, pdf), what: t(what, '') };
}

/** The contents section (HTML). */
export function packContents(input: ContentsInput): string {
  const { strings: s, files } = input;
  const has = new Set(files);
  const link = (href: string, text: string) => `<a href="${esc(href)}">${esc(text)}</a>`;
  const rows = input.rows.map((r) => {
    const { label, what } = describe(r.file, s, input.modules);
    const html = r.file.replace(/\.pdf$/, '.html');
    const links = [link(r.file, s.pdf ?? 'PDF'), ...(has.has(html) ? [link(html, s.html ?? 'HTML')] : [])].join(' · ');
    return `<tr><th scope="row"><bdi>${esc(label)}</bdi><br><span class="tp-pack-links">${links}</span></th><td>${esc(what)}</td><td class="tp-pack-copies">${r.copies}<br><span class="tp-muted">${esc(r.note)}</span></td></tr>`;
  });
  const extra = [
    ['print-list.csv', s.pack_doc_print_list ?? ''],
    ['manifest.json', s.pack_doc_manifest ?? ''],
  ].map(([f, what]) => `<tr><th scope="row">${link(f!, f!)}</th><td>${esc(what!)}</td><td class="tp-pack-copies">–</td></tr>`);
  return [
    '<section class="tp-pack-contents" id="pack-contents" aria-labelledby="pack-contents-title">',
    `<h2 id="pack-contents-title">${esc(s.pack_documents ?? 'What is in this pack')}</h2>`,
    `<p>${esc(s.pack_doc_site ?? '')}</p>`,
    '<div class="tp-table-wrap"><table>',
    `<thead><tr><th scope="col">${esc(s.contents ?? 'Contents')}</th><th scope="col"></th><th scope="col">${esc(s.copies ?? 'Copies')}</th></tr></thead>`,
    `<tbody>${[...rows, ...extra].join('')}</tbody>`,
    '</table></div>',
    '</section>',
  ].join('\n');
}

/** index.html with the contents section at the start of its main content. */
export function withContents(index: string, section: string): string {
  const at = index.indexOf('<main');
  const open = at >= 0 ? index.indexOf('>', at) : -1;
  if (open < 0) throw new Error('internal: the pack index has no <main>');
  return `${index.slice(0, open + 1)}\n${section}\n${index.slice(open + 1)}`;
}
