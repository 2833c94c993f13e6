/**
 * The built CLI (`npm run build` first): `trainpack check --json` is
 * the machine interface CI tools read, and the bundled example checks clean.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, ROOT } from '../helpers.js';

describe('trainpack check (built CLI)', () => {
  it('--json: the documented shape on stdout, exit 1 on errors', async () => {
    const dir = path.join(FIXTURES, 'check', 'many');
    const r = await cli(['check', '--no-cache', dir, '--all', '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(report).sort()).toEqual(['diagnostics', 'editions', 'errors', 'ok', 'root', 'warnings']);
    expect(report).toMatchObject({ ok: false, root: dir, editions: ['base', 'xx'], errors: 8, warnings: 7 });
    for (const d of report.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(['column', 'file', 'hint', 'line', 'message', 'rule', 'severity']);
      expect(['error', 'warning']).toContain(d.severity);
    }
    expect(report.diagnostics.find((d) => d.rule === 'untitled-slide')).toEqual({
      severity: 'error',
      rule: 'untitled-slide',
      message: 'This slide has no heading to be its title',
      file: 'modules/01-basics/01-welcome.md',
      line: 16,
      column: 1,
      hint: 'Start the slide with a heading (`## Title`): it becomes the slide title.',
    });
  });

  it('--json with only warnings: ok, exit 0; with --strict: not ok, exit 1', async () => {
    const dir = path.join(FIXTURES, 'check', 'missing-solution');
    const loose = await cli(['check', '--no-cache', dir, '--json']);
    expect(loose.exitCode).toBe(0);
    expect(JSON.parse(loose.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    const strict = await cli(['check', '--no-cache', dir, '--json', '--strict']);
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ ok: false });
  });

  it('text: file:line:col lines on stderr', async () => {
    const r = await cli(['check', '--no-cache', path.join(FIXTURES, 'check', 'broken-anchor')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('modules/01-main/01-first.md:8:32 error Link to #plan goes nowhere: no heading or anchor has that id [broken-anchor]');
  });

  it('the bundled example checks clean, every edition', async () => {
    for (const args of [[], ['--all']]) {
      const r = await cli(['check', '--no-cache', path.join(ROOT, 'curricula/reintegration'), '--strict', ...args]);
      expect(r.stderr).toMatch(/^✔ No problems/);
      expect(r.exitCode).toBe(0);
    }
  });
});
