/**
 * Nothing outside the curriculum (issue 13, item 4): a symbolic link inside
 * the curriculum that points outside it (unit, module folder, asset, image,
 * assets folder, template partial, string catalogue, YAML files, overlay
 * files) is refused with a positioned `outside-path` error and its content
 * reaches no output; links that stay inside build as usual.
 */
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { TrainpackError, type Diagnostic } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

const SECRET = 'OUTSIDE-SECRET-7f3a';
const unit = (body = 'Body text.') => `---\ntitle: A unit\nduration: 30\n---\n\n${body}\n`;

/** A curriculum in `<tmp>/c` and a folder of outside files in `<tmp>/outside`. */
async function setup(files: Record<string, string>, links: Record<string, string>): Promise<{ dir: string; outside: string }> {
  const top = await tempDir();
  const dir = path.join(top, 'c');
  const outside = path.join(top, 'outside');
  const all: Record<string, string> = {
    'c/curriculum.yml': 'id: x\ntitle: X\n',
    'c/modules/01-m/module.yml': 'title: M\n',
    'c/modules/01-m/01-u.md': unit(),
    'outside/secret.md': unit(SECRET),
    'outside/secret.txt': SECRET,
    'outside/secret.svg': `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`,
    'outside/head.hbs': `<meta charset="utf-8"><title>${SECRET}</title>`,
    'outside/module/module.yml': `title: ${SECRET}\n`,
    'outside/module/01-u.md': unit(SECRET),
    'outside/en.json': JSON.stringify({ facilitator_guide: SECRET }),
    'outside/overlay.yml': `id: fr\ntitle: ${SECRET}\nlanguage: fr\n`,
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`c/${k}`, v])),
  };
  for (const [rel, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(top, rel)), { recursive: true });
    await writeFile(path.join(top, rel), text);
  }
  for (const [from, to] of Object.entries(links)) {
    const at = path.join(dir, from);
    await mkdir(path.dirname(at), { recursive: true });
    await rm(at, { recursive: true, force: true });
    await symlink(to.startsWith('/') ? to : path.join(top, to), at);
  }
  return { dir, outside };
}

async function buildErrors(dir: string, all = false): Promise<{ errors: Diagnostic[]; out: string }> {
  const out = path.join(path.dirname(dir), 'out');
  try {
    await build({ dir, out, formats: ['html'], all, persistentCache: false });
  } catch (err) {
    expect(err).toBeInstanceOf(TrainpackError);
    return { errors: (err as TrainpackError).diagnostics.filter((d) => d.severity === 'error'), out };
  }
  return { errors: [], out };
}

/** Every byte written under `out` (nothing when the build failed). */
async function written(out: string): Promise<string> {
  const files = await readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), 'latin1')));
  return texts.join('\n');
}

const shapes: { name: string; files?: Record<string, string>; links: Record<string, string>; file: string; line?: number; all?: boolean }[] = [
  { name: 'a unit file', links: { 'modules/01-m/02-u.md': 'outside/secret.md' }, file: 'modules/01-m/02-u.md', line: 1 },
  { name: 'a module folder', links: { 'modules/02-m': 'outside/module' }, file: 'modules/02-m', line: 1 },
  { name: 'curriculum.yml', links: { 'curriculum.yml': 'outside/module/module.yml' }, file: 'curriculum.yml', line: 1 },
  { name: 'a module.yml', links: { 'modules/01-m/module.yml': 'outside/module/module.yml' }, file: 'modules/01-m/module.yml', line: 1 },
  {
    name: 'a linked asset',
    files: { 'modules/01-m/01-u.md': unit('Intro.\n\nRead [the notes](../../assets/notes.txt).') },
    links: { 'assets/notes.txt': 'outside/secret.txt' },
    file: 'modules/01-m/01-u.md',
    line: 8,
  },
  {
    name: 'an image',
    files: { 'modules/01-m/01-u.md': unit('Intro.\n\n![A diagram](../../assets/d.svg)') },
    links: { 'assets/d.svg': 'outside/secret.svg' },
    file: 'modules/01-m/01-u.md',
    line: 8,
  },
  {
    name: 'the assets folder',
    files: { 'modules/01-m/01-u.md': unit('![A diagram](../../assets/secret.svg)') },
    links: { assets: 'outside' },
    file: 'modules/01-m/01-u.md',
    line: 6,
  },
  { name: 'a template partial', links: { 'templates/partials/head.hbs': 'outside/head.hbs' }, file: 'templates/partials/head.hbs', line: 1 },
  { name: 'the partials folder', links: { 'templates/partials': 'outside' }, file: 'templates/partials/head.hbs', line: 1 },
  { name: 'a string catalogue', links: { 'templates/strings/en.json': 'outside/en.json' }, file: 'templates/strings/en.json', line: 1 },
  { name: 'an overlay.yml', links: { 'overlays/fr/overlay.yml': 'outside/overlay.yml' }, file: 'overlays/fr/overlay.yml', line: 1, all: true },
  {
    name: 'an overlay unit',
    files: { 'overlays/fr/overlay.yml': 'id: fr\ntitle: F\nlanguage: fr\n', 'overlays/fr/modules/01-m/module.yml': 'title: M\n' },
    links: { 'overlays/fr/modules/01-m/01-u.md': 'outside/secret.md' },
    file: 'overlays/fr/modules/01-m/01-u.md',
    line: 1,
    all: true,
  },
];

describe('files outside the curriculum', () => {
  for (const shape of shapes) {
    it(`refuses ${shape.name} linking outside, with a positioned error and no output`, async () => {
      const { dir } = await setup(shape.files ?? {}, shape.links);
      const { errors, out } = await buildErrors(dir, shape.all);
      const hit = errors.find((d) => d.rule === 'outside-path');
      expect(hit, JSON.stringify(errors)).toBeDefined();
      expect(hit).toMatchObject({ file: shape.file, line: shape.line });
      expect(hit!.column).toBeGreaterThan(0);
      expect(await written(out)).not.toContain(SECRET);
    });
  }

  it('builds links that stay inside: a unit, an image and a partial linked to files in the curriculum', async () => {
    const head = await readFile(path.join(import.meta.dirname, '../../templates/partials/head.hbs'), 'utf8');
    const { dir } = await setup(
      {
        'shared/u.md': '---\nid: shared\ntitle: Shared\nduration: 10\n---\n\nSHARED-UNIT-TEXT\n',
        'shared/d.svg': '<svg xmlns="http://www.w3.org/2000/svg"><text>INSIDE-SVG</text></svg>',
        'shared/head.hbs': head,
        'modules/01-m/01-u.md': unit('![A diagram](../../assets/d.svg)'),
      },
      { 'modules/01-m/02-u.md': 'c/shared/u.md', 'assets/d.svg': 'c/shared/d.svg', 'templates/partials/head.hbs': 'c/shared/head.hbs' },
    );
    const { errors, out } = await buildErrors(dir);
    expect(errors).toEqual([]);
    const guide = await readFile(path.join(out, 'base/facilitator-guide.html'), 'utf8');
    expect(guide).toContain('SHARED-UNIT-TEXT');
    expect(guide).toContain(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><text>INSIDE-SVG</text></svg>').toString('base64'));
  });
});

describe('malformed link escapes (found by the fuzzer)', () => {
  it('makes [x](%FF.pdf) a positioned error, not an internal one', async () => {
    const top = await tempDir();
    const dir = path.join(top, 'c');
    for (const [rel, text] of Object.entries({
      'curriculum.yml': 'id: x\ntitle: X\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': unit('Intro.\n\nSee [the form](%FF.pdf) and ![a](%E0%A4%A.png).'),
    })) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    const { errors } = await buildErrors(dir);
    expect(errors.map((d) => d.rule)).not.toContain('internal');
    const escapes = errors.filter((d) => /malformed percent escape/.test(d.message));
    expect(escapes).toHaveLength(2);
    for (const d of escapes) expect(d).toMatchObject({ file: 'modules/01-m/01-u.md', line: 8 });
  });
});
