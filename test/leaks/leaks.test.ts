/**
 * Every shape of the leak corpus (corpus.ts) through the parse, the views and
 * the render stage's fragments: the sentinel reaches no participant output
 * (handout HTML as written and as a DOM, its search text, the slide faces),
 * or the unit is an error that stops the build. And the guard knows each
 * hidden sentinel, so a leak the views missed would still stop the build.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { fill, renderFragments } from '../../src/render/fragments.js';
import { assertNoLeak, facilitatorPassages } from '../../src/views/guard.js';
import { parse } from './helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };
import { CASES, S } from './corpus.js';

const has = (text: string) => text.toUpperCase().includes(S);

describe('leak corpus', () => {
  it('holds at least 60 shapes', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const p = parse(c.body, c.type ?? 'session');
      const errors = p.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.filter((d) => d.rule === 'internal')).toEqual([]);
      if (c.error) {
        expect(errors.map((d) => d.rule)).toContain(c.error);
        expect(errors.every((d) => d.line !== undefined && d.column !== undefined)).toBe(true);
      }
      const f = fill(renderFragments(p.tree, false, { type: 'session', title: 'T', duration: 10 }), { strings: en, vars: { name: 'World' }, firstSlide: 1 });
      const { document } = parseHTML(`<!doctype html><html><body>${f.handout}</body></html>`);
      const dom = document.body.textContent ?? '';
      const attrs = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)).join(' ');
      if (!c.error) {
        expect(has(f.handout), 'handout HTML').toBe(false);
        expect(has(dom), 'handout DOM text').toBe(false);
        expect(has(attrs), 'handout attributes').toBe(false);
        expect(has(f.handoutText), 'search text').toBe(false);
        for (const s of f.slides) expect(has(s.title + s.body), 'slide face').toBe(false);
      }
      // Nothing in a quiz's handout says which option is right.
      if (c.type === 'quiz') {
        expect(f.handout).not.toMatch(/checked|tp-correct|tp-explanation/);
        expect(document.querySelectorAll('input[checked]').length).toBe(0);
      }
      if (c.guarded !== false && !c.checkedOnly && !c.error) {
        const passages = facilitatorPassages([{ unit: { source: { rel: 'x.md' }, selfCheck: false }, facts: p.facts }]);
        expect(passages.passages.some((x) => x.text.toUpperCase().includes(S)), 'the guard knows the sentinel').toBe(true);
        expect(() => assertNoLeak(f.handout, passages, 'the handout')).not.toThrow();
      }
    });
  }
});
