/**
 * A generated curriculum of any size, for measuring `trainpack dev`
 * (`npm run bench`): units of about 100 lines with the blocks real units
 * have (facilitator notes, two slides with notes, an exercise with its
 * solution, a table, a callout, vars).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Size of a synthetic curriculum. */
export interface SyntheticOptions {
  /** Module folders (default 20). */
  modules?: number;
  /** Units in each module (default 50). */
  units?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function paragraph(where: string, n: number): string {
  return [
    `Paragraph ${n} of unit ${where}: reintegration support needs planning with the returnee, the family`,
    'and local services. Call :var[hotline] for help. Lorem ipsum dolor sit amet, consectetur',
    'adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
    '',
  ].join('\n');
}

/** The text of one unit (about 100 lines). */
export function syntheticUnit(m: number, u: number): string {
  const at = `${m}.${u}`;
  const slide = (s: number) => ['::::slide', `## Slide ${s} of ${at}`, '- point one', '- point two', '- point three', ':::notes', `Speaker notes for slide ${s}.`, ':::', '::::', ''];
  return [
    '---', `id: m${m}-u${u}`, `title: Unit ${at}`, 'duration: 5', `objectives: [Explain thing ${u}, Apply thing ${u}]`, 'materials: [flipchart]', '---', '',
    paragraph(at, 1), '## Background {#bg}', '', paragraph(at, 2),
    ':::facilitator', '**Timing**', '', '- 10 min input', '- 20 min group work', '', paragraph(at, 3), ':::', '',
    '| A | B | C |', '|---|---|---|', '| 1 | 2 | 3 |', '| 4 | 5 | 6 |', '',
    ...slide(1), ...slide(2),
    `::::exercise{title="Task ${u}" minutes="10"}`, paragraph(at, 4), ':::solution', `The solution of task ${u}.`, ':::', '::::', '',
    ':::participant', paragraph(at, 5), ':::', '', ':::tip', `A tip for unit ${u}.`, ':::', '',
    '## Summary {#summary}', '', paragraph(at, 6), paragraph(at, 7), paragraph(at, 8), paragraph(at, 9),
    '- a list item', '- another list item', '- a third list item', '',
  ].join('\n');
}

/** Write a curriculum of `modules` x `units` units into `dir` (created; should be empty). Returns `dir`. */
export async function writeSyntheticCurriculum(dir: string, options: SyntheticOptions = {}): Promise<string> {
  const modules = options.modules ?? 20;
  const units = options.units ?? 50;
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'curriculum.yml'),
    'id: synthetic\ntitle: Synthetic curriculum\nlanguage: en\nvars:\n  hotline: "+00 111"\n'
      + `workshop:\n  day_start: "09:00"\n  day_end: "17:00"\n  days: ${Math.ceil((modules * units * 5) / 420) + 1}\n  breaks:\n    - { at: "12:30", minutes: 60, label: Lunch }\n`,
  );
  for (let m = 1; m <= modules; m++) {
    const folder = path.join(dir, 'modules', `${pad(m)}-mod${m}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'module.yml'), `title: Module ${m}\nsummary: Generated module ${m}.\n`);
    await Promise.all(Array.from({ length: units }, (_, i) => writeFile(path.join(folder, `${pad(i + 1)}-unit.md`), syntheticUnit(m, i + 1))));
  }
  return dir;
}
