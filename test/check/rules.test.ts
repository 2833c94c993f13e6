/**
 * `trainpack check` rules (issue 6): one fixture folder per rule under
 * test/fixtures/check/<rule>/, each asserting the exact place, rule id and
 * severity of everything reported, and a fixture with many problems that
 * must all come out of one run.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, runChecks } from '../../src/check/index.js';
import { prepare } from '../../src/pipeline.js';
import { formatDiagnostic, RULES } from '../../src/errors.js';
import { FIXTURES } from '../helpers.js';
import en from '../../templates/strings/en.json' with { type: 'json' };

const dirOf = (name: string) => path.join(FIXTURES, 'check', name);

/** `file:line:col severity [rule]`, without the wording, which may improve. */
async function report(name: string, all = true): Promise<string[]> {
  const r = await check({ dir: dirOf(name), all, persistentCache: false });
  return r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} [${d.rule}]`);
}

describe('check rules, one fixture each', () => {
  it.each([
    ['too-few-roles', ['modules/01-main/01-interview.md:9:1 error [too-few-roles]', 'modules/01-main/02-silent.md:3:1 error [too-few-roles]']],
    ['empty-unit', ['modules/01-main/02-blank.md:1:1 error [empty-unit]']],
    ['untitled-slide', ['modules/01-main/01-deck.md:13:1 error [untitled-slide]']],
    ['missing-solution', ['modules/01-main/01-mapping.md:3:1 warning [missing-solution]']],
    ['broken-anchor', ['modules/01-main/01-first.md:8:32 error [broken-anchor]', 'modules/01-main/01-first.md:9:34 error [broken-anchor]', 'modules/01-main/01-first.md:10:5 error [broken-anchor]']],
    ['missing-alt', ['modules/01-main/01-pictures.md:8:1 warning [missing-alt]', 'modules/01-main/01-pictures.md:10:1 warning [missing-alt]']],
    ['unused-var', ['curriculum.yml:5:3 warning [unused-var]', 'overlays/sn/overlay.yml:4:3 warning [unused-var]']],
    ['stale-overlay', ['overlays/xx/modules/01-main/01-intro.md:4:1 warning [stale-overlay]']],
    ['unrecorded-overlay', ['overlays/xx/modules/01-main/01-intro.md:1:1 warning [unrecorded-overlay]']],
    ['orphaned-overlay', ['overlays/xx/modules/01-main/02-removed.md:4:1 error [orphaned-overlay]']],
    ['missing-strings', ['templates/strings/de.json:1:1 warning [missing-strings]']],
    ['unit-too-long', ['modules/01-main/01-marathon.md:3:1 error [unit-too-long]', 'overlays/long/modules/01-main/02-short.patch.md:3:1 error [unit-too-long]']],
    ['agenda-overflow', ['curriculum.yml:6:3 warning [agenda-overflow]']],
    ['exercise-overrun', ['modules/01-main/01-practice.md:12:1 warning [exercise-overrun]']],
    ['theme', ['curriculum.yml:4:3 warning [theme]', 'curriculum.yml:5:3 warning [theme]']],
  ])('%s', async (name, expected) => {
    expect(await report(name)).toEqual(expected);
  });

  it('every rule has a hint in the catalogue, and every diagnostic carries one', async () => {
    const r = await check({ dir: dirOf('many'), all: true, persistentCache: false });
    for (const d of r.diagnostics) {
      expect(d.rule in RULES).toBe(true);
      expect(d.hint).toBeTruthy();
    }
  });
});

describe('check messages', () => {
  async function messages(name: string, all = true): Promise<string[]> {
    return (await check({ dir: dirOf(name), all, persistentCache: false })).diagnostics.map(formatDiagnostic);
  }

  it('say what is wrong in one line', async () => {
    expect(await messages('too-few-roles')).toEqual([
      'modules/01-main/01-interview.md:9:1 error Role-play "interview" has only one `:::role` block; a role-play needs at least two roles [too-few-roles]',
      'modules/01-main/02-silent.md:3:1 error Role-play "silent" has no `:::role` block; a role-play needs at least two roles [too-few-roles]',
    ]);
    expect(await messages('broken-anchor', false)).toEqual([
      'modules/01-main/01-first.md:8:32 error Link to #plan goes nowhere: no heading or anchor has that id [broken-anchor]',
      'modules/01-main/01-first.md:10:5 error Link to #summary in unit "second" goes nowhere: no heading or anchor has that id [broken-anchor]',
    ]);
    expect(await messages('missing-alt')).toEqual([
      'modules/01-main/01-pictures.md:8:1 warning Image ../../assets/box.svg has no alt text [missing-alt]',
      'modules/01-main/01-pictures.md:10:1 warning Image ../../assets/box.svg has no alt text [missing-alt]',
    ]);
    expect(await messages('unused-var')).toEqual([
      'curriculum.yml:5:3 warning Variable "office" is defined but no unit uses it [unused-var]',
      'overlays/sn/overlay.yml:4:3 warning Variable "website" is defined but no unit of edition sn uses it [unused-var]',
    ]);
    expect(await messages('exercise-overrun')).toEqual([
      'modules/01-main/01-practice.md:12:1 warning Exercises in "practice" add up to 55 min (15 + 40), more than the unit\'s duration of 45 min [exercise-overrun]',
    ]);
    expect(await messages('agenda-overflow')).toEqual([
      'curriculum.yml:6:3 warning The agenda needs 2 days (600 min of units), but workshop.days is 1 [agenda-overflow]',
    ]);
    // A day can no longer run past day_end without a unit longer than a day (reported as unit-too-long):
    // units that do not fit move to the next day, and no break opens a day.
    expect(await messages('unit-too-long', false)).toEqual([
      'modules/01-main/01-marathon.md:3:1 error Unit "marathon" lasts 300 min, longer than a whole workshop day (240 min, 09:00–13:00) [unit-too-long]',
    ]);
  });

  it('name the language, the file and every missing UI string key', async () => {
    const [d, ...rest] = (await check({ dir: dirOf('missing-strings'), overlays: ['xx'], persistentCache: false })).diagnostics;
    expect(rest).toEqual([]);
    const missing = Object.keys(en).filter((k) => k !== 'answer_key');
    expect(d!.message).toBe(`UI strings for language "de" lack ${missing.length} keys (English is used in edition xx): ${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`);
    expect(d!.hint).toBe(`Run \`trainpack strings init de\` to write templates/strings/de.json in the curriculum with the English text of the ${missing.length} keys, then translate it; or set keys under \`strings:\` in overlays/xx/overlay.yml.`);
  });

  it('a link broken in one edition only (a translation renamed the heading) names that edition', async () => {
    const r = await check({ dir: dirOf('broken-anchor'), all: true, persistentCache: false });
    expect(r.diagnostics.map(formatDiagnostic)).toContain(
      'modules/01-main/01-first.md:9:34 error Link to #details in unit "second" goes nowhere: no heading or anchor has that id; did you mean #détails? (edition xx) [broken-anchor]',
    );
  });
});

describe('check', () => {
  it('reports every problem of a curriculum in one run', async () => {
    const r = await check({ dir: dirOf('many'), all: true, persistentCache: false });
    expect(r.editions).toEqual(['base', 'xx']);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} [${d.rule}]`)).toEqual([
      'curriculum.yml:5:3 warning [unused-var]',
      'modules/01-basics/01-welcome.md:8:23 error [undefined-var]',
      'modules/01-basics/01-welcome.md:8:43 error [broken-anchor]',
      'modules/01-basics/01-welcome.md:10:1 error [missing-asset]',
      'modules/01-basics/01-welcome.md:10:1 warning [missing-alt]',
      'modules/01-basics/01-welcome.md:12:1 warning [unknown-directive]',
      'modules/01-basics/01-welcome.md:16:1 error [untitled-slide]',
      'modules/01-basics/02-empty.md:1:1 error [empty-unit]',
      'modules/01-basics/03-broken.md:3:11 error [schema]',
      'modules/02-practice/01-roleplay.md:9:1 error [too-few-roles]',
      'modules/02-practice/02-exercise.md:3:1 warning [missing-solution]',
      'modules/02-practice/02-exercise.md:4:1 error [unit-too-long]',
      'modules/02-practice/02-exercise.md:7:1 warning [exercise-overrun]',
      'modules/02-practice/03-quiz.md:7:1 warning [quiz-format]',
      'overlays/xx/modules/01-basics/01-welcome.md:4:1 warning [stale-overlay]',
    ]);
    expect(r.errors).toBe(8);
    expect(r.warnings).toBe(7);
  });

  it('checks the base only by default, an overlay on request', async () => {
    expect((await check({ dir: dirOf('stale-overlay'), persistentCache: false })).diagnostics).toEqual([]);
    expect((await check({ dir: dirOf('stale-overlay'), overlays: ['xx'], persistentCache: false })).diagnostics.map((d) => d.rule)).toEqual(['stale-overlay']);
  });

  it('returns the diagnostics of an unusable curriculum.yml instead of throwing', async () => {
    const r = await check({ dir: path.join(FIXTURES, 'check', 'no-such-folder'), persistentCache: false });
    expect(r.editions).toEqual([]);
    expect(r.errors).toBe(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'curriculum.yml', rule: 'missing-file', severity: 'error' });
  });

  it('runChecks adds the rules to editions prepare() made, as build does', async () => {
    const prepared = await prepare({ dir: dirOf('too-few-roles') });
    expect(prepared.diagnostics.list).toEqual([]);
    await runChecks(prepared, prepared.diagnostics);
    expect(prepared.diagnostics.errors.map((d) => d.rule)).toEqual(['too-few-roles', 'too-few-roles']);
  });

  it('unused-var: a base var used only in a unit an overlay excludes is used; a workshop selection skips overlay vars', async () => {
    const sn = await check({ dir: dirOf('unused-var'), overlays: ['sn'], persistentCache: false });
    expect(sn.diagnostics.map((d) => d.message)).toEqual([
      'Variable "office" is defined but no unit uses it',
      'Variable "website" is defined but no unit of edition sn uses it',
    ]);
    const prepared = await prepare({ dir: dirOf('unused-var'), overlays: ['sn'], units: ['contact'] });
    await runChecks(prepared, prepared.diagnostics, { partial: true });
    expect(prepared.diagnostics.list.map((d) => `${d.file} ${d.message}`)).toEqual(['curriculum.yml Variable "office" is defined but no unit uses it']);
  });

  it('a clean curriculum has nothing to report', async () => {
    const r = await check({ dir: path.join(FIXTURES, 'full'), persistentCache: false });
    expect(r).toMatchObject({ diagnostics: [], errors: 0, warnings: 0, editions: ['base'] });
  });
});
