/**
 * Starting `trainpack dev`: no curriculum fails at once; a broken one is
 * served with its errors until fixed; a taken port is an error naming it;
 * the command's flags.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePort, registerDev } from '../../src/cli/dev.js';
import { startDev } from '../../src/dev/index.js';
import { openCommand } from '../../src/dev/open.js';
import { TrainpackError } from '../../src/errors.js';
import { copyFixture, tempDir } from '../helpers.js';
import { openEvents, page, rebuild } from './helpers.js';

describe('trainpack dev: starting', () => {
  it('fails at once in a folder without curriculum.yml', async () => {
    const err = await startDev({ dir: await tempDir(), port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainpackError);
    expect((err as TrainpackError).diagnostics[0]!.rule).toBe('missing-file');
  });

  it('serves a broken curriculum with its errors, and the edition once fixed', async () => {
    const dir = await copyFixture('full');
    const yml = path.join(dir, 'curriculum.yml');
    const good = await readFile(yml, 'utf8');
    await writeFile(yml, good.replace('title: Full fixture curriculum', 'title: [unclosed'));
    const server = await startDev({ dir, port: 0 });
    try {
      expect(server.initial.ok).toBe(false);
      const res = await fetch(server.url);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('/__trainpack/events');
      const events = await openEvents(server.url, 'index.html', '');
      const problems = await events.next<{ diagnostics: { file: string; line: number }[] }>('problems');
      expect(problems.diagnostics[0]).toMatchObject({ file: 'curriculum.yml', line: expect.any(Number) });
      expect((await rebuild(server, () => writeFile(yml, good))).ok).toBe(true);
      await events.next('clear');
      expect((await events.next<{ pages: string[] }>('reload')).pages).toContain('index.html');
      expect(await page(server.url)).toContain('Full fixture curriculum');
      events.close();
    } finally {
      await server.close();
    }
  });

  it('names a taken port', async () => {
    const dir = await copyFixture('full');
    const first = await startDev({ dir, port: 0 });
    try {
      const err = await startDev({ dir, port: first.port }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrainpackError);
      expect((err as TrainpackError).message).toContain(`port ${first.port} is in use`);
    } finally {
      await first.close();
    }
  });
});

describe('trainpack dev: the command', () => {
  it('has the flags of the issue', () => {
    const program = new Command('trainpack');
    registerDev(program, { out: () => {}, err: () => {} }, () => {});
    const dev = program.commands.find((c) => c.name() === 'dev')!;
    expect(dev.options.map((o) => o.long).sort()).toEqual(['--host', '--open', '--overlay', '--port']);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('4000')).toBe(4000);
    for (const bad of ['-1', '65536', 'abc', '40.5']) expect(() => parsePort(bad), bad).toThrow(/port number/);
  });

  it('opens the browser with the platform opener', () => {
    expect(openCommand('http://127.0.0.1:4000/', 'linux')).toEqual(['xdg-open', ['http://127.0.0.1:4000/']]);
    expect(openCommand('http://127.0.0.1:4000/', 'darwin')).toEqual(['open', ['http://127.0.0.1:4000/']]);
    expect(openCommand('http://127.0.0.1:4000/', 'win32')[0]).toBe('cmd');
  });
});
