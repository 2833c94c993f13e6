/** `trainpack check` on the command line, in process: text and JSON reports, exit codes. */
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCheck } from '../../src/cli/check.js';
import { FIXTURES } from '../helpers.js';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command('trainpack').exitOverride().configureOutput({ writeErr: (s) => err.push(s.trimEnd()) });
  registerCheck(program, { out: (s) => out.push(s), err: (s) => err.push(s) }, (n) => (code = n));
  await program.parseAsync(['check', '--no-cache', ...args], { from: 'user' });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const fixture = (name: string) => path.join(FIXTURES, 'check', name);

describe('trainpack check', () => {
  it('prints path:line:col severity message [rule] with a hint, and exits 1 on errors', async () => {
    const r = await run(fixture('too-few-roles'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('modules/01-main/01-interview.md:9:1 error Role-play "interview" has only one `:::role` block; a role-play needs at least two roles [too-few-roles]\n  hint: Give the role-play');
    expect(r.stderr).toMatch(/✖ 2 errors, 0 warnings \(base; [\d.]+ s\)$/);
  });

  it('exits 0 on warnings, 1 with --strict', async () => {
    expect((await run(fixture('missing-alt'))).code).toBe(0);
    const strict = await run(fixture('missing-alt'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/✖ 0 errors, 2 warnings/);
  });

  it('exits 0 and says so when there is nothing to report', async () => {
    const r = await run(path.join(FIXTURES, 'full'), '--strict');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^✔ No problems \(base; [\d.]+ s\)$/);
  });

  it('checks the overlays asked for', async () => {
    expect((await run(fixture('stale-overlay'))).stderr).not.toContain('stale-overlay');
    expect((await run(fixture('stale-overlay'), '--overlay', 'xx')).stderr).toContain('[stale-overlay]');
    expect((await run(fixture('stale-overlay'), '--all')).stderr).toContain('(base, xx;');
  });

  it('--json prints the report on stdout and nothing on stderr', async () => {
    const r = await run(fixture('missing-alt'), '--json', '--strict');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, root: fixture('missing-alt'), editions: ['base'], errors: 0, warnings: 2 });
    expect(report.diagnostics[0]).toEqual({
      severity: 'warning',
      rule: 'missing-alt',
      message: 'Image ../../assets/box.svg has no alt text',
      file: 'modules/01-main/01-pictures.md',
      line: 8,
      column: 1,
      hint: 'Describe the image for readers who cannot see it: `![what it shows](path)`.',
    });
  });

  it('keeps --format json as a hidden alias of --json, and rejects another --format', async () => {
    const r = await run(fixture('missing-alt'), '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, warnings: 2 });
    await expect(run(fixture('missing-alt'), '--format', 'xml')).rejects.toThrow(/use --json/);
  });
});
