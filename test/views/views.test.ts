import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { createProcessor, parseUnit } from '../../src/markdown/processor.js';
import type { Unit, UnitType } from '../../src/model.js';
import { facilitatorView } from '../../src/views/facilitator.js';
import { participantView } from '../../src/views/participant.js';
import { slidesOf } from '../../src/views/slides.js';
import { FIXTURES } from '../helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const root = path.join(FIXTURES, 'full');

async function tree(body: string, type: UnitType = 'session') {
  const u: Unit = {
    id: 'u', title: 'U', type, duration: 10, objectives: [], materials: [], methods: [], selfCheck: false,
    moduleId: 'm', source: { path: path.join(root, 'x.md'), rel: 'x.md' }, text: body, body, provenance: ['base'],
  };
  return (await parseUnit(createProcessor(), { unit: u, root, basePath: u.source.path, unitsByPath: new Map() })).tree;
}

const body = `Shared.

:::facilitator
FAC
:::

:::participant
PART
:::

::::slide
## Title one
- BULLET
:::notes
SPEAK
:::
:::tip
STIP
:::
::::

::::exercise{title="E"}
TASK
:::solution
SOL
:::
:::debrief
DEB
:::
::::
`;

describe('views', () => {
  it('facilitator: all but participant blocks; slides become numbered markers with notes', async () => {
    const html = toHtml(facilitatorView(await tree(body), { slideNumbers: [7], strings: en }));
    for (const s of ['Shared.', 'FAC', 'SPEAK', 'TASK', 'SOL', 'DEB']) expect(html).toContain(s);
    expect(html).not.toContain('PART');
    expect(html).not.toContain('BULLET');
    expect(html).not.toContain('STIP');
    expect(html).toContain('Slide 7 — Title one');
  });

  it('participant: nothing facilitator-only, not even the markup', async () => {
    const html = toHtml(participantView(await tree(body), { selfCheck: false, strings: en }));
    for (const s of ['Shared.', 'PART', 'TASK']) expect(html).toContain(s);
    for (const s of ['FAC', 'SPEAK', 'SOL', 'DEB', 'BULLET', 'STIP', 'tp-slide', 'tp-notes', 'tp-solution', 'tp-debrief', 'tp-facilitator']) expect(html).not.toContain(s);
  });

  it('slides: title, body with callouts, notes apart', async () => {
    const [slide, ...rest] = slidesOf(await tree(body));
    expect(rest).toEqual([]);
    expect(slide!.title).toBe('Title one');
    const b = toHtml(slide!.body!);
    expect(b).toContain('BULLET');
    expect(b).toContain('STIP');
    expect(b).not.toContain('SPEAK');
    expect(b).not.toContain('Title one');
    expect(toHtml(slide!.notes!)).toContain('SPEAK');
  });

  it('a slide without its own heading is untitled, even when its notes have one', async () => {
    const t = await tree('::::slide\n- POINT\n:::notes\n## Notes heading\n:::\n::::\n');
    expect(slidesOf(t)[0]!.title).toBe('');
    expect(toHtml(facilitatorView(t, { slideNumbers: [2], strings: en }))).toContain('Slide 2 — <');
  });

  it('quiz: the guide marks answers in text; the handout has boxes and no key', async () => {
    const t = await tree('1. Q?\n   - [x] RIGHT\n   - [ ] WRONG\n   > WHY\n2. OPEN?\n   > MODEL\n', 'quiz');
    const guide = toHtml(facilitatorView(t, { slideNumbers: [], strings: en }));
    expect(guide).toMatch(/RIGHT ?<strong class="tp-correct-mark">✓ correct<\/strong>/);
    expect(guide).toContain('WHY');
    const handout = toHtml(participantView(t, { selfCheck: false, strings: en }));
    expect(handout).not.toMatch(/WHY|MODEL|tp-correct|✓/);
    expect(handout.match(/tp-box/g)).toHaveLength(2);
    expect(handout).toContain('tp-answer-lines');
  });

  it('quiz with self_check folds the key into details', async () => {
    const t = await tree('1. Q?\n   - [x] RIGHT\n   - [ ] WRONG\n   > WHY\n', 'quiz');
    const handout = toHtml(participantView(t, { selfCheck: true, strings: en }));
    expect(handout).toMatch(/<details class="tp-selfcheck"><summary>Answer key<\/summary><p class="tp-selfcheck-answer">correct: RIGHT<\/p>/);
    expect(handout).toContain('WHY');
  });

  it('does not mutate the parsed tree', async () => {
    const t = await tree(body);
    const before = JSON.stringify(t);
    participantView(t, { selfCheck: false, strings: en });
    facilitatorView(t, { slideNumbers: [1], strings: en });
    slidesOf(t);
    expect(JSON.stringify(t)).toBe(before);
  });
});
