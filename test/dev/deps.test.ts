/** The dependency map, the request path mapping and the dev page encoding, without a server. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, pagesToRender } from '../../src/dev/deps.js';
import { outputPath } from '../../src/dev/server.js';
import { encodePage, VERSION_SLOT } from '../../src/dev/store.js';
import { prepare, type PreparedEdition } from '../../src/pipeline.js';
import { FIXTURES } from '../helpers.js';

const root = '/c';
const builtin = '/tp/templates';
const kind = (rel: string, event: 'add' | 'change' | 'unlink' = 'change') => classify(event, path.join(root, rel), root, builtin);

describe('classify', () => {
  it('tells units, structure, templates, assets and noise apart', () => {
    expect(kind('modules/01-a/02-b.md').kind).toBe('unit');
    expect(kind('modules/01-a/02-b.md', 'add').kind).toBe('structure');
    expect(kind('modules/01-a/02-b.md', 'unlink').kind).toBe('structure');
    expect(kind('modules/01-a/module.yml').kind).toBe('structure');
    expect(kind('curriculum.yml').kind).toBe('structure');
    expect(kind('overlays/fr/overlay.yml').kind).toBe('structure');
    expect(kind('templates/layouts/guide.hbs').kind).toBe('templates');
    expect(kind('overlays/fr/templates/strings/fr.json')).toMatchObject({ kind: 'templates', overlay: 'fr' });
    expect(kind('overlays/fr/modules/01-a/02-b.md')).toMatchObject({ kind: 'overlay-unit', overlay: 'fr' });
    expect(kind('overlays/fr/modules/01-a/02-b.patch.md')).toMatchObject({ kind: 'overlay-unit', overlay: 'fr' });
    expect(kind('assets/photo.png').kind).toBe('asset');
    expect(kind('modules/01-a/photo.png').kind).toBe('asset');
    for (const noise of ['.git/index', 'modules/01-a/.02-b.md.swp', 'modules/01-a/02-b.md~', 'modules/01-a/4913', '.trainpack-cache/x.json', 'node_modules/x/y.js', 'ABOUT.md'])
      expect(kind(noise).kind, noise).toBe('ignore');
    expect(classify('change', '/elsewhere/x.md', root, builtin).kind).toBe('ignore');
    expect(classify('change', '/tp/templates/css/page.css', root, builtin).kind).toBe('templates');
    expect(classify('change', '/tp/templates/init/curriculum.yml', root, builtin).kind).toBe('ignore');
  });
});

describe('pagesToRender', () => {
  let base: PreparedEdition;
  beforeAll(async () => {
    base = (await prepare({ dir: path.join(FIXTURES, 'full') })).editions[0]!;
  });
  /** A copy of the edition with one unit of module `m` replaced. */
  const withUnit = (m: number, u: number, change: object, parsed?: object): PreparedEdition => {
    const modules = base.edition.modules.map((mod, i) => (i === m ? { ...mod, units: mod.units.map((x, j) => (j === u ? { ...x, ...change } : x)) } : mod));
    const map = new Map(base.parsed);
    const old = base.edition.modules[m]!.units[u]!;
    map.set(modules[m]!.units[u]!, { ...base.parsed.get(old)!, ...parsed });
    return { ...base, edition: { ...base.edition, modules }, parsed: map };
  };

  it('is everything for the first build or a new frame', () => {
    expect(pagesToRender(undefined, base)).toBe('all');
    expect(pagesToRender(base, { ...base, strings: { ...base.strings } })).toBe('all');
    expect(pagesToRender(base, { ...base, edition: { ...base.edition, vars: { hotline: 'x' } } })).toBe('all');
  });

  it('is nothing when nothing changed', () => {
    expect(pagesToRender(base, base)).toEqual(new Set());
    expect(pagesToRender(base, withUnit(1, 0, {}))).toEqual(new Set());
  });

  it('is the guide, the handout, its deck and the index (search text) for a changed body; the index for a changed header', () => {
    expect(pagesToRender(base, withUnit(1, 0, {}, { key: 'new-parse' }))).toEqual(new Set(['facilitator-guide.html', 'participant-handout.html', 'slides/beta.html', 'index.html']));
    expect(pagesToRender(base, withUnit(0, 1, { duration: 5 }))).toEqual(new Set(['facilitator-guide.html', 'participant-handout.html', 'slides/alpha.html', 'index.html']));
  });
});

describe('outputPath', () => {
  it('maps request paths to output paths, and nothing else', () => {
    expect(outputPath('/')).toBe('index.html');
    expect(outputPath('/?x=1')).toBe('index.html');
    expect(outputPath('/slides/alpha.html#3')).toBe('slides/alpha.html');
    expect(outputPath('/assets/a%20b.pdf')).toBe('assets/a b.pdf');
    for (const bad of ['/../x', '/%2e%2e/x', '/..%2fx', '/a/./b', '/a//b', '/slides/', '/a%5cb', '/%00', '/%e0%a4%a', 'x', 'http://h/x'])
      expect(outputPath(bad), bad).toBeUndefined();
  });
});

describe('encodePage', () => {
  it('allows the reload channel in the CSP and stamps the version, leaving the rest byte for byte', () => {
    const html = `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head><body>é<script data-tp-version="${VERSION_SLOT}"></script></body></html>`;
    const out = encodePage(html, 7).toString('utf8');
    expect(out).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; connect-src 'self'"`);
    expect(out).toContain('data-tp-version="7"');
    expect(out.replace("; connect-src 'self'", '').replace('"7"', `"${VERSION_SLOT}"`)).toBe(html);
    expect(encodePage('<p>no head</p>', 1).toString()).toBe('<p>no head</p>');
  });
});
