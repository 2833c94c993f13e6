/** Names of questions and categories in a question bank, shared by the writers. */
import type { QuizQuestion } from './model.js';
import { oneLine } from './xml.js';

/**
 * One name of a category path: Moodle splits paths at `/` and reads `//` as
 * a slash inside a name; a name starting or ending with `/` gets a space.
 */
export function categoryName(s: string): string {
  let name = oneLine(s).replace(/\//g, '//');
  if (name.startsWith('/')) name = ` ${name}`;
  if (name.endsWith('/')) name = `${name} `;
  return name;
}

/** A question's name in the question bank: `<unit title> <n>`, numbers padded so they sort. */
export function questionName(title: string, q: QuizQuestion, count: number): string {
  return `${oneLine(title)} ${String(q.number).padStart(String(count).length, '0')}`;
}
