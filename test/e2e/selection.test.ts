/** Workshop selection and dated agendas (issue 7, parts 1 and 2). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture, readDom, tempDir } from '../helpers.js';

describe('selection and agenda', () => {
  it('--modules and --units choose what every output covers', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    const r = await cli(['build', dir, '--out', out, '--modules', 'beta', '--units', 'first']);
    expect(r.exitCode, r.stderr).toBe(0);
    const { document } = await readDom(path.join(out, 'base/facilitator-guide.html'));
    expect([...document.querySelectorAll('article.tp-unit')].map((a) => a.id)).toEqual(['unit-first', 'unit-roles', 'unit-quiz', 'unit-selfcheck']);
    const agenda = [...document.querySelectorAll('.tp-agenda a')].map((a) => a.getAttribute('href'));
    expect(agenda).not.toContain('#unit-second');
    // The link to the unit left out becomes plain text, with a warning.
    expect(document.querySelector('#unit-first a[href="#unit-second"]')).toBeNull();
    expect(r.stderr).toMatch(/01-first\.md:\d+:\d+ warning "02-second\.md" links to a unit this edition or selection leaves out/);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(out, 'base/slides'))).toEqual(['alpha.html', 'beta.html']);
  });

  it('an unknown id in a selection is an error', async () => {
    const r = await cli(['build', await copyFixture('full'), '--out', await tempDir(), '--units', 'nope']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/--units: no unit "nope"/);
  });

  it('--start dates the days in the edition language; --days warns when the agenda is longer', async () => {
    const dir = await copyFixture('overlays');
    const out = await tempDir();
    const r = await cli(['build', dir, '--out', out, '--overlay', 'fr', '--start', '2026-05-04', '--days', '1']);
    expect(r.exitCode, r.stderr).toBe(0);
    const { document } = await readDom(path.join(out, 'fr/index.html'));
    expect(document.querySelector('.tp-agenda-day h3')!.textContent).toBe('Jour 1 — lundi 4 mai 2026');
    expect(document.querySelector('.tp-time')!.textContent).toBe('09:00–09:30');
    const full = await cli(['build', await copyFixture('full'), '--out', await tempDir(), '--days', '1']);
    expect(full.exitCode).toBe(0);
    expect(full.stderr).toMatch(/warning Edition base: the selected units need 2 days, more than the 1 asked for \[agenda-overflow\]/);
    const bad = await cli(['build', dir, '--out', out, '--start', '4 May']);
    // A malformed option is a usage error (exit 2, README "Exit codes").
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/expected a date as YYYY-MM-DD/);
  });
});
