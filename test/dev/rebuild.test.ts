/**
 * `trainpack dev` in-process on a copy of the `full` fixture: a save is
 * served within a second and announced on the reload channel; only the
 * pages that hold the unit are rendered again; a broken save shows its
 * error while the last good pages stay served; fixing it recovers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../src/dev/index.js';
import { copyFixture } from '../helpers.js';
import { openEvents, page, quiet, rebuild, until } from './helpers.js';

let dir: string;
let server: DevServer;
let lines: string[];
const unit = () => path.join(dir, 'modules/01-alpha/01-first.md');
const edit = async (from: string | RegExp, to: string, file = unit()) => writeFile(file, (await readFile(file, 'utf8')).replace(from, to));

beforeAll(async () => {
  dir = await copyFixture('full');
  lines = [];
  server = await startDev({ dir, port: 0, log: (l) => lines.push(l) });
});
afterAll(async () => server?.close());

describe('trainpack dev: rebuild on save', () => {
  it('serves the edition from memory on 127.0.0.1, with the reload script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.initial.ok).toBe(true);
    const index = await page(server.url);
    expect(index).toContain('Full fixture curriculum');
    expect(index).toContain('/__trainpack/events');
    expect(index).toMatch(/data-tp-version="\d+"/);
    expect(index).toContain("connect-src 'self'");
    expect(lines[0]).toMatch(/initial build -> 5 pages/);
  });

  it('serves a saved unit within a second, re-parsing that unit and re-rendering only its pages', async () => {
    // Every page open, so every page renders at once and only the changed ones are announced.
    const others = await Promise.all(['index.html', 'participant-handout.html', 'slides/alpha.html', 'slides/beta.html'].map((p) => openEvents(server.url, p)));
    const events = await openEvents(server.url, 'facilitator-guide.html');
    await events.next('hello');
    await quiet(server);
    const started = Date.now();
    const build = server.nextBuild();
    await edit('Shared body text for everyone.', 'EDITED-IN-DEV body text.');
    await until(async () => (await page(server.url, 'facilitator-guide.html')).includes('EDITED-IN-DEV'), 1000, 'new text served');
    expect(Date.now() - started).toBeLessThan(1000);
    const report = await build;
    expect(report.ok).toBe(true);
    expect(report.parsed).toBe(1);
    expect(report.deferred).toBe(0);
    // The deck was rendered too, but the edit is not on a slide: unchanged pages are not announced.
    expect(report.pages.sort()).toEqual(['facilitator-guide.html', 'index.html', 'participant-handout.html']);
    const reload = await events.next<{ pages: string[]; version: number }>('reload');
    expect(reload.pages).toContain('facilitator-guide.html');
    expect(reload.pages).not.toContain('slides/beta.html');
    expect(await page(server.url, 'participant-handout.html')).toContain('EDITED-IN-DEV');
    expect(lines.at(-1)).toMatch(/modules\/01-alpha\/01-first\.md -> 3 pages .* in \d+ ms, 1 unit parsed/);
    events.close();
    for (const e of others) e.close();
  });

  it('renders pages no browser has open when they are requested', async () => {
    await until(async () => server.clients === 0, 1000, 'streams closed');
    const report = await rebuild(server, () => edit('EDITED-IN-DEV body text.', 'DEFERRED-EDIT body text.'));
    expect(report.deferred).toBe(4);
    expect(report.pages.sort()).toEqual(['facilitator-guide.html', 'index.html', 'participant-handout.html', 'slides/alpha.html']);
    expect(lines.at(-1)).toMatch(/4 rendered when opened/);
    expect(await page(server.url, 'participant-handout.html')).toContain('DEFERRED-EDIT');
    expect(await page(server.url, 'facilitator-guide.html')).toContain('DEFERRED-EDIT');
    await rebuild(server, () => edit('DEFERRED-EDIT body text.', 'EDITED-IN-DEV body text.'));
  });

  it('re-renders the index too when a title changes (agenda and contents)', async () => {
    const report = await rebuild(server, () => edit('title: First session', 'title: Renamed session'));
    expect(report.pages).toContain('index.html');
    expect(await page(server.url)).toContain('Renamed session');
  });

  it('shows a broken save as an error overlay, keeps the last good pages, and recovers', async () => {
    const before = await page(server.url, 'facilitator-guide.html');
    const version = /data-tp-version="(\d+)"/.exec(before)![1]!;
    const events = await openEvents(server.url, 'facilitator-guide.html', version);
    await events.next('hello');
    const report = await rebuild(server, () => edit('EDITED-IN-DEV body text.', 'BROKEN :var[no_such_var] text.'));
    expect(report.ok).toBe(false);
    const problems = await events.next<{ diagnostics: { file: string; line: number; column: number; message: string }[] }>('problems');
    expect(problems.diagnostics[0]).toMatchObject({ file: 'modules/01-alpha/01-first.md', line: 10, column: 8 });
    expect(problems.diagnostics[0]!.message).toMatch(/no_such_var/);
    expect(lines.some((l) => /✖ modules\/01-alpha\/01-first\.md: 1 error/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('modules/01-alpha/01-first.md:10:8 error'))).toBe(true);
    // The server is up and the last good page is served unchanged.
    expect(await page(server.url, 'facilitator-guide.html')).toBe(before);
    // A page that connects now sees the error at once.
    const late = await openEvents(server.url, 'index.html');
    expect((await late.next<{ diagnostics: unknown[] }>('problems')).diagnostics).toHaveLength(1);
    late.close();

    expect((await rebuild(server, () => edit('BROKEN :var[no_such_var] text.', 'FIXED-AGAIN text.'))).ok).toBe(true);
    await events.next('clear');
    expect((await events.next<{ pages: string[] }>('reload')).pages).toContain('facilitator-guide.html');
    expect(await page(server.url, 'facilitator-guide.html')).toContain('FIXED-AGAIN');
    events.close();
  });

  it('keeps serving through invalid front matter, and the error names the line', async () => {
    const report = await rebuild(server, () => edit('duration: 60', 'duration: -5'));
    expect(report.ok).toBe(false);
    expect(report.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'modules/01-alpha/01-first.md', line: 4 });
    expect(await page(server.url, 'facilitator-guide.html')).toContain('FIXED-AGAIN');
    expect((await rebuild(server, () => edit('duration: -5', 'duration: 60'))).ok).toBe(true);
  });

  it('tells a page that loaded an older version to reload as soon as it connects', async () => {
    const events = await openEvents(server.url, 'facilitator-guide.html', '1');
    expect((await events.next<{ pages: string[] }>('reload')).pages).toEqual(['facilitator-guide.html']);
    events.close();
  });

  it('rebuilds every page when curriculum.yml changes, and reports one line per rebuild', async () => {
    const report = await rebuild(server, () => edit('title: Full fixture curriculum', 'title: Retitled curriculum', path.join(dir, 'curriculum.yml')));
    expect(report.ok).toBe(true);
    expect(report.parsed).toBe(0);
    expect(report.pages.sort()).toEqual(['facilitator-guide.html', 'index.html', 'participant-handout.html', 'slides/alpha.html', 'slides/beta.html']);
    expect(await page(server.url)).toContain('Retitled curriculum');
  });

  it('picks up a new unit file', async () => {
    const report = await rebuild(server, () => writeFile(path.join(dir, 'modules/02-beta/04-new.md'), '---\ntitle: Brand new unit\nduration: 10\n---\n\nNEW-UNIT-TEXT\n'));
    expect(report.ok).toBe(true);
    // Only the new unit is parsed: no other unit links to it.
    expect(report.parsed).toBe(1);
    expect(report.pages).toContain('slides/beta.html');
    expect(report.pages).not.toContain('slides/alpha.html');
    expect(await page(server.url, 'participant-handout.html')).toContain('NEW-UNIT-TEXT');
  });

  it('re-parses the units that link to a unit whose id changed, and only those', async () => {
    const report = await rebuild(server, () => edit('title: Second unit comes first', 'id: second-renamed\ntitle: Second unit comes first', path.join(dir, 'modules/01-alpha/02-second.md')));
    expect(report.ok).toBe(true);
    // 02-second itself, and 01-first, which links to it.
    expect(report.parsed).toBe(2);
    expect(await page(server.url, 'facilitator-guide.html')).toContain('href="#unit-second-renamed"');
  });
});
