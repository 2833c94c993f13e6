/**
 * Course pages: one HTML page a module (the SCO's launch page), rendered
 * through templates/layouts/course.hbs with the handout's stylesheet, the
 * course's own (templates/course/course.css) and its run-time script
 * (templates/course/course.js). Everything inline but linked files, so the
 * page makes no request outside the package (its Content-Security-Policy
 * forbids any).
 */
import { scriptJson } from '../../render/search.js';
import type { Templates } from '../../render/templates.js';
import type { CourseModel, CourseModule } from './model.js';

/** UI strings the run-time script uses. */
const SCRIPT_STRINGS = ['course_progress', 'course_unit_of', 'course_right', 'course_wrong', 'course_correct_answer', 'course_score', 'course_passed', 'course_failed', 'explanation', 'model_answer'];

/** Classes of facilitator-only blocks: none may be on an element of a course page. */
const BANNED = /\bclass="[^"]*\btp-(?:facilitator|solution|debrief|notes|slide|unknown|correct|correct-mark|answer-key-label)\b/;

/** The launch page of one module. */
export function modulePage(model: CourseModel, mod: CourseModule, templates: Templates): string {
  const s = model.strings;
  const key: Record<string, { unit: string; correct: number[]; feedback?: string }> = {};
  for (const u of mod.units) for (const q of u.questions) key[q.id] = { unit: u.id, correct: q.correct, ...(q.feedback ? { feedback: q.feedback } : {}) };
  const data = {
    passing: model.passingScore,
    scored: mod.scored,
    quizzes: mod.units.filter((u) => u.questions.some((q) => q.kind !== 'open')).map((u) => u.id),
    strings: Object.fromEntries(SCRIPT_STRINGS.map((k) => [k, s[k] ?? k])),
  };
  const html = templates.render('course', {
    lang: model.edition.language,
    dir: model.edition.dir,
    strings: s,
    css: templates.read('css/page.css'),
    courseCss: templates.read('course/course.css'),
    js: templates.read('course/course.js'),
    theme: model.theme,
    curriculum: model.curriculum,
    module: {
      ...mod,
      units: mod.units.map((u) => ({ ...u, typeLabel: s[`type_${u.type}`] ?? u.type })),
    },
    data: scriptJson(data),
    key: scriptJson(key),
  });
  // Fail closed: the views removed these blocks; a page that still has one is a bug, not a package.
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '');
  const leak = BANNED.exec(body);
  if (leak) throw new Error(`internal: course page of module ${mod.id} kept a facilitator-only block (${leak[0]})`);
  return html;
}
