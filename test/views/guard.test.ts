/** The leak guard (src/views/guard.ts): what it looks for, where, and that the render stage calls it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainpackError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { renderEdition } from '../../src/render/pages.js';
import { assertNoLeak, facilitatorPassages, findLeak, type GuardUnit } from '../../src/views/guard.js';
import { FIXTURES } from '../helpers.js';
import { parse } from '../leaks/helpers.js';

const unitOf = (body: string, selfCheck = false, type: Parameters<typeof parse>[1] = 'session'): GuardUnit => ({
  unit: { source: { rel: 'modules/m/u.md' }, selfCheck },
  facts: parse(body, type, selfCheck).facts,
});

function thrown(fn: () => void): TrainpackError {
  try {
    fn();
  } catch (err) {
    return err as TrainpackError;
  }
  throw new Error('did not throw');
}

describe('facilitatorPassages', () => {
  it('gathers the passages of hidden blocks with their places, less what participants see anyway', () => {
    const set = facilitatorPassages([
      unitOf('Group work on the map.\n\n:::facilitator\nGroup work on the map.\n\nWatch the time closely.\n\nShort.\n:::\n'),
    ]);
    expect(set.passages.map((p) => `${p.file}:${p.line}:${p.column} ${p.kind} ${p.text}`)).toEqual(['modules/m/u.md:6:1 facilitator Watch the time closely.']);
  });

  it('takes text from every hidden kind; quiz keys only when not self-check; role briefs only when asked', () => {
    const body = '::::slide\n## T\n:::notes\nSpoken words here.\n:::\n::::\n\n::::exercise\nx\n:::solution\nThe solution text.\n:::\n:::debrief\nThe debrief text.\n:::\n::::\n';
    expect(facilitatorPassages([unitOf(body)]).passages.map((p) => p.kind)).toEqual(['notes', 'solution', 'debrief']);
    const quiz = '1. Q?\n   - [x] A\n   > The explanation.\n';
    expect(facilitatorPassages([unitOf(quiz, false, 'quiz')]).size).toBe(1);
    expect(facilitatorPassages([unitOf(quiz, true, 'quiz')]).size).toBe(0);
    const roles = ':::role{name="Mayor of town"}\nYou lead the council.\n:::\n';
    expect(facilitatorPassages([unitOf(roles, false, 'roleplay')]).size).toBe(0);
    expect(facilitatorPassages([unitOf(roles, false, 'roleplay')], { roles: true }).passages.map((p) => p.text)).toEqual(['You lead the council.']);
  });

  it('leaves out passages that public texts (titles, UI strings, vars) also hold', () => {
    const u = unitOf(':::facilitator\nParticipant handout\n:::\n');
    expect(facilitatorPassages([u]).size).toBe(1);
    expect(facilitatorPassages([u], { publicTexts: ['Participant handout'] }).size).toBe(0);
  });
});

describe('assertNoLeak', () => {
  const set = facilitatorPassages([unitOf('Intro.\n\n:::facilitator\nKeep the "secret" \\<plan\\> & ask.\n:::\n')]);

  it('finds a passage as written, entity-encoded, JSON-escaped, or reflowed', () => {
    for (const output of [
      '<p>Keep the "secret" <plan> & ask.</p>',
      '<p>Keep the &#x22;secret&#x22; &lt;plan&gt; &amp; ask.</p>',
      '<script type="application/json">{"x":"Keep the \\"secret\\" \\u003cplan\\u003e \\u0026 ask."}</script>',
      '<p title="Keep the &quot;secret&quot; &#60;plan&#62; &amp;\n   ask.">x</p>',
    ]) expect(findLeak(output, set)?.text, output).toBe('Keep the "secret" <plan> & ask.');
    expect(findLeak('<p>Keep the secret plan and ask.</p>', set)).toBeUndefined();
  });

  it('throws a positioned error naming the output', () => {
    const err = thrown(() => assertNoLeak('<p>Keep the "secret" <plan> & ask.</p>', set, 'participant-handout.html'));
    expect(err).toBeInstanceOf(TrainpackError);
    expect(err.diagnostics).toMatchObject([{ severity: 'error', rule: 'leak', file: 'modules/m/u.md', line: 4, column: 1 }]);
    expect(err.diagnostics[0]!.message).toContain('participant-handout.html');
  });

  it('lets a deck hold speaker notes when told so', () => {
    const notes = facilitatorPassages([unitOf('::::slide\n## T\n:::notes\nSpoken words here.\n:::\n::::\n')]);
    expect(() => assertNoLeak('<aside>Spoken words here.</aside>', notes, 'a deck', ['notes'])).not.toThrow();
    expect(() => assertNoLeak('<aside>Spoken words here.</aside>', notes, 'a slide')).toThrow(TrainpackError);
  });

  it('scans linearly: a 2 MB page with thousands of passages', () => {
    const many = facilitatorPassages(Array.from({ length: 200 }, (_, i) => unitOf(`:::facilitator\nNote number ${i} for the room.\n\nAnother ${i} line here.\n:::\n`)));
    expect(many.size).toBe(400);
    expect(findLeak('x'.repeat(2 << 20), many)).toBeUndefined();
    expect(findLeak(`${'y'.repeat(1 << 20)}Another 199 line here.`, many)?.line).toBe(4);
  });
});

describe('the render stage fails closed', () => {
  it('stops the build when a participant page holds a facilitator-only passage, whatever put it there', async () => {
    const prepared = await prepare({ dir: path.join(FIXTURES, 'full') });
    const ed = prepared.editions[0]!;
    const p = [...ed.parsed.values()].find((x) => x.unit.source.rel === 'modules/01-alpha/01-first.md')!;
    // Simulate a view bug: a passage the handout shows is declared facilitator-only.
    p.facts.hidden = [{ text: 'Shared body text for everyone.', kind: 'facilitator', line: 10, column: 1 }];
    for (const q of ed.parsed.values()) q.facts.shown = '';
    const err = thrown(() => renderEdition({ ...ed, pdf: false, editions: [] }));
    expect(err).toBeInstanceOf(TrainpackError);
    expect(err.diagnostics[0]).toMatchObject({ rule: 'leak', file: 'modules/01-alpha/01-first.md', line: 10, column: 1 });
    expect(err.diagnostics[0]!.message).toMatch(/participant-handout\.html|index\.html/);
  });

  it('builds the fixture as usual when nothing leaks', async () => {
    const prepared = await prepare({ dir: path.join(FIXTURES, 'full') });
    const ed = prepared.editions[0]!;
    expect(renderEdition({ ...ed, pdf: false, editions: [] }).files.has('participant-handout.html')).toBe(true);
  });
});
