import { expect, it } from 'vitest';
import { mdReferences } from '../../src/markdown/md-names.js';
const MD_NAME = /<([^<>\n]+?\.md)(?=[#?>])|([^\s()<>"'[\]]+?\.md)(?=[#?)\s>"'\]]|$)/gm;
const old = (t: string) => [...t.matchAll(MD_NAME)].map((m) => m[1] ?? m[2]!);
it('matches the old regex', () => {
  const samples = ['[a](01-first.md) and [b](../x/02-second.md#part) <my file.md> <a.md#x> x.md.md y.mdz a.md?x=1', 'see (file.md) "q.md" [r.md] <t.md', '.md alone and a.md\nb.md', 'x<y.md>z', 'a%20b.md)', '<no\nx.md>', 'aa.md#b.md#c.md'];
  const chars = ['a', '.', 'm', 'd', '<', '>', '#', ' ', '(', ')', '\n', '?'];
  let seed = 1; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 3000; i++) { let t = ''; const len = 1 + Math.floor(rnd() * 30); for (let k = 0; k < len; k++) t += rnd() < 0.3 ? '.md' : chars[Math.floor(rnd() * chars.length)]; samples.push(t); }
  for (const s of samples) expect(mdReferences(s), JSON.stringify(s)).toEqual(old(s));
});

it('reads a 1 MB token without spaces and a 1 MB data: URL (linear, no exception)', () => {
  expect(mdReferences(`A ${'a'.repeat(1 << 20)} b.md`)).toEqual(['b.md']);
  expect(mdReferences(`![x](data:image/png;base64,${'iVBOR.md'.repeat(1 << 17)})`)).toHaveLength(1);
  expect(mdReferences('<'.repeat(1 << 20))).toEqual([]);
});
