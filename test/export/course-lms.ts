/**
 * A stand-in learning platform for the course tests (issue 19): a page whose
 * window provides `window.API` from scorm-again's SCORM 1.2 run-time (a
 * maintained implementation, dev dependency) and loads a package's launch
 * page in a frame. Nothing is served over the network: every request of the
 * page goes through puppeteer's request interception, answered from the
 * unzipped package under `http://lms.test/`; anything else is recorded and
 * refused, so a test can assert that the package asks for nothing outside.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import mime from 'mime-types';

export const ORIGIN = 'http://lms.test';
const SCORM12 = readFileSync(createRequire(import.meta.url).resolve('scorm-again/scorm12/min'), 'utf8');

/** The platform page: the API on its window, the SCO in a frame. `init` seeds the run-time (a later attempt). */
function lmsPage(launch: string | undefined): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="/lms/scorm12.min.js"></script>
<script>
window.API = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
window.commits = 0;
window.API.on('LMSCommit', function () { window.commits++; });
window.finished = false;
window.API.on('LMSFinish', function () { window.finished = true; });
if (window.__init) window.API.loadFromJSON(window.__init);
</script></head><body style="margin:0">
${launch === undefined ? '' : `<iframe id="sco" title="course" src="/pkg/${launch}" style="border:0;width:100%;height:100vh"></iframe>`}
</body></html>`;
}

/** Unzipped package files -> a folder (for file:// opening and for the platform). */
export async function unpack(files: Map<string, Buffer>, dir: string): Promise<void> {
  for (const [name, data] of files) {
    const file = path.join(dir, ...name.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  }
}

export interface Lms {
  page: Page;
  /** Every URL the page asked for outside the package and the platform's own two files. */
  outside: string[];
  /** Every URL asked for. */
  requests: string[];
  sco(): Promise<Frame>;
  /** The run-time's data model as JSON (cmi.core.*, cmi.suspend_data…). */
  cmi(): Promise<Cmi>;
}

export interface Cmi {
  suspend_data: string;
  core: { lesson_location: string; lesson_status: string; exit: string; session_time: string; entry: string; score: { raw: string; min: string; max: string } };
}

/**
 * Answer every request of `page` from the platform's two files and the
 * unzipped package under ORIGIN; anything else is recorded and refused.
 */
export async function serve(page: Page, pkgDir: string, launch: string | undefined): Promise<{ outside: string[]; requests: string[] }> {
  const outside: string[] = [];
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    requests.push(url);
    if (url.startsWith('data:')) return void req.continue();
    const u = new URL(url);
    if (u.origin !== ORIGIN) {
      outside.push(url);
      return void req.abort();
    }
    if (u.pathname === '/lms.html') return void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: lmsPage(launch) });
    if (u.pathname === '/lms/scorm12.min.js') return void req.respond({ status: 200, contentType: 'text/javascript', body: SCORM12 });
    if (u.pathname.startsWith('/pkg/')) {
      const rel = decodeURIComponent(u.pathname.slice(5));
      try {
        const body = readFileSync(path.join(pkgDir, ...rel.split('/')));
        return void req.respond({ status: 200, contentType: mime.lookup(rel) || 'application/octet-stream', body });
      } catch {
        return void req.respond({ status: 404, body: 'not found' });
      }
    }
    outside.push(url);
    req.abort();
  });
  return { outside, requests };
}

/**
 * Open the platform with the package in `pkgDir` launching `launch` (the
 * SCO's href), optionally seeded with a previous attempt's data; with
 * `frame: false` the platform page has no frame (the SCO opens elsewhere).
 */
export async function openLms(browser: Browser, pkgDir: string, launch: string, o: { init?: object; width?: number; height?: number; frame?: boolean } = {}): Promise<Lms> {
  const page = await browser.newPage();
  await page.setViewport({ width: o.width ?? 1280, height: o.height ?? 800 });
  const { outside, requests } = await serve(page, pkgDir, o.frame === false ? undefined : launch);
  if (o.init) await page.evaluateOnNewDocument((init) => { (window as unknown as { __init: object }).__init = init; }, o.init);
  await page.goto(`${ORIGIN}/lms.html`, { waitUntil: 'load' });
  const sco = async () => {
    const handle = await page.waitForSelector('#sco');
    const frame = await handle!.contentFrame();
    await frame!.waitForFunction(() => 'trainpackCourse' in window);
    return frame!;
  };
  if (o.frame !== false) await sco();
  return {
    page,
    outside,
    requests,
    sco,
    cmi: () => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { API: { cmi: unknown } }).API.cmi)) as Cmi),
  };
}
