/**
 * The extra pages of a workshop pack: role cards, a one-page agenda, an
 * attendance sheet, and a pre/post knowledge test with its answer key, all
 * rendered from templates/layouts/pack-*.hbs and printed by the PDF stage.
 */
import { toHtml } from 'hast-util-to-html';
import type { ParsedUnit } from '../markdown/processor.js';
import type { PreparedEdition } from '../pipeline.js';
import type { ExtraDocument } from '../pdf/tasks.js';
import { agendaFor } from '../render/agenda-view.js';
import { foreignAttrs } from '../render/locale.js';
import { facilitatorView } from '../views/facilitator.js';
import { localize } from '../views/localize.js';
import { participantView } from '../views/participant.js';
import { findAll, hasClass } from '../views/tree.js';
import { assertNoLeak } from '../views/guard.js';
import { editionPassages } from '../render/pages.js';

export interface PackPageOptions {
  participants: number;
  days?: number;
  start?: string;
}

/** Paths of the pack pages inside the edition folder. */
export const PACK_PAGES = {
  roleCards: 'pack/role-cards.html',
  agenda: 'pack/agenda.html',
  attendance: 'pack/attendance-sheet.html',
  test: 'pack/knowledge-test.html',
  key: 'pack/knowledge-test-answer-key.html',
} as const;

/** Render the pack pages of one edition. */
export function packPages(prepared: PreparedEdition, options: PackPageOptions): { files: Map<string, string>; pdf: ExtraDocument[]; roleplays: { unit: string; roles: number }[] } {
  const { edition, strings, templates, parsed } = prepared;
  const units = edition.modules.flatMap((m) => m.units);
  const parsedOf = (id: string): ParsedUnit => [...parsed.values()].find((p) => p.unit.id === id)!;
  const treeOf = (id: string) => localize(parsedOf(id).tree, strings, edition.vars);
  const common = {
    lang: edition.language,
    dir: edition.dir,
    native: edition.numbers === 'native',
    strings,
    css: `${templates.read('css/page.css')}\n${templates.read('css/pack.css')}`,
    curriculum: { title: edition.title, version: edition.curriculum.version, license: edition.curriculum.license },
    edition: { id: edition.id, isBase: edition.id === 'base' },
  };
  const t = (key: string) => strings[key] ?? key;

  const roleplays = units.filter((u) => u.type === 'roleplay').map((u) => {
    const view = participantView(treeOf(u.id), { selfCheck: false, strings });
    const cards = findAll(view, (el) => hasClass(el, 'tp-role')).map((el) => toHtml(el));
    return { id: u.id, title: u.title, cards, ...foreignAttrs(u.language, edition.language) };
  });
  const quizzes = units.filter((u) => u.type === 'quiz').map((u) => {
    const tree = treeOf(u.id);
    return {
      id: u.id,
      title: u.title,
      // A quiz from a layer of another language keeps its lang and dir (render/locale.ts).
      ...foreignAttrs(u.language, edition.language),
      test: toHtml(participantView(tree, { selfCheck: false, strings })),
      key: toHtml(facilitatorView(tree, { slideNumbers: [], strings })),
    };
  });
  const { view: agenda } = agendaFor(edition, strings, options.start);
  const dayCount = Math.max(options.days ?? 0, agenda.length, 1);
  const files = new Map<string, string>([
    [PACK_PAGES.roleCards, templates.render('pack-role-cards', { ...common, title: t('role_cards'), roleplays })],
    [PACK_PAGES.agenda, templates.render('pack-agenda', { ...common, title: t('agenda'), agenda })],
    [PACK_PAGES.attendance, templates.render('pack-attendance', {
      ...common,
      title: t('attendance_sheet'),
      days: agenda.length ? agenda.slice(0, dayCount).map((d) => d.label) : [`${t('day')} 1`],
      rows: Array.from({ length: options.participants }, (_, i) => i + 1),
    })],
    [PACK_PAGES.test, templates.render('pack-test', { ...common, title: t('knowledge_test'), quizzes, key: false })],
    [PACK_PAGES.key, templates.render('pack-test', { ...common, title: `${t('knowledge_test')} — ${t('answer_key')}`, quizzes, key: true })],
  ]);
  const pdf: ExtraDocument[] = [
    { html: PACK_PAGES.agenda, label: t('agenda') },
    { html: PACK_PAGES.attendance, label: t('attendance_sheet') },
    { html: PACK_PAGES.test, label: t('knowledge_test') },
    { html: PACK_PAGES.key, label: `${t('knowledge_test')} — ${t('answer_key')}` },
  ];
  if (roleplays.some((r) => r.cards.length > 0)) pdf.unshift({ html: PACK_PAGES.roleCards, label: t('role_cards') });
  // Fail closed (views/guard.ts): the knowledge test and the role cards go to participants.
  const passages = editionPassages(prepared);
  assertNoLeak(files.get(PACK_PAGES.test)!, passages, PACK_PAGES.test);
  assertNoLeak(files.get(PACK_PAGES.roleCards)!, passages, PACK_PAGES.roleCards, ['role']);
  return { files, pdf, roleplays: roleplays.map((r) => ({ unit: r.id, roles: r.cards.length })) };
}
