/**
 * The course model (issue 19): one edition's participant view, module by
 * module, as the SCORM pages show it. Built from the parsed trees through the
 * same participant filter as the handout (views/participant.ts, which throws
 * on a leak), minus what a self-paced learner has no use for: role briefs
 * (each player reads only their own, on a role card) and the handout's empty
 * answer boxes (a quiz becomes a form, pages.ts). Quiz keys come from the
 * question model of the quiz export (export/model.ts): they ship in the
 * package as the self-check's feedback, as FORMAT.md allows for self_check.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { diag, type Diagnostic } from '../../errors.js';
import type { PreparedEdition } from '../../pipeline.js';
import type { UnitType } from '../../model.js';
import { directionOf } from '../../resolve/edition.js';
import { localizeDigits } from '../../render/locale.js';
import { resolveTheme, type ThemeImage } from '../../render/theme.js';
import { typesetText } from '../../render/typography.js';
import { localize } from '../../views/localize.js';
import { participantView } from '../../views/participant.js';
import { hasClass, rewrite, textOf } from '../../views/tree.js';
import { buildQuizModel, type QuestionKind } from '../model.js';

/** One question of a course quiz: markup for the form, and its key for the feedback. */
export interface CourseQuestion {
  id: string;
  kind: QuestionKind;
  stem: string;
  options: string[];
  /** Indexes of the correct options (none for an open question). */
  correct: number[];
  /** Explanation (choice) or model answer (open), shown after submitting. */
  feedback?: string;
}

export interface CourseUnit {
  id: string;
  /** `2.3`: module and unit number. */
  number: string;
  title: string;
  type: UnitType;
  duration: number;
  objectives: string[];
  /** The unit's participant markup (quiz lists left out: see `questions`). */
  html: string;
  questions: CourseQuestion[];
  lang: string;
  dir: 'ltr' | 'rtl';
}

export interface CourseModule {
  id: string;
  number: number;
  title: string;
  summary?: string;
  units: CourseUnit[];
  /** A module with choice questions is scored (passed/failed); one without is completed once every unit is seen. */
  scored: boolean;
  /** Listed in `elearning.required` (by id or folder name). */
  required: boolean;
}

export interface CourseModel {
  curriculum: { id: string; title: string; version?: string; description?: string; license?: string };
  edition: { id: string; title: string; language: string; dir: 'ltr' | 'rtl' };
  strings: Record<string, string>;
  passingScore: number;
  modules: CourseModule[];
  /** Linked files the units reference (`assets/…` -> absolute path), copied into the package. */
  assets: Map<string, string>;
  theme: { css: string; logo?: ThemeImage };
}

const el = (tagName: string, className: string[], children: ElementContent[]): Element => ({ type: 'element', tagName, properties: { className }, children });

/**
 * A unit's tree as the course page shows it. `inPage(id)` says whether a
 * unit is on the same page (links to others become their text).
 */
function courseTree(participant: Root, inPage: (unitId: string) => boolean): Root {
  return wrapTables(rewrite(participant, (node) => {
    if (node.type !== 'element') return undefined;
    // The quiz becomes a form (pages.ts).
    if (hasClass(node, 'tp-quiz')) return null;
    // A role is shown by name: its brief is for the one who plays it.
    if (hasClass(node, 'tp-role')) return { ...node, children: node.children.filter((c) => hasClass(c as Element, 'tp-label') || hasClass(c as Element, 'tp-role-name')) };
    const href = node.properties?.href;
    if (node.tagName === 'a' && typeof href === 'string') {
      const target = /^#unit-(.+)$/.exec(href)?.[1] ?? /^#(.+?)--/.exec(href)?.[1];
      if (target !== undefined && !target.startsWith('user-content') && !inPage(target)) return node.children;
      if (href.startsWith('assets/')) return { ...node, properties: { ...node.properties, href: `../${href}` } };
    }
    return undefined;
  }));
}

/** Each table in a box that scrolls sideways on a phone (as the handout's, render/fragments.ts); `tree` is a fresh copy. */
function wrapTables<T extends Root | Element>(tree: T): T {
  tree.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    if (child.tagName === 'table') tree.children[i] = el('div', ['tp-table-wrap'], [child]);
    else wrapTables(child);
  });
  return tree;
}

/** Is there anything for a learner in this markup tree (text or an image)? */
function hasContent(tree: Root | Element): boolean {
  if (textOf(tree).trim()) return true;
  return tree.children.some((c) => c.type === 'element' && (c.tagName === 'img' || hasContent(c)));
}

/** Build the course model of a prepared edition. Problems (warnings, quiz errors) are returned. */
export function buildCourseModel(prepared: PreparedEdition): { model: CourseModel; problems: Diagnostic[] } {
  const { edition, strings, parsed } = prepared;
  const problems: Diagnostic[] = [];
  const { model: quizModel, problems: quizProblems } = buildQuizModel(prepared);
  problems.push(...quizProblems);
  const quizzes = new Map(quizModel.quizzes.map((q) => [q.unitId, q]));
  const settings = edition.curriculum.elearning ?? { passing_score: 80, required: [] };
  const assets = new Map<string, string>();
  const modules: CourseModule[] = [];
  edition.modules.forEach((mod, mi) => {
    const ids = new Set(mod.units.map((u) => u.id));
    let content = false;
    const units = mod.units.map((unit, ui): CourseUnit => {
      const p = parsed.get(unit)!;
      for (const [rel, abs] of p.assets) assets.set(rel, abs);
      const view = participantView(localize(p.tree, strings, edition.vars), { selfCheck: false, strings });
      const tree = courseTree(view, (id) => ids.has(id));
      const questions: CourseQuestion[] = (quizzes.get(unit.id)?.questions ?? []).map((q) => ({
        id: q.id,
        kind: q.kind,
        stem: q.stem.html,
        options: q.options.map((o) => o.html),
        correct: q.options.flatMap((o, i) => (o.correct ? [i] : [])),
        ...(q.feedback ? { feedback: q.feedback.html } : {}),
      }));
      if (hasContent(tree) || questions.length) content = true;
      // The unit's own language (a layer not yet translated keeps its), typeset as the pages do (render/pages.ts).
      const lang = unit.language ?? (unit.fallback && unit.provenance.length === 1 ? edition.curriculum.language : edition.language);
      const tx = (text: string) => (unit.typography === false || !edition.typography ? text : typesetText(text, lang));
      const number = localizeDigits(`${mi + 1}.${ui + 1}`, edition.language, edition.numbers === 'native');
      return { id: unit.id, number, title: tx(unit.title), type: unit.type, duration: unit.duration, objectives: unit.objectives.map(tx), html: toHtml(tree), questions, lang, dir: directionOf(lang) };
    });
    if (!content) {
      problems.push(diag('warning', 'export', `Module "${mod.id}" has nothing for participants (every block is for facilitators or slides): left out of the course`, { file: mod.source.rel }, 'Write the participants\' text outside `:::facilitator` and `:::slide` blocks, or leave the module out with --modules.'));
      return;
    }
    modules.push({ id: mod.id, number: mi + 1, title: mod.title, summary: mod.summary, units, scored: units.some((u) => u.questions.some((q) => q.kind !== 'open')), required: settings.required.some((r) => r === mod.id || r === mod.dirName) });
  });
  const c = edition.curriculum;
  const theme = resolveTheme(edition);
  return {
    model: {
      curriculum: { id: c.id, title: edition.title, version: c.version, description: c.description, license: c.license },
      edition: { id: edition.id, title: edition.title, language: edition.language, dir: edition.dir },
      strings,
      passingScore: settings.passing_score,
      modules,
      assets,
      theme: { css: theme.css, logo: theme.logo },
    },
    problems,
  };
}
