/** The persistent cache: reused when nothing changed, never wrong when something did. */
import { readFile, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { copyFixture, replaceInFile, tempDir } from '../helpers.js';

const guide = (out: string) => readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8');

describe('persistent cache', () => {
  it('a rebuild with nothing changed parses nothing and writes the same pages', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    const first = await build({ dir, out });
    expect(first.cache).toEqual({ parsed: 5, reused: 0, markdown: 5 });
    const before = await guide(out);
    const second = await build({ dir, out });
    expect(second.cache).toEqual({ parsed: 0, reused: 5, markdown: 0 });
    expect(await guide(out)).toBe(before);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('a changed unit is parsed again, the others reused', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    await replaceInFile(path.join(dir, 'modules/02-beta/01-roles.md'), 'SCENARIO-TEXT', 'CHANGED-SCENARIO');
    const r = await build({ dir, out });
    expect(r.cache).toEqual({ parsed: 1, reused: 4, markdown: 1 });
    expect(await guide(out)).toContain('CHANGED-SCENARIO');
  });

  it('adding a unit re-parses only the units that link to it', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    await writeFile(path.join(dir, 'modules/02-beta/04-new.md'), '---\ntitle: New\nduration: 5\n---\n\nNEW-UNIT.\n');
    const r = await build({ dir, out });
    // The new unit itself; no other unit names 04-new.md, so nothing else is parsed again.
    expect(r.cache).toEqual({ parsed: 1, reused: 5, markdown: 1 });
  });

  it('a changed image is seen even though the unit text did not change', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    const svg = path.join(dir, 'assets/diagram.svg');
    await writeFile(svg, (await readFile(svg, 'utf8')).replace('diagram', 'NEW-DIAGRAM-TEXT'));
    const r = await build({ dir, out });
    expect(r.cache!.parsed).toBe(1);
    const b64 = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(await guide(out))![1]!;
    expect(Buffer.from(b64, 'base64').toString()).toContain('NEW-DIAGRAM-TEXT');
  });

  it('is safe to delete, and a corrupt entry is only a miss', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    const cacheDir = path.join(dir, '.trainpack-cache');
    const version = (await readdir(cacheDir))[0]!;
    const unitDir = path.join(cacheDir, version, 'unit');
    const packs = await readdir(unitDir);
    expect(packs.length).toBeGreaterThan(0);
    for (const f of packs) await writeFile(path.join(unitDir, f), '{not json');
    expect((await build({ dir, out })).cache!.parsed).toBe(5);
    await rm(cacheDir, { recursive: true });
    const r = await build({ dir, out });
    expect(r.cache!.parsed).toBe(5);
    expect(await guide(out)).toContain('FACILITATOR-ONLY-TEXT');
  });

  it('writes one pack a namespace per build, and merges packs when there are many', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    const f = path.join(dir, 'modules/02-beta/01-roles.md');
    const text = await readFile(f, 'utf8');
    await build({ dir, out });
    const cacheDir = path.join(dir, '.trainpack-cache');
    const unitDir = path.join(cacheDir, (await readdir(cacheDir))[0]!, 'unit');
    expect(await readdir(unitDir)).toHaveLength(1);
    // Each build that parses something adds a pack; the ninth is merged with the eight before it.
    for (let i = 1; i <= 8; i++) {
      await writeFile(f, text.replace('SCENARIO-TEXT', `SCENARIO-${i}`));
      await build({ dir, out });
    }
    expect(await readdir(unitDir)).toHaveLength(1);
    // Nothing was lost in the merge: the original text and the last change are both cached.
    await writeFile(f, text);
    expect((await build({ dir, out })).cache!.parsed).toBe(0);
  });

  it('--no-cache leaves no cache folder', async () => {
    const dir = await copyFixture('full');
    await build({ dir, out: await tempDir(), persistentCache: false });
    await expect(readdir(path.join(dir, '.trainpack-cache'))).rejects.toThrow();
  });

  it('editions that share a unit parse its Markdown once', async () => {
    const dir = await copyFixture('overlays');
    const r = await build({ dir, out: await tempDir(), all: true, persistentCache: false });
    // 4 editions x 5 units; 9 distinct texts: 5 base units, the French intro, the patched
    // practice unit, the added unit and the Arabic one.
    expect(r.cache!.parsed + r.cache!.reused).toBe(20);
    expect(r.cache!.markdown).toBe(9);
    // Vars and UI strings are filled in after parsing, so the whole parse is shared too.
    expect(r.cache!.parsed).toBe(9);
  });
});

describe('memo tables read lazily', () => {
  it('reads saved entries at the first look-up, once; a table no one asks for is never read', async () => {
    const { Memo } = await import('../../src/cache/memo.js');
    const m = new Memo<string>('lazy');
    let loads = 0;
    m.seedLater(() => (loads++, { k: 'saved' }));
    expect(loads).toBe(0);
    m.set('mine', 'set here');
    expect(loads).toBe(0);
    expect(m.get('k')).toBe('saved');
    expect(m.get('mine')).toBe('set here');
    expect(loads).toBe(1);
    const untouched = new Memo<string>('untouched');
    untouched.seedLater(() => {
      throw new Error('read');
    });
    expect(untouched.take()).toBeUndefined();
  });
});
