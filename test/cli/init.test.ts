/** `trainpack init` and `overlay init`: a starter that builds, its .gitignore, schema lines editors follow, a next step that runs. */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDir } from '../helpers.js';

/** The schema a `# yaml-language-server: $schema=…` first line points at, resolved from the file. */
async function schemaOf(file: string): Promise<string> {
  const first = (await readFile(file, 'utf8')).split('\n')[0]!;
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  expect(m, `${file}: ${first}`).not.toBeNull();
  return path.resolve(path.dirname(file), m![1]!);
}

async function validates(file: string): Promise<void> {
  const schema = JSON.parse(await readFile(await schemaOf(file), 'utf8'));
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  expect(validate(parse(await readFile(file, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
}

/** The environment of a shell, without what npm or npx put there when they started the tests. */
const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

describe('trainpack init', () => {
  it('writes a .gitignore, schema lines that resolve, and a next step that builds', async () => {
    const parent = await tempDir();
    const r = await execa('node', [path.join(ROOT, 'bin/trainpack.js'), 'init', 'my course'], { cwd: parent, reject: false, env: shellEnv, extendEnv: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const dir = path.join(parent, 'my course');
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n')).toEqual(expect.arrayContaining(['out/', '.trainpack-cache/']));
    expect(existsSync(path.join(dir, 'gitignore'))).toBe(false);
    expect(await schemaOf(path.join(dir, 'curriculum.yml'))).toBe(path.join(ROOT, 'schemas/curriculum.schema.json'));
    await validates(path.join(dir, 'curriculum.yml'));
    for (const m of await readdir(path.join(dir, 'modules'))) await validates(path.join(dir, 'modules', m, 'module.yml'));
    // The hint is a command that runs from here (trainpack is not on the PATH of the tests).
    const next = /Next: (.+)$/m.exec(r.stderr)?.[1];
    expect(next).toBe(`node ${path.relative(parent, path.join(ROOT, 'bin/trainpack.js'))} build "my course"`);
    const built = await execa('bash', ['-c', `${next} --quiet`], { cwd: parent, reject: false, env: shellEnv, extendEnv: false });
    expect(built.exitCode, built.stderr).toBe(0);
    expect(existsSync(path.join(parent, 'out/base/index.html'))).toBe(true);
  });

  it('overlay init writes a schema line too, and the file it writes validates', async () => {
    const parent = await tempDir();
    expect((await cli(['init', 'c'], parent)).exitCode).toBe(0);
    const r = await cli(['overlay', 'init', 'sn', '--language', 'fr', '--country', 'sn', '--dir', 'c'], parent);
    expect(r.exitCode, r.stderr).toBe(0);
    await validates(path.join(parent, 'c/overlays/sn/overlay.yml'));
    // And the curriculum still builds with it.
    const b = await cli(['build', 'c', '--all', '--quiet', '--out', 'out'], parent);
    expect(b.exitCode, b.stderr).toBe(0);
  });
});
