/** Schedules that follow the course's plan (issue 21): module starts/minutes, the agenda, `trainpack schedule`. */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, cli, copyFixture, readDom, tempDir } from '../helpers.js';

interface Row {
  session: boolean;
  time: string;
  title: string;
}

/** The agenda of a page: per day, its rows (session headings and units; breaks left out). */
function agendaRows(document: Document): Row[][] {
  return [...document.querySelectorAll('.tp-agenda-day')].map((day) =>
    [...day.querySelectorAll('tbody tr')]
      .filter((tr) => !tr.classList.contains('tp-agenda-break'))
      .map((tr) => {
        const session = tr.classList.contains('tp-agenda-session');
        const cells = tr.querySelectorAll(session ? 'th' : 'td');
        const title = session ? cells[1]!.querySelector('bdi')!.textContent! : cells[1]!.textContent!.trim();
        return { session, time: cells[0]!.textContent!.trim(), title };
      }),
  );
}

describe('schedule: the plan in the source', () => {
  let dir: string;
  let out: string;
  let build: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = await copyFixture('schedule');
    out = await tempDir();
    build = await cli(['build', dir, '--out', out, '--all']);
  });

  it('gets exactly its planned days, each session starting where planned', async () => {
    expect(build.exitCode, build.stderr).toBe(0);
    const { document } = await readDom(path.join(out, 'base/index.html'));
    const days = agendaRows(document);
    expect(days.map((d) => d.filter((r) => r.session).map((r) => `${r.time} ${r.title}`))).toEqual([
      ['09:00–12:15 Basics', '13:30–16:45 Practice'],
      // Tools opens day 2 (starts: day); Wrap-up starts after lunch (starts: break), not at 11:45.
      ['09:00–11:45 Tools', '13:30–15:00 Wrap-up'],
    ]);
    // The first unit after the session heading starts with it; the lunch row stands before it.
    const day1 = document.querySelectorAll('.tp-agenda-day')[0]!;
    const rows = [...day1.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()).join(' '));
    const lunch = rows.findIndex((r) => r.includes('Lunch'));
    expect(rows[lunch]).toMatch(/^12:30–13:30 Lunch/);
    expect(rows[lunch + 1]).toMatch(/^13:30–16:45 Practice/);
    expect(rows[lunch + 2]).toMatch(/^13:30–15:00 Unit D/);
    // The guide carries the same agenda.
    const guide = await readDom(path.join(out, 'base/facilitator-guide.html'));
    expect(agendaRows(guide.document)).toEqual(days);
  });

  it('marks a session over its slot, and totals each day', async () => {
    const { document } = await readDom(path.join(out, 'base/index.html'));
    const tools = [...document.querySelectorAll('.tp-agenda-session')].find((tr) => tr.textContent!.includes('Tools'))!;
    expect(tools.querySelector('.tp-agenda-plan')!.textContent).toBe('Planned 120 min, needs 150 min');
    expect(tools.querySelector('.tp-agenda-overrun')!.textContent).toBe('30 min over its planned slot');
    expect([...document.querySelectorAll('.tp-agenda-total')].map((e) => e.textContent)).toEqual(['Teaching time: 360 min', 'Teaching time: 240 min']);
  });

  it('an overrun slot warns at its module.yml position, with the amount', async () => {
    expect(build.stderr).toMatch(/modules\/03-tools\/module\.yml:3:1 warning Module "tools" needs 150 min, 30 min more than its planned slot of 120 min \[module-overrun\]/);
    const r = await cli(['check', dir, '--strict']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/module\.yml:3:1 warning .*\[module-overrun\]/);
  });

  it('an overlay moves a module to another day (its own module.yml)', async () => {
    const { document } = await readDom(path.join(out, 'short/index.html'));
    expect(agendaRows(document).map((d) => d.filter((r) => r.session).map((r) => `${r.time} ${r.title}`))).toEqual([
      ['09:00–12:15 Basics'],
      ['09:00–12:15 Practice'],
      ['09:00–11:45 Tools', '13:30–15:00 Wrap-up'],
    ]);
  });

  it('a translated module.yml keeps the plan of the layer below; breaks follow the overlay\'s workshop:', async () => {
    const r = await cli(['schedule', dir, '--overlay', 'fr', '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const wrap = report.days[1].sessions[1];
    expect(wrap).toMatchObject({ module: 'wrapup', title: 'Bilan', starts: 'break', slot: 90, start: '13:30' });
    // A break without a label is named in the edition's language.
    expect(report.days[0].breaks.map((b: { title: string }) => b.title)).toEqual(['Pause café', 'Pause', 'Pause thé']);
  });

  it('schedule --format json matches the agenda of the pages', async () => {
    for (const edition of ['base', 'short']) {
      const r = await cli(['schedule', dir, '--format', 'json', ...(edition === 'base' ? [] : ['--overlay', edition])]);
      expect(r.exitCode, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      const { document } = await readDom(path.join(out, edition, 'index.html'));
      const fromJson = report.days.map((d: { sessions: { title: string; start: string; end: string; units: { title: string; start: string; end: string }[] }[] }) =>
        d.sessions.flatMap((s) => [{ session: true, time: `${s.start}–${s.end}`, title: s.title }, ...s.units.map((u) => ({ session: false, time: `${u.start}–${u.end}`, title: u.title }))]),
      );
      expect(fromJson).toEqual(agendaRows(document));
      expect(report.edition).toBe(edition);
    }
    const base = JSON.parse((await cli(['schedule', dir, '--format', 'json'])).stdout);
    expect(base.days[1].sessions[0]).toMatchObject({ module: 'tools', starts: 'day', slot: 120, needed: 150, overrun: 30 });
    expect(base.problems).toEqual([{ module: 'tools', message: 'Module "tools" needs 150 min, 30 min more than its planned slot of 120 min', file: 'modules/03-tools/module.yml', line: 3, column: 1 }]);
    expect(base.teaching).toBe(600);
  });

  it('schedule prints text and Markdown; --strict fails on an overrun', async () => {
    const text = await cli(['schedule', dir]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('Day 2, 09:00–15:00: 4 h of teaching');
    expect(text.stdout).toMatch(/09:00–11:45 {2}Tools \[tools\] {2}150 of 120 min, 30 min over/);
    const md = await cli(['schedule', dir, '--format', 'markdown']);
    expect(md.stdout).toContain('| 13:30–15:00 | Wrap-up | 90 of 90 min |');
    expect(md.stderr).toMatch(/module\.yml:3:1 warning/);
    expect((await cli(['schedule', dir, '--strict'])).exitCode).toBe(1);
  });
});

describe('schedule: bad plans', () => {
  it.each([
    ['starts: weekly', /module\.yml:2:9 error .*expected "day" \(a new workshop day\) or "break"/],
    ['minutes: -5', /module\.yml:2:10 error .*expected the planned minutes as a whole number greater than 0/],
    ['minutes: 1.5', /module\.yml:2:10 error .*expected the planned minutes as a whole number greater than 0/],
  ])('%s is an error at its position', async (line, message) => {
    const dir = await copyFixture('schedule');
    await writeFile(path.join(dir, 'modules/02-practice/module.yml'), `title: Practice\n${line}\n`);
    const r = await cli(['build', dir, '--out', await tempDir()]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('a module that must start after a break but has none left warns with its position, never a silent reflow', async () => {
    const dir = await copyFixture('schedule');
    // Practice ends at 16:45 after the tea break: Tools, asked to start after a break, has none left on day 1.
    await writeFile(path.join(dir, 'modules/03-tools/module.yml'), 'title: Tools\nminutes: 150\nstarts: break\n');
    const r = await cli(['check', dir]);
    expect(r.stderr).toMatch(/modules\/03-tools\/module\.yml:3:1 warning Module "tools" should start after a break, but day 1 has no break left after 16:45: it starts day 2 \[module-start\]/);
  });
});

describe('schedule: the CI workflow step', () => {
  it('posts the sessions whose time changed between two commits', async () => {
    const repo = await copyFixture('schedule');
    const git = (...args: string[]) => execa('git', args, { cwd: repo, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-qm', 'base');
    const base = (await git('rev-parse', 'HEAD')).stdout.trim();
    // The pull request: Unit B grows by 30 minutes, so Basics and everything after it on day 1 move.
    const unit = path.join(repo, 'modules/01-basics/02-b.md');
    await writeFile(unit, (await readFile(unit, 'utf8')).replace('duration: 60', 'duration: 90'));
    await git('commit', '-qam', 'longer unit B');

    // The step as the workflow file writes it, run by bash with `trainpack` on the PATH.
    const workflow = parseYaml(await readFile(path.join(ROOT, 'docs/ci/github-actions.yml'), 'utf8'));
    const step = workflow.jobs.schedule.steps.find((s: { name?: string }) => s.name === 'Schedule against the base branch');
    expect(step.env.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    const bin = await tempDir();
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'trainpack'), `#!/bin/sh\nexec node ${JSON.stringify(BIN)} "$@"\n`);
    await chmod(path.join(bin, 'trainpack'), 0o755);
    const runnerTemp = await tempDir();
    const r = await execa('bash', ['-eo', 'pipefail', '-c', step.run], { cwd: repo, reject: false, env: { BASE_SHA: base, RUNNER_TEMP: runnerTemp, PATH: `${bin}:${process.env.PATH}` } });
    expect(r.exitCode, r.stderr).toBe(0);
    const md = await readFile(path.join(repo, 'schedule.md'), 'utf8');
    expect(md).toContain('**2 sessions changed**');
    expect(md).toContain('| Basics | day 1, 09:00–12:15 | day 1, 09:00–12:45 (needs 180 → 210 min) |');
    expect(md).toContain('| Practice | day 1, 13:30–16:45 | day 1, 13:45–17:00 |');
    // Day 2 did not move, so its sessions are not among the changes (the full schedule follows them).
    const changes = md.slice(0, md.indexOf('**Day 1'));
    expect(changes).toContain('| Practice |');
    expect(changes).not.toMatch(/\| (Tools|Wrap-up) \|/);
    expect(md).toContain('| 09:00–11:45 | Tools | 150 of 120 min, 30 min over ⚠️ |');
  });
});
