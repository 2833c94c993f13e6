/** Directive syntax authors actually write (issue 13, item 2). */
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { pandocFence, prepareSource } from '../../src/markdown/source.js';
import { localize } from '../../src/views/localize.js';
import { participantView } from '../../src/views/participant.js';
import { parse } from '../leaks/helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const messages = (body: string, type: Parameters<typeof parse>[1] = 'session') =>
  parse(body, type).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
const handout = (body: string) => toHtml(participantView(localize(parse(body).tree, en, {}), { selfCheck: false, strings: en }));
const guide = (body: string) => toHtml(localize(parse(body).tree, en, {}));

describe("pandoc's fenced divs", () => {
  it('rewrites each spelling to the same container, at the same length', () => {
    for (const line of ['::: facilitator', '::: {.facilitator}', '::: { .facilitator }', '::: facilitator :::', ':::  facilitator  ', '::::: {.facilitator} :::::']) {
      const out = pandocFence(line)!;
      expect(out.trimEnd()).toMatch(/^:{3,}facilitator$/);
      expect(out.length).toBe(line.length);
    }
    expect(pandocFence('::: {.exercise title="Map it" minutes=10}')!.trimEnd()).toBe(':::exercise{title="Map it" minutes=10}');
    expect(pandocFence('::: tip {title="T"}')!.trimEnd()).toBe(':::tip{title="T"}');
    expect(pandocFence(':::facilitator')).toBeUndefined();
    expect(pandocFence(':::')).toBeUndefined();
    expect(pandocFence('::: 10:30')).toBeUndefined();
  });

  it('parses `::: facilitator` as the facilitator block, never as text', () => {
    for (const open of ['::: facilitator', '::: {.facilitator}', '::: {.facilitator key="v"}', '::: facilitator :::']) {
      const body = `Shared.\n\n${open}\nHIDDEN note.\n:::\n`;
      expect(messages(body)).toEqual([]);
      expect(guide(body)).toContain('tp-facilitator');
      expect(handout(body)).not.toContain('HIDDEN');
      expect(handout(body)).not.toContain(':::');
    }
  });

  it('keeps attributes: an exercise title and minutes', () => {
    expect(guide('::: {.exercise title="Map it" minutes="10"}\nDo.\n:::\n')).toContain('Exercise: Map it · 10 min');
  });

  it('leaves fences inside code blocks alone', () => {
    const body = '```\n::: facilitator\n```\n\n~~~~\n::: {.note}\n~~~~\n';
    expect(prepareSource(body).text).toBe(body);
    expect(handout(body)).toContain('::: facilitator');
  });

  it('keeps every offset: positions after a rewritten fence are the author’s', () => {
    const r = messages('::: facilitator\nx\n:::\n\n:::sidebar\ny\n:::\n');
    expect(r).toEqual(['5:1 warning unknown-directive Unknown directive ":::sidebar"; its content appears only in the facilitator guide']);
  });
});

describe('container errors', () => {
  it('an inner fence with as many colons is an error saying to use more colons outside', () => {
    const r = messages(':::facilitator\n:::tip\nx\n:::\nafter\n:::\n');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^2:1 error directive-nesting `:::tip` inside `:::facilitator` has as many colons or more: .* Use more colons outside: `::::facilitator`/);
  });

  it('an unclosed container is an error at its opening line', () => {
    expect(messages('Intro.\n\n::::exercise\nTask.\n')).toEqual(['3:1 error directive-nesting `::::exercise` is never closed: end it with a line `::::`']);
    expect(messages(':::facilitator\nx\n:::\n')).toEqual([]);
    expect(messages(':::facilitator\r\nx\r\n:::\r\n')).toEqual([]);
    expect(messages(':::facilitator\nx\n::::\n')).toEqual([]);
  });

  it('a text or leaf directive naming a block is an error', () => {
    expect(messages('See :facilitator[secret] here.\n')).toEqual([
      '1:5 error directive-nesting `:facilitator[…]` is a text directive; a `facilitator` block needs its own lines: `:::facilitator` … `:::`',
    ]);
    expect(messages('::solution\n')).toEqual([
      '1:1 error directive-nesting `::solution` is a leaf directive; a block needs three colons and a closing fence: `:::solution` … `:::`',
    ]);
  });
});

describe('colons in prose', () => {
  it('a colon inside a word or number with no [label] or {attributes} is plain text, never a warning', () => {
    const body = 'Start at 10:30, a ratio of 1:10, see:tip, Wikipedia:Bypass, note:facilitator and 12:30:45.\n';
    expect(messages(body)).toEqual([]);
    expect(handout(body)).toContain('Start at 10:30, a ratio of 1:10, see:tip, Wikipedia:Bypass, note:facilitator and 12:30:45.');
  });

  it('an unknown text directive with a label is a warning with a "did you mean"', () => {
    expect(messages('Call :vars[x].\n')).toEqual(['1:6 warning unknown-directive Unknown text directive ":vars" (kept as plain text): did you mean ":var"?']);
  });
});

describe('placement and names', () => {
  it('`:::solution` outside an exercise (in a role-play) is a warning', () => {
    const r = messages(':::role{name="A"}\nX\n:::\n\n:::role{name="B"}\nY\n:::\n\n:::solution\nS\n:::\n\n:::debrief\nD\n:::\n', 'roleplay');
    expect(r).toEqual(['9:1 warning misplaced-directive `:::solution` belongs inside an `:::exercise` or a unit of type exercise']);
  });

  it('a misspelt block name gets a "did you mean"', () => {
    expect(messages(':::facilitatr\nx\n:::\n')).toEqual([
      '1:1 warning unknown-directive Unknown directive ":::facilitatr"; its content appears only in the facilitator guide: did you mean ":::facilitator"?',
    ]);
  });
});

describe('footnotes', () => {
  it('a footnote lives in the block that defines it', () => {
    const body = 'Public.[^p]\n\n[^p]: Public note.\n\n:::facilitator\nPrivate.[^f]\n\n[^f]: HIDDEN note.\n:::\n';
    const h = handout(body);
    expect(h).toContain('Public note.');
    expect(h).not.toContain('HIDDEN');
    expect(guide(body)).toContain('HIDDEN note.');
  });

  it('a reference to a footnote defined in another block stays text', () => {
    const body = 'Public.[^f]\n\n:::facilitator\n[^f]: HIDDEN.\n:::\n';
    expect(handout(body)).toContain('Public.[^f]');
    expect(handout(body)).not.toContain('HIDDEN');
  });
});
