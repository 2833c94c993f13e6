/**
 * templates/js/reload.js in a DOM (linkedom) with a stand-in EventSource:
 * it reloads only for its own page, shows errors as text (never markup),
 * and clears them. Build output must not carry it.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { copyFixture, ROOT, tempDir } from '../helpers.js';

type Listener = (e: { data: string }) => void;

async function loadScript(pathname: string, version: string) {
  const { window, document } = parseHTML('<!doctype html><html><head></head><body><p>page</p></body></html>');
  const script = document.createElement('script');
  script.setAttribute('data-tp-version', version);
  Object.defineProperty(document, 'currentScript', { value: script });
  const sources: { url: string; listeners: Map<string, Listener>; closed: boolean }[] = [];
  class FakeEventSource {
    listeners = new Map<string, Listener>();
    closed = false;
    constructor(readonly url: string) {
      sources.push(this);
    }
    addEventListener(name: string, fn: Listener) {
      this.listeners.set(name, fn);
    }
    close() {
      this.closed = true;
    }
  }
  let hidden = false;
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  let reloads = 0;
  const location = { pathname, reload: () => reloads++ };
  const code = await readFile(path.join(ROOT, 'templates/js/reload.js'), 'utf8');
  new Function('window', 'document', 'location', 'EventSource', code)({ ...window, EventSource: FakeEventSource }, document, location, FakeEventSource);
  const source = sources[0]!;
  const send = (name: string, data: unknown) => sources.at(-1)!.listeners.get(name)!({ data: JSON.stringify(data) });
  const setHidden = (value: boolean) => {
    hidden = value;
    document.dispatchEvent(new window.Event('visibilitychange'));
  };
  return { document, source, sources, send, setHidden, reloads: () => reloads };
}

describe('reload.js', () => {
  it('connects with its page and version, and reloads only when its page changed', async () => {
    const page = await loadScript('/slides/alpha.html', '3');
    expect(page.source.url).toBe('/__trainpack/events?page=slides%2Falpha.html&v=3');
    page.send('reload', { pages: ['facilitator-guide.html'], version: 4 });
    expect(page.reloads()).toBe(0);
    page.send('reload', { pages: ['slides/alpha.html'], version: 4 });
    expect(page.reloads()).toBe(1);
    expect((await loadScript('/', '1')).source.url).toContain('page=index.html');
  });

  it('shows errors as text over the page, and clears them', async () => {
    const page = await loadScript('/facilitator-guide.html', '2');
    page.send('problems', {
      diagnostics: [{ severity: 'error', rule: 'undefined-var', file: 'modules/01-a/01-b.md', line: 10, column: 8, message: 'Undefined <img src=x onerror=alert(1)>', hint: 'Define it.' }],
    });
    const overlay = page.document.querySelector('.tp-dev-overlay')!;
    expect(overlay.getAttribute('role')).toBe('alert');
    expect(overlay.querySelector('.tp-dev-place')!.textContent).toBe('modules/01-a/01-b.md:10:8');
    expect(overlay.textContent).toContain('Undefined <img src=x onerror=alert(1)> [undefined-var]');
    expect(overlay.querySelector('img')).toBeNull();
    expect(page.document.querySelector('p')!.textContent).toBe('page');
    page.send('clear', {});
    expect(page.document.querySelector('.tp-dev-overlay')).toBeNull();
  });

  it('lets go of the connection while the tab is hidden, and reconnects when shown', async () => {
    const page = await loadScript('/participant-handout.html', '5');
    page.send('problems', { diagnostics: [{ file: 'a.md', message: 'broken' }] });
    page.setHidden(true);
    expect(page.source.closed).toBe(true);
    page.setHidden(false);
    expect(page.sources).toHaveLength(2);
    expect(page.sources[1]!.url).toBe(page.source.url);
    // Fixed meanwhile: the old overlay goes; the server would repeat remaining errors.
    expect(page.document.querySelector('.tp-dev-overlay')).toBeNull();
    page.send('reload', { pages: ['participant-handout.html'], version: 6 });
    expect(page.reloads()).toBe(1);
  });
});

describe('build output', () => {
  it('has no reload script and no dev overlay style', async () => {
    const dir = await copyFixture('full');
    const out = await tempDir();
    await build({ dir, out });
    const base = path.join(out, 'base');
    const files = [...(await readdir(base)).filter((f) => f.endsWith('.html')), ...(await readdir(path.join(base, 'slides'))).map((f) => `slides/${f}`)];
    // index, guide, handout, role cards (the fixture has a role-play) and two decks.
    expect(files.length).toBe(6);
    for (const f of files) {
      const html = await readFile(path.join(base, f), 'utf8');
      expect(html, f).not.toContain('__trainpack');
      expect(html, f).not.toContain('tp-dev-');
      expect(html, f).not.toContain('connect-src');
    }
  });
});
