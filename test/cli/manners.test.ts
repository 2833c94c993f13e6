/** Terminal manners: exit codes, --json on success and failure, a closed pipe, no progress line when piped. */
import { execa } from 'execa';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, cli, copyFixture, tempDir } from '../helpers.js';

/** Run the CLI into a shell pipe (`… | head …`): the CLI's own exit status and stderr. */
async function piped(args: string[], into: string) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // The CLI's stderr goes to a file of its own; the pipeline reports the CLI's exit status.
  const dir = await tempDir();
  const err = path.join(dir, 'stderr.txt');
  const r = await execa('bash', ['-c', `set -o pipefail; node '${BIN}' ${quoted} 2>'${err}' | ${into} >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
  const { readFile } = await import('node:fs/promises');
  return { status: Number(/status=(\d+)/.exec(r.stdout)?.[1]), stderr: await readFile(err, 'utf8') };
}

describe('exit codes', () => {
  it('0 success, 1 curriculum problems, 2 usage errors', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    expect((await cli(['build', dir, '--out', out, '--quiet'])).exitCode).toBe(0);
    expect((await cli(['build', await tempDir(), '--out', out])).exitCode).toBe(1); // no curriculum.yml
    expect((await cli(['check', path.join(FIXTURES, 'check/broken-links')])).exitCode).toBe(1);
    for (const usage of [['biuld'], ['build', '--format', 'docx'], ['build', '--nope'], ['check', '--format', 'xml'], ['pack', dir], ['export', 'quiz', dir, '--format', 'qti'], []]) {
      const r = await cli(usage);
      expect(r.exitCode, usage.join(' ')).toBe(2);
      expect(r.stderr, usage.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect((await cli(['--version'])).exitCode).toBe(0);
    expect((await cli(['--help'])).exitCode).toBe(0);
  });
});

describe('--json', () => {
  it('build: ok true with the editions, then ok false with the diagnostics on failure', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    const ok = await cli(['build', dir, '--out', out, '--json']);
    expect(ok.exitCode, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout);
    expect(result.ok).toBe(true);
    expect(result.editions[0].id).toBe('base');
    const failed = await cli(['build', await tempDir(), '--out', out, '--json']);
    expect(failed.exitCode).toBe(1);
    const json = JSON.parse(failed.stdout);
    expect(json).toMatchObject({ ok: false, exitCode: 1 });
    expect(json.diagnostics[0]).toMatchObject({ rule: 'missing-file', file: 'curriculum.yml', severity: 'error' });
    // People still read the problem on stderr.
    expect(failed.stderr).toMatch(/No curriculum.yml/);
  });

  it('a usage error with --json is a JSON result too', async () => {
    const r = await cli(['build', '.', '--format', 'docx', '--json']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { kind: 'usage' } });
  });

  it('check --json, and the old check --format json still works', async () => {
    const broken = path.join(FIXTURES, 'check/broken-links');
    for (const args of [['--json'], ['--format', 'json']]) {
      const r = await cli(['check', broken, '--no-cache', ...args]);
      expect(r.exitCode).toBe(1);
      const json = JSON.parse(r.stdout);
      expect(json.ok).toBe(false);
      expect(json.errors).toBeGreaterThan(0);
    }
  });

  it('overlay status --json on success and on failure', async () => {
    const dir = await copyFixture('overlays');
    const ok = await cli(['overlay', 'status', '--json', '--dir', dir]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const missing = await cli(['overlay', 'status', 'nope', '--json', '--dir', dir]);
    expect(missing.exitCode).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, exitCode: 1 });
  });

  it('export quiz --json reports the file written, and needs --out', async () => {
    const dir = path.join(FIXTURES, 'full');
    const out = path.join(await tempDir(), 'quiz.xml');
    const ok = await cli(['export', 'quiz', dir, '--format', 'moodle-xml', '--out', out, '--json']);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, format: 'moodle-xml', file: out });
    const noOut = await cli(['export', 'quiz', dir, '--format', 'gift', '--json']);
    expect(noOut.exitCode).toBe(2);
    expect(JSON.parse(noOut.stdout)).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });
});

describe('a closed pipe', () => {
  it('build --json | head ends quietly', async () => {
    const dir = await copyFixture('full');
    for (const head of ['head -c 10', 'head -c 0']) {
      const r = await piped(['build', dir, '--out', await tempDir(), '--json'], head);
      expect(r.stderr, head).toBe('');
      expect(r.status, head).toBe(0);
    }
  });

  it('overlay status | head ends quietly', async () => {
    const dir = await copyFixture('overlays');
    for (const head of ['head -1', 'head -c 0']) {
      const r = await piped(['overlay', 'status', '--dir', dir], head);
      expect(r.stderr, head).not.toMatch(/EPIPE|\n\s+at /);
      expect(r.status, head).toBe(0);
    }
  });
});

describe('progress', () => {
  it('piped stderr gets no progress line, only the summary', async () => {
    const dir = await copyFixture('full');
    const r = await cli(['build', dir, '--out', await tempDir()]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\r|\x1b\[/);
    expect(r.stderr).not.toMatch(/Parsing|Rendering/);
    const quiet = await cli(['build', dir, '--out', await tempDir(), '--quiet']);
    expect(quiet.stderr).toBe('');
  });
});
