import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/errors.js';
import { createProcessor, parseUnit } from '../../src/markdown/processor.js';
import { reportUndefinedVars } from '../../src/pipeline.js';
import { localize } from '../../src/views/localize.js';
import type { Unit, UnitType } from '../../src/model.js';
import { FIXTURES } from '../helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const root = path.join(FIXTURES, 'full');
const file = path.join(root, 'modules/01-alpha/09-test.md');

function unit(body: string, type: UnitType = 'session'): Unit {
  return {
    id: 'u', title: 'U', type, duration: 10, objectives: [], materials: [], methods: [], selfCheck: false,
    moduleId: 'm', source: { path: file, rel: 'modules/01-alpha/09-test.md' }, text: body, body, provenance: ['base'],
  };
}

async function parse(body: string, type: UnitType = 'session', vars: Record<string, string> = { name: 'World' }) {
  const u = unit(body, type);
  const r = await parseUnit(createProcessor(), { unit: u, root, basePath: file, unitsByPath: new Map([[path.join(root, 'modules/01-alpha/01-first.md'), 'first']]) });
  // Vars and UI strings are placeholders in the parsed tree; the views fill them per edition.
  const diags = new Diagnostics();
  r.diagnostics.forEach((d) => diags.add(d));
  reportUndefinedVars(r, vars, diags);
  return { ...r, raw: toHtml(r.tree), html: toHtml(localize(r.tree, en, vars)), messages: diags.list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`) };
}

describe('parse', () => {
  it('substitutes variables and reports undefined ones at their place', async () => {
    const r = await parse('Hello :var[name].\n\nBye :var[missing].\n');
    expect(r.html).toContain('Hello World.');
    // The parsed tree itself holds a placeholder, so every edition shares it.
    expect(r.raw).toContain('Hello <span data-var="name"></span>.');
    expect(r.vars).toEqual([{ name: 'name', line: 1, column: 7 }, { name: 'missing', line: 3, column: 5 }]);
    expect(r.messages).toEqual(['3:5 error undefined-var Undefined variable "missing" (defined: name)']);
  });

  it('turns every FORMAT.md block into a tp-* element', async () => {
    const r = await parse(':::facilitator\nF\n:::\n\n:::participant\nP\n:::\n\n::::slide\n# T\n:::notes\nN\n:::\n::::\n\n:::tip\nT\n:::\n\n:::warning\nW\n:::\n\n:::note\nN\n:::\n', 'session');
    for (const c of ['tp-facilitator', 'tp-participant', 'tp-slide', 'tp-notes', 'tp-tip', 'tp-warning', 'tp-note']) expect(r.html).toContain(c);
    expect(r.messages).toEqual([]);
  });

  it('gives exercises their title and minutes, roles their name', async () => {
    const r = await parse('::::exercise{title="Map it" minutes="10"}\nDo.\n:::solution\nS\n:::\n::::\n');
    expect(r.html).toContain('<p class="tp-block-title">Exercise: Map it · 10 min</p>');
    const rp = await parse(':::role{name="Mayor"}\nYou lead.\n:::\n', 'roleplay');
    expect(rp.html).toContain('<p class="tp-role-name">Mayor</p>');
  });

  it('warns about unknown and misplaced directives with their place', async () => {
    const r = await parse('Intro.\n\n:::sidebar\nX\n:::\n\n:::notes\nN\n:::\n\n:::solution\nS\n:::\n\nTime:later and :lateer[x]\n');
    expect(r.messages).toEqual([
      '15:16 warning unknown-directive Unknown text directive ":lateer" (kept as plain text)',
      '3:1 warning unknown-directive Unknown directive ":::sidebar"; its content appears only in the facilitator guide',
      '7:1 warning misplaced-directive `:::notes` belongs inside a `:::slide`',
      '11:1 warning misplaced-directive `:::solution` belongs inside an `:::exercise` or a unit of type exercise',
    ]);
    // A colon inside a word with no [label] or {attributes} after it is plain text, never a warning.
    expect(r.html).toContain(':lateer[x]');
    expect(r.html).toContain('Time:later');
  });

  it('marks quiz answers and explanations, and keeps no checked box', async () => {
    const r = await parse('1. Q?\n   - [x] Yes\n   - [ ] No\n   > Because.\n2. Open?\n   > Model.\n3. None marked?\n   - [ ] A\n   - [ ] B\n', 'quiz');
    expect(r.html).toContain('class="tp-option tp-correct"');
    expect(r.html).toMatch(/tp-question tp-single/);
    expect(r.html).toMatch(/tp-question tp-open/);
    expect(r.html).not.toContain('checked');
    expect(r.messages).toEqual(['7:1 warning quiz-format This question has options but none is marked correct with [x]']);
  });

  it('takes explicit heading ids and shifts levels under the unit title', async () => {
    const r = await parse('## Legal basis {#legal}\n\n### Details\n');
    expect(r.html).toContain('<h4 id="u--legal">Legal basis</h4>');
    expect(r.html).toContain('<h5 id="u--details">Details</h5>');
  });

  it('sanitises raw HTML and says what it removed', async () => {
    const r = await parse('<b onmouseover="x()">bold</b>\n\n<style>body{}</style>\n\n<a href="javascript:x()">j</a> <a href="tel:+1">t</a>\n');
    expect(r.html).toContain('<b>bold</b>');
    expect(r.html).toContain('href="tel:+1"');
    expect(r.html).not.toMatch(/onmouseover|<style|javascript/);
    expect(r.messages).toHaveLength(3);
    expect(r.messages[0]).toBe('1:1 warning unsafe-html Attribute "onMouseOver" on <b> is not allowed: removed');
  });

  it('resolves links and images inside the curriculum only', async () => {
    const r = await parse('[u](01-first.md) [s](01-first.md#background) [a](#here) ![d](../../assets/diagram.svg) ![x](../../../x.png) ![m](missing.png)\n');
    expect(r.html).toContain('href="#unit-first"');
    expect(r.html).toContain('href="#first--background"');
    expect(r.html).toContain('href="#u--here"');
    expect(r.html).toContain('src="data:image/svg+xml;base64,');
    expect(r.messages).toEqual([
      '1:88 error outside-path "../../../x.png" points outside the curriculum folder',
      '1:109 error missing-asset "missing.png" does not exist (looked for modules/01-alpha/missing.png)',
    ]);
  });

  it('parses the GFM FORMAT.md promises, and leaves bare URLs as text (no autolink literals)', async () => {
    const r = await parse('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ and a note[^n].\n\n[^n]: The note.\n\nSee www.example.org or https://example.org/x.\n\n<https://example.org/y>\n');
    expect(r.html).toContain('<table>');
    expect(r.html).toContain('type="checkbox"');
    expect(r.html).toContain('<del>gone</del>');
    expect(r.html).toContain('data-footnote-ref');
    expect(r.html).toContain('See www.example.org or https://example.org/x.');
    expect(r.html).not.toContain('href="http://www.example.org"');
    expect(r.html).toContain('<a href="https://example.org/y">');
  });

  it('copies linked non-image files to assets/', async () => {
    const r = await parse('[Worksheet](../../assets/diagram.svg)\n');
    expect(r.html).toContain('href="assets/diagram.svg"');
    expect([...r.assets.keys()]).toEqual(['assets/diagram.svg']);
  });
});
