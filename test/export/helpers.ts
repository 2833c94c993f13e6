/** Tiny curricula in temp folders for the export tests, and their question models. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ParseCache, prepare } from '../../src/pipeline.js';
import { buildQuizModel } from '../../src/export/model.js';
import { tempDir } from '../helpers.js';

export { expatProblem, hasExpat, xmlProblem } from './xml-check.js';
export { readZip } from './zip-read.js';
export { readGiftLikeMoodle, type GiftQuestion } from './gift-read.js';

/** A one-module curriculum in a temp folder with the given units (file name -> text). */
export async function tinyCurriculum(units: Record<string, string>, language = 'en'): Promise<string> {
  const dir = path.join(await tempDir('trainpack-export-'), 'c');
  await mkdir(path.join(dir, 'modules', '01-m'), { recursive: true });
  await writeFile(path.join(dir, 'curriculum.yml'), `id: tiny\ntitle: Tiny\nlanguage: ${language}\n`);
  await writeFile(path.join(dir, 'modules', '01-m', 'module.yml'), 'title: Module M\n');
  for (const [name, text] of Object.entries(units)) await writeFile(path.join(dir, 'modules', '01-m', name), text);
  return dir;
}

/** A quiz unit file from its list of questions. */
export function quizUnit(body: string, title = 'Quiz'): string {
  return `---\ntitle: ${title}\ntype: quiz\nduration: 5\n---\n\n${body}\n`;
}

/** The question model of a curriculum folder's edition, with the problems found. */
export async function modelOf(dir: string, overlay?: string) {
  const { editions } = await prepare({ dir, overlays: overlay ? [overlay] : [] }, new ParseCache());
  return buildQuizModel(editions[0]!);
}
