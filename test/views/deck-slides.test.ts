/**
 * The deck view of a unit (issue 14): slide layouts, and the slides trainpack
 * generates — an activity slide per exercise and role-play, one slide per
 * quiz question — with nothing facilitator-only on a slide face.
 */
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { createProcessor, parseUnit } from '../../src/markdown/processor.js';
import type { Unit, UnitType } from '../../src/model.js';
import { deckSlidesOf } from '../../src/views/deck-slides.js';
import { FIXTURES } from '../helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const root = path.join(FIXTURES, 'full');

async function parse(body: string, type: UnitType = 'session') {
  const u: Unit = {
    id: 'u', title: 'The unit', type, duration: 30, objectives: [], materials: [], methods: [], selfCheck: false,
    moduleId: 'm', source: { path: path.join(root, 'x.md'), rel: 'x.md' }, text: body, body, provenance: ['base'],
  };
  const p = await parseUnit(createProcessor(), { unit: u, root, basePath: u.source.path, unitsByPath: new Map() });
  return { slides: deckSlidesOf(p.tree, u, en), messages: p.diagnostics.map((d) => d.message) };
}
const html = (t: Root | undefined) => (t ? toHtml(t) : '');

describe('deck view', () => {
  it('lays out image-right, image-left, columns and section slides; an unknown layout is a warning', async () => {
    const { slides, messages } = await parse(`:::slide{layout="image-right"}
## Picture
Text beside.

![A diagram](data:image/gif;base64,R0lGODlhAQABAAAAACw=)
:::

:::slide{layout="columns"}
## Two sides
LEFT-SIDE

---

RIGHT-SIDE
:::

:::slide{layout="section"}
## Part two
:::

:::slide{layout="wide"}
## Odd
:::
`);
    expect(slides.map((s) => [s.kind, s.layout, s.title])).toEqual([
      ['content', 'image-right', 'Picture'],
      ['content', 'columns', 'Two sides'],
      ['content', 'section', 'Part two'],
      ['content', 'default', 'Odd'],
    ]);
    expect(html(slides[0]!.image)).toMatch(/^<img [^>]*alt="A diagram"/);
    expect(html(slides[0]!.body)).not.toContain('<img');
    expect(html(slides[0]!.body)).toContain('Text beside.');
    expect(slides[1]!.columns!.map(html)).toEqual([expect.stringContaining('LEFT-SIDE'), expect.stringContaining('RIGHT-SIDE')]);
    expect(slides[1]!.columns!.map(html).join('')).not.toContain('<hr');
    expect(messages.some((m) => m.includes('Unknown slide layout "wide"'))).toBe(true);
  });

  it('adds an activity slide for each exercise, in document order, without its solution or debrief', async () => {
    const { slides } = await parse(`:::slide
## Before
:::

::::exercise{title="Map the actors" minutes="20"}
TASK-TEXT for the groups.
:::solution
SOLUTION-SECRET
:::
:::debrief
DEBRIEF-SECRET
:::
::::

:::facilitator
FAC-SECRET
:::

:::slide
## After
:::
`);
    expect(slides.map((s) => [s.kind, s.title, s.minutes])).toEqual([
      ['content', 'Before', undefined],
      ['activity', 'Map the actors', 20],
      ['content', 'After', undefined],
    ]);
    const face = html(slides[1]!.body);
    expect(face).toContain('TASK-TEXT');
    for (const secret of ['SOLUTION-SECRET', 'DEBRIEF-SECRET', 'FAC-SECRET', 'tp-block-title']) expect(face).not.toContain(secret);
  });

  it("adds who plays whom for a role-play, never a role's brief", async () => {
    const { slides } = await parse(`Scenario text.

:::role{name="Case worker"}
BRIEF-SECRET-ONE
:::

:::role{name="Returnee"}
BRIEF-SECRET-TWO
:::
`, 'roleplay');
    expect(slides).toHaveLength(1);
    expect(slides[0]).toMatchObject({ kind: 'activity', title: 'The unit', minutes: 30 });
    const face = html(slides[0]!.body);
    expect(face).toContain('Case worker');
    expect(face).toContain('Returnee');
    expect(face).not.toContain('BRIEF-SECRET');
  });

  it('puts one slide per quiz question with its options unmarked; the answer goes to the notes only', async () => {
    const { slides } = await parse(`1. Which one?
   - [ ] WRONG-OPTION
   - [x] RIGHT-OPTION
   > EXPLANATION-SECRET
2. Say why.
   > MODEL-ANSWER-SECRET
`, 'quiz');
    expect(slides.map((s) => [s.kind, s.title])).toEqual([['question', 'Question 1'], ['question', 'Question 2']]);
    const face = slides.map((s) => html(s.body)).join('');
    expect(face).toContain('WRONG-OPTION');
    expect(face).toContain('RIGHT-OPTION');
    for (const secret of ['EXPLANATION-SECRET', 'MODEL-ANSWER-SECRET', 'tp-correct', 'checked']) expect(face).not.toContain(secret);
    expect(html(slides[0]!.notes)).toContain('Answer key: B. RIGHT-OPTION');
    expect(html(slides[0]!.notes)).toContain('EXPLANATION-SECRET');
    expect(html(slides[1]!.notes)).toContain('MODEL-ANSWER-SECRET');
  });
});
