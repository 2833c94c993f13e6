/** Start-up: `--version` loads almost nothing; each command's module loads only when it runs. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/index.js';
import { stdio } from '../../src/cli/report.js';
import { BIN, FIXTURES, cli } from '../helpers.js';

/** The modules a run of the built CLI loads (ES modules through a loader hook, CommonJS from require.cache). */
async function modulesLoaded(args: string[], script = BIN): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'trainpack-modules-'));
  const log = path.join(dir, 'modules.log');
  try {
    const r = await execa('node', ['--import', path.join(FIXTURES, 'module-count/register.mjs'), script, ...args], { reject: false, env: { TRAINPACK_MODULE_LOG: log } });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    // A CommonJS file imported from ESM shows up twice (loader and require.cache): count it once.
    return [...new Set(lines.map((l) => l.replace(/^(esm|cjs) /, '').replace(/^file:\/\//, '')))];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('start-up', () => {
  it('--version loads under 30 modules and little code, none of the pipeline', async () => {
    const loaded = await modulesLoaded(['--version']);
    expect(loaded.length, loaded.join('\n')).toBeLessThan(30);
    expect(loaded.some((m) => /bin\/trainpack\.js$/.test(m))).toBe(true);
    expect(loaded.some((m) => /dist\/bundle\/cli\.js$/.test(m))).toBe(true);
    // The bundle's chunks have hashed names: what they hold shows in their size (the pipeline is megabytes).
    const bytes = (await Promise.all(loaded.map((m) => stat(m).then((s) => s.size)))).reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(400 * 1024);
  });

  it('unbundled too, --version loads none of the pipeline', async () => {
    const loaded = await modulesLoaded(['--version'], path.join(FIXTURES, 'module-count/unbundled.mjs'));
    expect(loaded.length, loaded.join('\n')).toBeLessThan(30);
    for (const heavy of ['unified', 'remark-parse', 'handlebars', 'zod', 'yaml', 'puppeteer-core', 'chokidar', '/api.js', '/pipeline.js', '/cli/build.js']) {
      expect(loaded.filter((m) => m.includes(heavy)), heavy).toEqual([]);
    }
  });

  it('a command loads its own module and not the others', async () => {
    const loaded = await modulesLoaded(['init', '--help'], path.join(FIXTURES, 'module-count/unbundled.mjs'));
    expect(loaded.some((m) => /cli\/init\.js$/.test(m))).toBe(true);
    for (const other of ['build', 'check', 'dev', 'overlay', 'export', 'pack']) expect(loaded.filter((m) => m.endsWith(`/cli/${other}.js`)), other).toEqual([]);
  });

  it('the help lists every command with the description its module registers', async () => {
    const help = await cli(['--help']);
    expect(help.exitCode).toBe(0);
    for (const [name, { description, load }] of Object.entries(COMMANDS)) {
      const program = new Command('trainpack');
      (await load())(program, stdio, () => undefined);
      const registered = program.commands.find((c) => c.name() === name);
      expect(registered, name).toBeDefined();
      expect(registered!.description(), name).toBe(description);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(`${name} ${description.split(' ').slice(0, 3).join(' ')}`);
    }
  });

  it('help of one command shows its options, with defaults as written on the command line', async () => {
    for (const args of [['build', '--help'], ['help', 'build']]) {
      const r = await cli(args);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('--format <list>');
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('(default: html)');
      expect(r.stdout).not.toContain('["html"]');
    }
    // No command shows a list default as JSON.
    for (const name of Object.keys(COMMANDS)) {
      const r = await cli([name, '--help']);
      expect(r.stdout.replace(/\s+/g, ' '), name).not.toMatch(/\(default: \[/);
    }
  });
});
