/**
 * Safe serving: only files of the output, from memory, with their types;
 * no traversal (plain or encoded), no listing, no source file; loopback
 * host names only. Linked files are served from their source, and a changed
 * image re-parses only the unit that shows it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../src/dev/index.js';
import { copyFixture } from '../helpers.js';
import { page, rawGet, rebuild } from './helpers.js';

let dir: string;
let server: DevServer;

beforeAll(async () => {
  dir = await copyFixture('dev-assets');
  server = await startDev({ dir, port: 0 });
});
afterAll(async () => server?.close());

describe('trainpack dev: serving', () => {
  it('serves / as the index, HTML as UTF-8, without caching', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<title>Dev assets fixture</title>');
    expect(html).toBe(await page(server.url, 'index.html'));
    // The em dash of the guide's title arrives intact.
    expect(await page(server.url, 'facilitator-guide.html')).toContain('Dev assets fixture — ');
  });

  it('serves decks and linked files with their types', async () => {
    const deck = await fetch(`${server.url}slides/only.html`);
    expect(deck.status).toBe(200);
    expect(await deck.text()).toContain('PLAIN-SLIDE-POINT');
    const form = await fetch(`${server.url}assets/form.txt`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await form.text()).toContain('FORM-TEXT');
  });

  it.each([
    '/../curriculum.yml',
    '/%2e%2e/curriculum.yml',
    '/..%2fcurriculum.yml',
    '/%2E%2E%2Fcurriculum.yml',
    '/slides/../../curriculum.yml',
    '/slides/%2e%2e/%2e%2e/curriculum.yml',
    '/assets/..%5c..%5ccurriculum.yml',
    '/curriculum.yml',
    '/modules/01-only/01-pictures.md',
    '/assets/square.svg',
    '/slides/',
    '/slides',
    '//etc/passwd',
    '/%00',
    '/%zz',
    '/.trainpack-output',
  ])('answers 404 to %s', async (p) => {
    const res = await rawGet(server.port, p);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('id: dev-assets');
    expect(res.body).not.toContain('<li');
  });

  it('refuses other methods and foreign host names', async () => {
    expect((await rawGet(server.port, '/', {}, 'POST')).status).toBe(405);
    expect((await rawGet(server.port, '/', { Host: 'evil.example:4000' })).status).toBe(403);
    expect((await rawGet(server.port, '/', { Host: `localhost:${server.port}` })).status).toBe(200);
    const head = await rawGet(server.port, '/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
  });

  it('re-parses only the unit that shows a changed image', async () => {
    const svg = path.join(dir, 'assets/square.svg');
    const report = await rebuild(server, async () => writeFile(svg, (await readFile(svg, 'utf8')).replace('fill="red"', 'fill="blue"')));
    expect(report.ok).toBe(true);
    expect(report.parsed).toBe(1);
    // No page is open here: they render when requested.
    expect(report.pages.sort()).toEqual(['facilitator-guide.html', 'index.html', 'participant-handout.html', 'slides/only.html']);
    const inlined = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(await page(server.url, 'participant-handout.html'))![1]!;
    expect(Buffer.from(inlined, 'base64').toString()).toContain('fill="blue"');
  });

  it('ignores files no unit reads', async () => {
    const settled = server.nextBuild(600).then(() => 'rebuilt', () => 'no rebuild');
    await writeFile(path.join(dir, 'assets/unused.txt'), 'nobody links this\n');
    await writeFile(path.join(dir, 'NOTES.md'), '# not a unit\n');
    expect(await settled).toBe('no rebuild');
  });
});
