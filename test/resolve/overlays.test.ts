import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { TrainpackError } from '../../src/errors.js';
import { applyPatch, readPatch, sections } from '../../src/resolve/patch.js';
import { blobHash } from '../../src/resolve/githash.js';
import { Diagnostics } from '../../src/errors.js';
import { copyFixture, tempDir } from '../helpers.js';

async function write(dir: string, rel: string, text: string) {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
}

/** Build one overlay of a modified copy of the fixture; return the error lines. */
async function errorsOf(change: (dir: string) => Promise<void>, overlay = 'sn'): Promise<string[]> {
  const dir = await copyFixture('overlays');
  await change(dir);
  try {
    await build({ dir, out: await tempDir(), overlays: [overlay] });
  } catch (err) {
    expect(err).toBeInstanceOf(TrainpackError);
    return (err as TrainpackError).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
  }
  throw new Error('the build should have failed');
}

describe('bad overlays', () => {
  it('a cycle names the overlay files', async () => {
    const errors = await errorsOf((dir) => write(dir, 'overlays/fr/overlay.yml', 'id: fr\nextends: sn\nlanguage: fr\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^overlays\/sn\/overlay\.yml:2:10 Overlays extend each other in a cycle: sn -> fr -> sn \(overlays\/sn\/overlay\.yml, overlays\/fr\/overlay\.yml\)$/);
  });

  it('an unknown parent', async () => {
    const errors = await errorsOf((dir) => write(dir, 'overlays/sn/overlay.yml', 'id: sn\nextends: francais\n'));
    expect(errors).toEqual(['overlays/sn/overlay.yml:2:10 Overlay "sn" extends "francais", which does not exist (known: ar, fr, sn)']);
  });

  it('a patch naming a missing section', async () => {
    const errors = await errorsOf(async (dir) => {
      const f = path.join(dir, 'overlays/sn/modules/01-core/02-practice.patch.md');
      await writeFile(f, (await readFile(f, 'utf8')).replace('section="closing"', 'section="closure"'));
    });
    expect(errors).toEqual([
      'overlays/sn/modules/01-core/02-practice.patch.md:15:1 Section "closure" does not exist in the file below (sections: task, legal-framework, old-part, closing)',
    ]);
  });

  it('a patch without a file below', async () => {
    const errors = await errorsOf((dir) => write(dir, 'overlays/sn/modules/01-core/09-ghost.patch.md', '---\ntitle: X\n---\n'));
    expect(errors).toEqual(['overlays/sn/modules/01-core/09-ghost.patch.md:1:1 overlays/sn/modules/01-core/09-ghost.patch.md patches 09-ghost.md, which no layer below has']);
  });

  it('an unknown excluded id', async () => {
    const errors = await errorsOf((dir) => write(dir, 'overlays/sn/overlay.yml', 'id: sn\nextends: fr\nexclude:\n  - extra\n  - nothing-here\n'));
    expect(errors).toEqual(['overlays/sn/overlay.yml:5:5 Excluded id "nothing-here" is no unit or module of this edition']);
  });

  it('an overlay that does not exist', async () => {
    const errors = await errorsOf(async () => {}, 'xx');
    expect(errors).toEqual(['overlays/xx/overlay.yml:undefined:undefined No overlay "xx" (known: ar, fr, sn)']);
  });

  it('anything but patch blocks in a patch body', async () => {
    const errors = await errorsOf(async (dir) => {
      const f = path.join(dir, 'overlays/sn/modules/01-core/02-practice.patch.md');
      await writeFile(f, (await readFile(f, 'utf8')) + '\nStray text.\n');
    });
    expect(errors[0]).toMatch(/02-practice\.patch\.md:22:1 A patch body holds only/);
  });
});

describe('patch operations', () => {
  const text = '# A\n\nintro\n\n## B {#bee}\n\nb text\n\n### B1\n\nb1\n\n## C\n\nc text\n';
  it('finds sections by explicit id or slug, ending at the same or a higher level', () => {
    const s = sections(text);
    expect(s.map((x) => x.id)).toEqual(['a', 'bee', 'b1', 'c']);
    const bee = s[1]!;
    expect(text.slice(bee.start, bee.end)).toBe('## B {#bee}\n\nb text\n\n### B1\n\nb1\n\n');
  });

  it('replace with a heading replaces the whole section; without one keeps the heading', () => {
    const d = new Diagnostics();
    const withHeading = applyPatch(text, readPatch(':::replace{section="bee"}\n## New B\n\nnew\n:::\n', 'p', d), 'p', d);
    expect(withHeading).toContain('## New B\n\nnew\n\n## C');
    expect(withHeading).not.toContain('b1');
    const bodyOnly = applyPatch(text, readPatch(':::replace{section="c"}\nnew c\n:::\n', 'p', d), 'p', d);
    expect(bodyOnly).toMatch(/## C\n\nnew c\n/);
    expect(bodyOnly).not.toContain('c text');
    expect(d.list).toEqual([]);
  });

  it('applies independent operations in one pass, and overlapping ones in order', () => {
    const d = new Diagnostics();
    const ops = readPatch(':::after{section="c"}\nafter c\n:::\n\n:::before{section="bee"}\nbefore b\n:::\n\n:::remove{section="a"}\n:::\n', 'p', d);
    // remove "a" takes everything to the next h1 (none): the whole text, so these overlap and go in order.
    const out = applyPatch(text, ops, 'p', d);
    expect(d.list.map((x) => x.message)).toEqual([]);
    expect(out).toBe('');
    const ops2 = readPatch(':::after{section="c"}\nafter c\n:::\n\n:::before{section="bee"}\nbefore b\n:::\n', 'p', d);
    expect(applyPatch(text, ops2, 'p', d)).toBe('# A\n\nintro\n\nbefore b\n\n## B {#bee}\n\nb text\n\n### B1\n\nb1\n\n## C\n\nc text\n\nafter c\n\n');
  });

  it('hashes like git hash-object', () => {
    expect(blobHash('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
