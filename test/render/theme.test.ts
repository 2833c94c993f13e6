/**
 * Branding per edition (issue 9): `theme:` colours become CSS custom
 * properties, the logo and fonts are inlined as data URIs, an overlay's
 * theme overrides its parent's key by key, and `themeWarnings` reports bad
 * values and colours below WCAG AA contrast.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, resolveTheme, themeWarnings } from '../../src/render/theme.js';
import type { Edition } from '../../src/resolve/edition.js';
import { buildSite } from '../a11y/helpers.js';
import { copyFixture, tempDir } from '../helpers.js';

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123"/></svg>';
const edition = (root: string, theme: Record<string, unknown>) => ({ theme, curriculum: { root } }) as unknown as Pick<Edition, 'theme' | 'curriculum'>;

describe('resolveTheme and themeWarnings', () => {
  let root: string;
  beforeAll(async () => {
    root = path.join(await tempDir(), 'curriculum');
    await mkdir(path.join(root, 'assets/fonts'), { recursive: true });
    await writeFile(path.join(root, 'assets/logo.svg'), LOGO);
    await writeFile(path.join(root, 'assets/fonts/brand.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    await writeFile(path.join(path.dirname(root), 'outside.svg'), LOGO);
    await symlink(path.join(path.dirname(root), 'outside.svg'), path.join(root, 'assets/link.svg'));
  });

  it('turns colours into custom properties, with a readable text colour on primary', () => {
    const t = resolveTheme(edition(root, { primary: '#0B5563', accent: '#a4471c' }));
    expect(t.css).toContain('--tp-primary: #0b5563;');
    expect(t.css).toContain('--tp-on-primary: #ffffff;');
    expect(t.css).toContain('--tp-accent: #a4471c;');
    expect(t.warnings).toEqual([]);
    expect(resolveTheme(edition(root, { primary: '#f5c400' })).css).toContain('--tp-on-primary: #1b1b1b;');
  });

  it('inlines the logo and fonts as data URIs', () => {
    const t = resolveTheme(edition(root, { logo: 'assets/logo.svg', logo_alt: 'Agency', fonts: [{ family: 'Brand Sans', file: 'assets/fonts/brand.woff2', weight: 700 }] }));
    expect(t.logo).toEqual({ src: `data:image/svg+xml;base64,${Buffer.from(LOGO).toString('base64')}`, alt: 'Agency' });
    expect(t.css).toContain(`--tp-logo: url("${t.logo!.src}")`);
    expect(t.css).toMatch(/@font-face \{ font-family: "Brand Sans"; src: url\("data:font\/woff2;base64,d09GMg=="\) format\("woff2"\); font-weight: 700;/);
    expect(t.css).toContain('--tp-font: "Brand Sans", var(--tp-font-fallback);');
    expect(t.css).toContain('--tp-heading-font: "Brand Sans", var(--tp-font-fallback);');
    expect(t.warnings).toEqual([]);
  });

  it('warns below 4.5:1 contrast, and not above', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21);
    expect(contrast('#1f4e79', '#ffffff')).toBeCloseTo(8.66, 1);
    const w = themeWarnings(edition(root, { primary: '#7fb3d5', accent: '#f0a030' }));
    expect(w.map((x) => x.path)).toEqual([['primary'], ['accent']]);
    expect(w[0]!.message).toMatch(/contrast of 2\.\d\d:1 on white, below 4\.5:1/);
    expect(themeWarnings(edition(root, { primary: '#1f4e79', accent: '#b5541c' }))).toEqual([]);
  });

  it('leaves bad values out and says why', () => {
    const t = resolveTheme(edition(root, {
      primary: 'blue', primery: '#000', logo: '../outside.svg', cover_image: 'assets/missing.jpg',
      fonts: [{ family: 'x"; } body { color: red', file: 'assets/fonts/brand.woff2' }, { family: 'Ok' }],
    }));
    const by = Object.fromEntries(t.warnings.map((w) => [w.path.join('.'), w.message]));
    expect(by).toEqual({
      primery: 'Unknown theme key "primery"',
      primary: 'Theme primary "blue" is not a colour',
      'fonts.0.family': expect.stringMatching(/is not a usable name/),
      'fonts.1': 'A theme font needs a file',
      logo: 'Theme file ../outside.svg is outside the curriculum folder',
      cover_image: 'Theme file assets/missing.jpg does not exist',
    });
    expect(t.css).toBe('');
    expect(t.logo).toBeUndefined();
    expect(themeWarnings(edition(root, { accent: null }))[0]!.message).toBe('Theme accent is empty (in YAML an unquoted # starts a comment)');
    expect(themeWarnings(edition(root, { logo: 'assets/link.svg' }))[0]!.message).toBe('Theme file assets/link.svg links outside the curriculum folder');
    expect(themeWarnings(edition(root, { logo: 'assets/fonts/brand.woff2' }))[0]!.message).toBe('Theme file assets/fonts/brand.woff2 has an unsupported type');
  });
});

describe('themes in a build', () => {
  let site: Awaited<ReturnType<typeof buildSite>>;
  const read = (rel: string) => readFile(path.join(site.out, rel), 'utf8');

  beforeAll(async () => {
    const dir = await copyFixture('full');
    await mkdir(path.join(dir, 'overlays/xx'), { recursive: true });
    await writeFile(path.join(dir, 'assets/logo.svg'), LOGO);
    const yml = await readFile(path.join(dir, 'curriculum.yml'), 'utf8');
    await writeFile(path.join(dir, 'curriculum.yml'), `${yml}theme:\n  primary: "#0b5563"\n  accent: "#a4471c"\n  logo: assets/logo.svg\n`);
    await writeFile(path.join(dir, 'overlays/xx/overlay.yml'), 'id: xx\ntitle: Edition XX\nlanguage: en\ntheme:\n  primary: "#7a2e0e"\n');
    site = await buildSite(dir, { all: true });
  });
  afterAll(() => site.cleanup());

  it('applies the theme to every page as CSS custom properties after the built-in stylesheet', async () => {
    for (const rel of ['index.html', 'facilitator-guide.html', 'participant-handout.html', 'slides/alpha.html']) {
      const html = await read(`base/${rel}`);
      const vars = html.indexOf('--tp-primary: #0b5563;');
      expect(vars, rel).toBeGreaterThan(html.indexOf('--tp-primary: #1f4e79;'));
      expect(html, rel).toContain('--tp-accent: #a4471c;');
    }
  });

  it('shows the logo on covers, inlined', async () => {
    const src = `data:image/svg+xml;base64,${Buffer.from(LOGO).toString('base64')}`;
    expect(await read('base/facilitator-guide.html')).toContain(`<img class="tp-logo" src="${src}" alt="">`);
    const deck = await read('base/slides/alpha.html');
    expect(deck).toContain(`<img class="tp-slide-logo" src="${src}"`);
    expect(deck).toContain('class="tp-deck-page tp-branded"');
  });

  it("lets an overlay's theme override its parent's, key by key", async () => {
    const html = await read('xx/facilitator-guide.html');
    expect(html).toContain('--tp-primary: #7a2e0e;');
    expect(html).not.toContain('--tp-primary: #0b5563;');
    expect(html).toContain('--tp-accent: #a4471c;'); // from the base
    expect(html).toContain('class="tp-logo"');
  });
});
