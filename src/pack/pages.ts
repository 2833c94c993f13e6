/**
 * The extra pages of a workshop pack: the agenda (one day a page, grouped by
 * module), a landscape attendance sheet (a signature box per day), and a
 * pre/post knowledge test numbered straight through with its answer key,
 * all wearing the edition's theme, rendered from templates/layouts/pack-*.hbs
 * and printed by the PDF stage. The role cards are the edition's own
 * (render/role-cards.ts).
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { ParsedUnit } from '../markdown/processor.js';
import type { PreparedEdition } from '../pipeline.js';
import type { ExtraDocument } from '../pdf/tasks.js';
import { agendaFor, dayLabel } from '../render/agenda-view.js';
import { eventView, type WorkshopEvent } from '../render/event.js';
import { foreignAttrs } from '../render/locale.js';
import { resolveTheme } from '../render/theme.js';
import { findAll, hasClass } from '../views/tree.js';
import { facilitatorView } from '../views/facilitator.js';
import { localize } from '../views/localize.js';
import { participantView } from '../views/participant.js';
import { roleplaysOf } from '../render/role-cards.js';
import { assertNoLeak } from '../views/guard.js';
import { editionPassages } from '../render/guard.js';

export interface PackPageOptions {
  participants: number;
  days?: number;
  start?: string;
  event?: WorkshopEvent;
}

/** Paths of the pack pages inside the edition folder. */
export const PACK_PAGES = {
  agenda: 'pack/agenda.html',
  attendance: 'pack/attendance-sheet.html',
  test: 'pack/knowledge-test.html',
  key: 'pack/knowledge-test-answer-key.html',
} as const;

/** Render the pack pages of one edition. */
export function packPages(prepared: PreparedEdition, options: PackPageOptions): { files: Map<string, string>; pdf: ExtraDocument[]; roleplays: { unit: string; roles: number }[] } {
  const { edition, strings, templates, parsed } = prepared;
  // Every pack document wears the edition's theme: colours, fonts (its <style> after pack.css) and logo.
  const theme = resolveTheme(edition);
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
    theme: { css: theme.css, logo: theme.logo },
  };
  const t = (key: string) => strings[key] ?? key;

  const roleplays = roleplaysOf(prepared);
  // The test and its key hold the questions only (numbered straight through by pack.css): the quiz
  // units' other text, facilitator notes included, stays in the guide.
  const quizLists = (tree: Root) => toHtml({ type: 'root', children: findAll(tree, (el) => hasClass(el, 'tp-quiz')) });
  const quizzes = units.filter((u) => u.type === 'quiz').map((u) => {
    const tree = treeOf(u.id);
    return {
      id: u.id,
      title: u.title,
      // A quiz from a layer of another language keeps its lang and dir (render/locale.ts).
      ...foreignAttrs(u.language, edition.language),
      questions: findAll(tree, (el) => hasClass(el, 'tp-question')).length,
      test: quizLists(participantView(tree, { selfCheck: false, strings })),
      key: quizLists(facilitatorView(tree, { slideNumbers: [], strings })),
    };
  });
  const questions = quizzes.reduce((n, q) => n + q.questions, 0);
  const { view: agenda } = agendaFor(edition, strings, options.start);
  const dayCount = Math.max(options.days ?? 0, agenda.length, 1);
  const event = eventView(options.event, options.start, dayCount, edition.language);
  Object.assign(common, { event });
  const files = new Map<string, string>([
    [PACK_PAGES.agenda, templates.render('pack-agenda', { ...common, title: t('agenda'), agenda })],
    [PACK_PAGES.attendance, templates.render('pack-attendance', {
      ...common,
      title: t('attendance_sheet'),
      days: Array.from({ length: dayCount }, (_, i) => shortDay(i + 1, options.start, edition.language, strings)),
      rows: Array.from({ length: options.participants }, (_, i) => i + 1),
    })],
    [PACK_PAGES.test, templates.render('pack-test', { ...common, title: t('knowledge_test'), quizzes, questions, key: false })],
    [PACK_PAGES.key, templates.render('pack-test', { ...common, title: `${t('knowledge_test')} — ${t('answer_key')}`, quizzes, questions, key: true })],
  ]);
  const pdf: ExtraDocument[] = [
    { html: PACK_PAGES.agenda, label: t('agenda') },
    { html: PACK_PAGES.attendance, label: t('attendance_sheet'), landscape: true },
    { html: PACK_PAGES.test, label: t('knowledge_test') },
    { html: PACK_PAGES.key, label: `${t('knowledge_test')} — ${t('answer_key')}` },
  ];
  // Fail closed (views/guard.ts): the knowledge test goes to participants (role cards are guarded where they are rendered).
  assertNoLeak(files.get(PACK_PAGES.test)!, editionPassages(prepared), PACK_PAGES.test);
  return { files, pdf, roleplays: roleplays.map((r) => ({ unit: r.id, roles: r.cards.length })) };
}

/** A day as a signature column says it: "Day 2", or with a start date its short date, "Tue 5 May". */
function shortDay(n: number, start: string | undefined, language: string, strings: Record<string, string>): string {
  if (!start) return dayLabel(n, undefined, language, strings);
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n - 1);
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}
