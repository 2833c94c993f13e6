/**
 * The network guard (src/pdf/guard.ts): the allowlist itself, and a real
 * browser printing a raw HTML page (no CSP, no sanitiser) that tries to
 * frame a file outside its folder and to load a remote image.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { judge, openGuardedPage } from '../../src/pdf/guard.js';
import { launchBrowser } from '../../src/pdf/launch.js';
import { BROWSER, cleanTemps, NEEDS_BROWSER, pageTexts, tempDir } from './helpers.js';

afterAll(cleanTemps);

describe('judge', () => {
  const root = '/out/.staging/base';
  it.each([
    ['data:image/png;base64,AAAA', 'allow'],
    ['blob:file:///1234', 'allow'],
    ['about:blank', 'allow'],
    ['file:///out/.staging/base/facilitator-guide.html', 'allow'],
    ['file:///out/.staging/base/slides/m.html', 'allow'],
    ['file:///out/.staging/base-other/x.html', 'blocked'],
    ['file:///out/.staging/base/../other/x.html', 'blocked'],
    ['file:///out/.staging/base/%2e%2e/other/x.html', 'blocked'],
    ['file:///etc/hostname', 'blocked'],
    ['https://example.com/a.png', 'remote'],
    ['http://127.0.0.1:8080/', 'remote'],
    ['wss://example.com/socket', 'remote'],
    ['chrome://settings', 'blocked'],
    ['javascript:alert(1)', 'blocked'],
  ])('%s -> %s', (url, verdict) => {
    expect(judge(url, root)).toBe(verdict);
  });
});

describe.skipIf(!BROWSER)(`guarded page in a real browser${NEEDS_BROWSER}`, () => {
  it('prints the page, keeps outside files out of the PDF and reports remote requests at once', async () => {
    const top = await tempDir();
    const edition = path.join(top, 'edition');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(edition);
    await writeFile(path.join(top, 'outside.html'), '<p>OUTSIDE-SECRET-TEXT</p>');
    await writeFile(path.join(edition, 'inside.html'), '<p>INSIDE-FRAME-TEXT</p>');
    await writeFile(
      path.join(edition, 'page.html'),
      `<!doctype html><html lang="en"><head><title>raw</title></head><body>
<p>PAGE-TEXT</p>
<img src="https://example.invalid/remote.png" alt="">
<iframe src="file:///etc/hostname" width="400" height="80"></iframe>
<iframe src="${pathToFileURL(path.join(top, 'outside.html')).href}" width="400" height="80"></iframe>
<iframe src="inside.html" width="400" height="80"></iframe>
</body></html>`,
    );
    const remote: string[] = [];
    const blocked: string[] = [];
    const { browser } = await launchBrowser({ path: BROWSER!, source: '--browser' });
    try {
      const guarded = await openGuardedPage(browser);
      guarded.rules = { root: edition, onRemote: (u) => remote.push(u), onBlocked: (u) => blocked.push(u) };
      const started = Date.now();
      await guarded.page.goto(pathToFileURL(path.join(edition, 'page.html')).href, { waitUntil: 'load', timeout: 20_000 });
      await writeFile(path.join(top, 'page.pdf'), await guarded.page.pdf({ format: 'A4', timeout: 20_000 }));
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await browser.close();
    }
    const text = (await pageTexts(path.join(top, 'page.pdf'))).join('\n');
    expect(text).toContain('PAGE-TEXT');
    expect(text).toContain('INSIDE-FRAME-TEXT');
    expect(text).not.toContain('OUTSIDE-SECRET-TEXT');
    const hostname = (await readFile('/etc/hostname', 'utf8').catch(() => '')).trim();
    if (hostname.length >= 4) expect(text).not.toContain(hostname);
    expect(remote).toEqual(['https://example.invalid/remote.png']);
    expect(blocked).toContain('file:///etc/hostname');
    expect(blocked.some((u) => u.endsWith('/outside.html'))).toBe(true);
  });
});
