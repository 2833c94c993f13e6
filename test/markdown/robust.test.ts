/** No crash from content (issue 13, item 5): each shape is a positioned diagnostic, never an exception. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { check, formatDiagnostic } from '../../src/api.js';
import { Diagnostics } from '../../src/errors.js';
import { createProcessor, parseUnitSync } from '../../src/markdown/processor.js';
import { reportUndefinedVars } from '../../src/pipeline.js';
import { fill, renderFragments } from '../../src/render/fragments.js';
import { localize } from '../../src/views/localize.js';
import { VFile } from 'vfile';
import remarkStructure from '../../src/markdown/remark-structure.js';
import { tempDir } from '../helpers.js';
import { parse, unitOf } from '../leaks/helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const lines = (body: string, type?: Parameters<typeof parse>[1]) =>
  parse(body, type).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);

describe('no crash from content', () => {
  it(':var[constructor] is an undefined variable at its place, never a lookup on Object.prototype', () => {
    const p = parse('Hi :var[constructor] and :var[toString].\n');
    const diags = new Diagnostics();
    reportUndefinedVars(p, { hotline: '1' }, diags);
    expect(diags.list.map(formatDiagnostic)).toEqual([
      'modules/01-alpha/09-test.md:1:4 error Undefined variable "constructor" (defined: hotline) [undefined-var]',
      'modules/01-alpha/09-test.md:1:26 error Undefined variable "toString" (defined: hotline) [undefined-var]',
    ]);
    // Rendering never calls a function it found on the prototype.
    expect(toHtml(localize(p.tree, en, { hotline: '1' }))).toContain(':var[constructor]');
    const f = fill(renderFragments(p.tree, false, { type: 'session', title: 'T', duration: 10 }), { strings: en, vars: { hotline: '1' }, firstSlide: 1 });
    expect(f.handout).toContain(':var[constructor]');
  });

  it('`check` reports :var[constructor]', async () => {
    const dir = await tempDir();
    mkdirSync(path.join(dir, 'modules/01-m'), { recursive: true });
    writeFileSync(path.join(dir, 'curriculum.yml'), 'id: c\ntitle: C\n');
    writeFileSync(path.join(dir, 'modules/01-m/module.yml'), 'title: M\n');
    writeFileSync(path.join(dir, 'modules/01-m/01-u.md'), '---\ntitle: U\nduration: 5\n---\nCall :var[constructor].\n');
    const r = await check({ dir, persistentCache: false });
    expect(r.diagnostics.map(formatDiagnostic)).toContain('modules/01-m/01-u.md:5:6 error Undefined variable "constructor" [undefined-var]');
  });

  it('render markers cannot be forged from source text', () => {
    const p = parse('Forged \uFDD0v:name\uFDD1 and \uFDD0s:answer_key\uFDD1 and \uFDD20\uFDD3.\n');
    const f = fill(renderFragments(p.tree, false, { type: 'session', title: 'T', duration: 10 }), { strings: en, vars: { name: 'VALUE-OF-NAME' }, firstSlide: 1 });
    expect(f.handout).not.toContain('VALUE-OF-NAME');
    expect(f.handout).not.toContain(en.answer_key);
    expect(f.handout).not.toMatch(/[\uFDD0-\uFDEF]/);
    expect(f.handout).toContain('\uFFFDv:name\uFFFD');
  });

  it('nesting is bounded with a positioned error: 3,000 nested >, nested lists, nested blocks', () => {
    expect(lines(`${'>'.repeat(3000)} deep\n`)).toEqual(['1:91 error too-deep']);
    expect(lines(`${'- '.repeat(3000)}deep\n`)).toEqual(['1:181 error too-deep']);
    expect(lines(`${'1. '.repeat(3000)}deep\n`)).toEqual(['1:271 error too-deep']);
    // Over several lines, whatever the construct: a tree 3,000 deep is cut at MAX_DEPTH with one error.
    let node: Record<string, unknown> = { type: 'paragraph', children: [{ type: 'text', value: 'x' }] };
    for (let k = 0; k < 3000; k++) node = { type: 'blockquote', children: [node], position: { start: { line: k + 1, column: 1, offset: 0 }, end: { line: k + 1, column: 2, offset: 1 } } };
    const file = new VFile({ value: '' });
    remarkStructure()({ type: 'root', children: [node] } as never, file);
    expect(file.messages.map((m) => `${m.ruleId} ${m.fatal}`)).toEqual(['too-deep true']);
  });

  it('a malformed percent escape in a link or image is a positioned error', () => {
    expect(lines('See [x](%FF.pdf) and ![y](%E0%A4%A.png).\n')).toEqual(['1:5 error bad-url', '1:22 error bad-url']);
  });

  it('a 1 MB token without spaces and a 1 MB data: URL parse without exception', () => {
    const token = parse(`A ${'a'.repeat(1 << 20)} token.\n`);
    expect(token.diagnostics).toEqual([]);
    const data = parse(`![alt](data:image/png;base64,${'iVBOR'.repeat(1 << 18)})\n`);
    expect(data.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('binary content (a NUL byte) is one error at its place, and nothing of it is read', () => {
    const p = parse('Text\nmore te\u0000xt \u0000\u0001\u0002 :::facilitator\n');
    expect(p.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['2:8 error binary-content']);
    expect(p.tree.children).toEqual([]);
  });

  it('a large image is a warning with its size', async () => {
    const root = await tempDir();
    mkdirSync(path.join(root, 'modules/01-m'), { recursive: true });
    writeFileSync(path.join(root, 'big.png'), Buffer.alloc(6 * 1024 * 1024));
    const unit = { ...unitOf('![Big](../../big.png)\n'), source: { path: path.join(root, 'modules/01-m/01-u.md'), rel: 'modules/01-m/01-u.md' } };
    const p = parseUnitSync(createProcessor(), { unit, root, basePath: unit.source.path, unitsByPath: new Map() });
    expect(p.diagnostics.map(formatDiagnostic)).toEqual(['modules/01-m/01-u.md:1:1 warning Image "../../big.png" is 6.0 MB; it is inlined into every page that shows it [large-asset]']);
  });
});
