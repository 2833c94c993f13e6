/** The leak guard (src/views/guard.ts): what it looks for, where, and that the render stage calls it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainpackError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { renderEdition } from '../../src/render/pages.js';
import type { HiddenPassage } from '../../src/markdown/passages.js';
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

  it("keeps role briefs secret for the handout, except a unit's that says roles_in_handout: true", () => {
    const roles = ':::role{name="Mayor of town"}\nYou lead the council.\n:::\n';
    const secret = unitOf(roles, false, 'roleplay');
    const open = { ...unitOf(roles.replace('You lead', 'She leads'), false, 'roleplay'), unit: { source: { rel: 'modules/m/open.md' }, selfCheck: false, rolesInHandout: true } };
    const set = facilitatorPassages([secret, open], { roles: 'unless-public' });
    expect(set.passages.map((p) => `${p.file} ${p.text}`)).toEqual(['modules/m/u.md You lead the council.']);
    expect(() => assertNoLeak('<p>She leads the council.</p>', set, 'participant-handout.html')).not.toThrow();
    expect(() => assertNoLeak('<p>You lead the council.</p>', set, 'participant-handout.html')).toThrow(TrainpackError);
    // A public brief is participant text: a note elsewhere with the same words is not looked for.
    const note = unitOf(':::facilitator\nShe leads the council.\n:::\n');
    expect(facilitatorPassages([note], { roles: 'unless-public' }).size).toBe(1);
    expect(facilitatorPassages([secret, open, note], { roles: 'unless-public' }).passages.map((p) => p.text)).toEqual(['You lead the council.']);
    // On the role cards (roles not secret), every brief is participant text.
    const sameAsBrief = unitOf(':::facilitator\nYou lead the council.\n:::\n');
    expect(facilitatorPassages([secret, sameAsBrief]).size).toBe(0);
    expect(facilitatorPassages([secret, sameAsBrief], { roles: 'unless-public' }).size).toBe(1);
  });

  it('remembers what each unit shows of the passages, and gives the same set with or without the memo', () => {
    const units = [
      unitOf('Group work on the map.\n\n:::facilitator\nGroup work on the map.\n\nWatch the time closely.\n:::\n'),
      unitOf('Watch the time closely.\n\n:::facilitator\nKeep the flipchart ready.\n:::\n'),
    ];
    const plain = facilitatorPassages(units).passages.map((p) => p.text);
    expect(plain).toEqual(['Keep the flipchart ready.']);
    const seen = new Map<string, string[]>();
    let scans = 0;
    const memo = { get: (k: string) => seen.get(k), set: (k: string, v: string[]) => (scans++, seen.set(k, v)) };
    expect(facilitatorPassages(units, { memo }).passages.map((p) => p.text)).toEqual(plain);
    expect(scans).toBe(2);
    expect(facilitatorPassages(units, { memo }).passages.map((p) => p.text)).toEqual(plain);
    expect(scans).toBe(2); // both units' texts remembered
    // A new facilitator passage is another set: every unit's text is looked at again.
    const more = [...units, unitOf(':::facilitator\nA brand new note here.\n:::\n')];
    expect(facilitatorPassages(more, { memo }).passages.map((p) => p.text)).toEqual(['Keep the flipchart ready.', 'A brand new note here.']);
    expect(scans).toBe(4);
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

  it('allows a sentence on a deck page that is a speaker note in one unit and a solution in another, in either order', () => {
    const text = 'Say this to the room at the end.';
    const note = unitOf(`::::slide\n## T\n:::notes\n${text}\n:::\n::::\n`);
    const solution = unitOf(`::::exercise\nDo it.\n:::solution\n${text}\n:::\n::::\n`);
    for (const units of [[note, solution], [solution, note]]) {
      const set = facilitatorPassages(units);
      expect(() => assertNoLeak(`<aside class="notes">${text}</aside>`, set, 'a deck', ['notes'])).not.toThrow();
      // A slide face allows nothing: it is still a leak there.
      expect(() => assertNoLeak(`<section>${text}</section>`, set, 'a slide')).toThrow(TrainpackError);
    }
  });

  it('scans linearly: a 2 MB page with thousands of passages', () => {
    const many = facilitatorPassages(Array.from({ length: 200 }, (_, i) => unitOf(`:::facilitator\nNote number ${i} for the room.\n\nAnother ${i} line here.\n:::\n`)));
    expect(many.size).toBe(400);
    expect(findLeak('x'.repeat(2 << 20), many)).toBeUndefined();
    expect(findLeak(`${'y'.repeat(1 << 20)}Another 199 line here.`, many)?.line).toBe(4);
  });
});

/**
 * The full fixture's base edition with a view bug simulated: one unit's
 * facilitator-only passages declared by the test, and no unit's shown text
 * to excuse them.
 */
async function withHidden(rel: string, hidden: HiddenPassage[]) {
  const prepared = await prepare({ dir: path.join(FIXTURES, 'full') });
  const ed = prepared.editions[0]!;
  const p = [...ed.parsed.values()].find((x) => x.unit.source.rel === rel)!;
  p.facts.hidden = hidden;
  for (const q of ed.parsed.values()) q.facts.shown = '';
  return { ed, p };
}

describe('the render stage fails closed', () => {
  it('stops the build when a participant page holds a facilitator-only passage, whatever put it there', async () => {
    // A passage the handout shows is declared facilitator-only.
    const { ed } = await withHidden('modules/01-alpha/01-first.md', [{ text: 'Shared body text for everyone.', kind: 'facilitator', line: 10, column: 1 }]);
    const err = thrown(() => renderEdition({ ...ed, pdf: false, editions: [] }));
    expect(err).toBeInstanceOf(TrainpackError);
    expect(err.diagnostics[0]).toMatchObject({ rule: 'leak', file: 'modules/01-alpha/01-first.md', line: 10, column: 1 });
    expect(err.diagnostics[0]!.message).toMatch(/participant-handout\.html|index\.html/);
  });

  it("stops the build when a role brief reaches the handout, the index's search data or a deck", async () => {
    // Text the pages show is declared a role brief.
    const { ed, p } = await withHidden('modules/01-alpha/01-first.md', [{ text: 'Shared body text for everyone.', kind: 'role', line: 12, column: 1 }]);
    const err = thrown(() => renderEdition({ ...ed, pdf: false, editions: [] }));
    expect(err.diagnostics[0]).toMatchObject({ rule: 'leak', file: 'modules/01-alpha/01-first.md', line: 12, column: 1 });
    // The same text in a unit that puts its briefs in the handout is allowed there.
    (p.unit as { rolesInHandout?: boolean }).rolesInHandout = true;
    expect(() => renderEdition({ ...ed, pdf: false, editions: [] })).not.toThrow();
  });

  it('stops the role cards when a card holds a facilitator-only passage; role briefs are what cards are for', async () => {
    const { roleCardsPage } = await import('../../src/render/role-cards.js');
    const { ed, p } = await withHidden('modules/02-beta/01-roles.md', [{ text: 'ROLE-CASEWORKER-TEXT', kind: 'role', line: 11, column: 1 }]);
    expect(roleCardsPage(ed)?.html).toContain('ROLE-CASEWORKER-TEXT');
    // Simulate a view bug: the brief's text is declared a facilitator note.
    p.facts.hidden = [{ text: 'ROLE-CASEWORKER-TEXT', kind: 'facilitator', line: 11, column: 1 }];
    const err = thrown(() => roleCardsPage(ed));
    expect(err.diagnostics[0]).toMatchObject({ rule: 'leak', file: 'modules/02-beta/01-roles.md', line: 11 });
    expect(err.diagnostics[0]!.message).toContain('role-cards.html');
  });

  it('builds the fixture as usual when nothing leaks', async () => {
    const prepared = await prepare({ dir: path.join(FIXTURES, 'full') });
    const ed = prepared.editions[0]!;
    expect(renderEdition({ ...ed, pdf: false, editions: [] }).files.has('participant-handout.html')).toBe(true);
  });
});

describe('normalizeSpace', () => {
  it('collapses every kind of white space as /\\s+/ does, and trims', async () => {
    const { normalizeSpace } = await import('../../src/views/text.js');
    for (const s of ['', ' ', 'a', ' a ', 'a  b', 'a\nb', 'a \n\t b', '\u00a0a\u3000\ufeffb\u2028c\u2009 d\r\n', 'x'.repeat(10) + '\u200b' + ' y', 'a\u0085b', '  \t\n']) {
      expect(normalizeSpace(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' ').trim());
    }
  });

  it('finds a passage among thousands that start alike, without comparing it to each', () => {
    // Notes that share their first 16 characters with each other and with the page's text.
    const alike = facilitatorPassages(Array.from({ length: 300 }, (_, i) => unitOf(`:::facilitator\nAsk the group to list item ${i} now.\n:::\n`)));
    const page = `${'Ask the group to list item x now. '.repeat(20000)}Ask the group to list item 299 now.`;
    expect(findLeak(page, alike)?.text).toBe('Ask the group to list item 299 now.');
    expect(findLeak(page.slice(0, -40), alike)).toBeUndefined();
  });
});

describe('the render guard remembers clean parts (src/render/guard.ts)', () => {
  it('scans a slot once per set of passages, and never lets a memo hide a leak', async () => {
    const { guardEdition } = await import('../../src/render/guard.js');
    const { ed, p } = await withHidden('modules/01-alpha/01-first.md', [{ text: 'A secret sentence for the room.', kind: 'facilitator', line: 3, column: 1 }]);
    const memo = new Map<string, unknown>();
    let sets = 0;
    const cache = { get: (ns: string, k: string) => memo.get(`${ns}/${k}`), set: (ns: string, k: string, v: unknown) => (ns === 'guard' && sets++, memo.set(`${ns}/${k}`, v)) };
    const page = (slot: string, ref: string) => {
      const head = Buffer.from('<html><body>');
      const body = Buffer.from(slot);
      return { content: Buffer.concat([head, body, Buffer.from('</body></html>')]), slots: [[ref, head.length, head.length + body.length]] as [string, number, number][] };
    };
    const run = (slot: string, ref: string) => {
      const { content, slots } = page(slot, ref);
      guardEdition({
        edition: ed,
        files: new Map([['participant-handout.html', content]]),
        slotted: new Map([['participant-handout.html', { skeleton: 'sk', slots }]]),
        slides: { units: [], filled: () => ({}) as never, ref: () => undefined },
        base: 'b',
        agenda: '',
        cache: cache as never,
      });
    };
    run('<p>Nothing secret here at all.</p>', 'unit-1');
    expect(sets).toBe(2); // the skeleton and the slot
    run('<p>Nothing secret here at all.</p>', 'unit-1');
    expect(sets).toBe(2); // remembered: not scanned again
    // Another unit's slot (a changed unit) is scanned, and its leak found.
    expect(() => run('<p>A secret sentence for the room.</p>', 'unit-2')).toThrow(TrainpackError);
    // A new facilitator passage makes a new set: the remembered slot is scanned again.
    p.facts.hidden = [...p.facts.hidden!, { text: 'Nothing secret here at all.', kind: 'facilitator', line: 9, column: 1 }];
    expect(() => run('<p>Nothing secret here at all.</p>', 'unit-1')).toThrow(/Nothing secret here at all/);
  });
});
