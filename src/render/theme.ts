/**
 * Edition branding (issue 9). The `theme:` record of curriculum.yml and of
 * each overlay.yml (merged base < overlays by the resolve stage) becomes a
 * small stylesheet of CSS custom properties and `@font-face` rules, plus the
 * logo and cover image inlined as data URIs, so every page, PDF and deck stays
 * one self-contained file. The design itself lives in templates/css; a theme
 * only fills its variables.
 *
 * Nothing here throws on a bad value: it is left out and reported by
 * `themeWarnings`, so a typo in a colour never stops a build.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Edition } from '../resolve/edition.js';

/** One problem with a theme value; `path` is the key path under `theme:` (`['fonts', 0, 'file']`). */
export interface ThemeWarning {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/** An image to show, inlined. */
export interface ThemeImage {
  src: string;
  alt: string;
}

/** What the templates get: extra CSS after the built-in stylesheet, and the images. */
export interface ResolvedTheme {
  css: string;
  logo?: ThemeImage;
  cover?: ThemeImage;
  warnings: ThemeWarning[];
}

/** Every key `theme:` understands (documented in the README). */
export const THEME_KEYS = ['primary', 'accent', 'logo', 'logo_alt', 'cover_image', 'cover_image_alt', 'fonts', 'font', 'heading_font'] as const;

/** The body text colour of templates/css/page.css (`--tp-ink`): contrast is checked against it. */
export const INK = '#1b1b1b';
/** WCAG 2.x AA for normal text. */
export const AA = 4.5;
// A file is inlined into every page (and the logo into every deck): past this, pages get slow.
const BIG = 1024 * 1024;

const IMAGE = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' } as const;
const FONT = { '.woff2': ['font/woff2', 'woff2'], '.woff': ['font/woff', 'woff'], '.ttf': ['font/ttf', 'truetype'], '.otf': ['font/otf', 'opentype'] } as const;
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// Family names go into CSS strings: letters, digits, spaces and dashes only, so nothing can break out.
const FAMILY = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,62}$/u;

/** Relative luminance of a `#rgb` / `#rrggbb` colour (WCAG 2.x). */
export function luminance(hex: string): number {
  const h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c).slice(1) : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two hex colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour for a surface: white or the ink, whichever reads better. */
export function onColour(surface: string): string {
  return contrast(surface, '#ffffff') >= contrast(surface, INK) ? '#ffffff' : INK;
}

const memo = new Map<string, ResolvedTheme>();

/** Resolve an edition's theme. Memoised on the theme and the files' sizes and dates (the dev server calls it on every rebuild). */
export function resolveTheme(edition: Pick<Edition, 'theme' | 'curriculum'>): ResolvedTheme {
  const theme = edition.theme ?? {};
  const root = edition.curriculum.root;
  const key = JSON.stringify([root, theme, fileStamps(root, theme)]);
  let hit = memo.get(key);
  if (!hit) {
    if (memo.size > 50) memo.clear();
    memo.set(key, (hit = build(theme, root)));
  }
  return hit;
}

/**
 * Everything wrong with an edition's theme: unknown keys, bad colours, files
 * missing or outside the curriculum, files too big to inline, and colours
 * below WCAG AA contrast (4.5:1) where the design puts text on them.
 */
export function themeWarnings(edition: Pick<Edition, 'theme' | 'curriculum'>): ThemeWarning[] {
  return resolveTheme(edition).warnings;
}

function build(theme: Record<string, unknown>, root: string): ResolvedTheme {
  const warnings: ThemeWarning[] = [];
  const warn = (p: (string | number)[], message: string, hint?: string) => warnings.push({ path: p, message, hint });
  for (const k of Object.keys(theme)) {
    if (!(THEME_KEYS as readonly string[]).includes(k)) warn([k], `Unknown theme key "${k}"`, `Known keys: ${THEME_KEYS.join(', ')}.`);
  }
  const vars: string[] = [];
  const primary = colour(theme, 'primary', warn);
  const accent = colour(theme, 'accent', warn);
  if (primary) {
    const on = onColour(primary);
    vars.push(`--tp-primary: ${primary};`, `--tp-on-primary: ${on};`);
    const onWhite = contrast(primary, '#ffffff');
    if (onWhite < AA) warn(['primary'], `Primary colour ${primary} has a contrast of ${onWhite.toFixed(2)}:1 on white, below ${AA}:1: headings and links in it are hard to read`, 'Choose a darker primary colour.');
    const under = contrast(primary, on);
    if (under < AA) warn(['primary'], `Text on the primary colour ${primary} (slide covers) has a contrast of ${under.toFixed(2)}:1, below ${AA}:1`, 'Choose a darker or a lighter primary colour.');
  }
  if (accent) {
    vars.push(`--tp-accent: ${accent};`);
    const onWhite = contrast(accent, '#ffffff');
    if (onWhite < AA) warn(['accent'], `Accent colour ${accent} has a contrast of ${onWhite.toFixed(2)}:1 on white, below ${AA}:1: labels and kickers in it are hard to read`, 'Choose a darker accent colour.');
  }
  const faces: string[] = [];
  const families = fonts(theme, root, warn, faces);
  for (const [k, v] of [['font', '--tp-font'], ['heading_font', '--tp-heading-font']] as const) {
    const name = theme[k] === undefined ? families[0] : family(theme[k], [k], warn);
    if (name) vars.push(`${v}: "${name}", var(--tp-font-fallback);`);
  }
  const logo = image(theme, 'logo', root, warn);
  if (logo) vars.push(`--tp-logo: url("${logo.src}");`);
  const cover = image(theme, 'cover_image', root, warn);
  const css = [...faces, vars.length ? `:root { ${vars.join(' ')} }` : ''].filter(Boolean).join('\n');
  return { css, logo, cover, warnings };
}

type Warn = (p: (string | number)[], message: string, hint?: string) => void;

function colour(theme: Record<string, unknown>, k: string, warn: Warn): string | undefined {
  const v = theme[k];
  if (v === undefined) return undefined;
  if (typeof v === 'string' && HEX.test(v.trim())) return v.trim().toLowerCase();
  const hint = 'Write a hex colour in quotes: "#1f4e79" or "#15a".';
  // `primary: #1f4e79` without quotes is a YAML comment: the value arrives as null.
  if (v === null) warn([k], `Theme ${k} is empty (in YAML an unquoted # starts a comment)`, hint);
  else warn([k], `Theme ${k} "${String(v)}" is not a colour`, hint);
  return undefined;
}

function family(v: unknown, p: (string | number)[], warn: Warn): string | undefined {
  if (typeof v === 'string' && FAMILY.test(v.trim())) return v.trim();
  warn(p, `Font family "${String(v)}" is not a usable name`, 'Use letters, digits, spaces and dashes: "Source Sans 3".');
  return undefined;
}

function fonts(theme: Record<string, unknown>, root: string, warn: Warn, faces: string[]): string[] {
  const list = theme.fonts;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    warn(['fonts'], 'Theme fonts must be a list', 'fonts: [{ family: "Brand Sans", file: assets/fonts/brand.woff2 }]');
    return [];
  }
  const names: string[] = [];
  list.forEach((f: unknown, i) => {
    const entry = (f && typeof f === 'object' ? f : {}) as Record<string, unknown>;
    const name = family(entry.family, ['fonts', i, 'family'], warn);
    const file = entry.file === undefined ? void warn(['fonts', i], 'A theme font needs a file', 'fonts: [{ family: "Brand Sans", file: assets/fonts/brand.woff2 }]') : asset(entry.file, ['fonts', i, 'file'], root, Object.keys(FONT), warn);
    if (!name || !file) return;
    const [mime, format] = FONT[path.extname(file).toLowerCase() as keyof typeof FONT];
    const weight = /^(?:[1-9]00(?: [1-9]00)?|normal|bold)$/.test(String(entry.weight ?? 'normal')) ? String(entry.weight ?? 'normal') : 'normal';
    const style = entry.style === 'italic' ? 'italic' : 'normal';
    faces.push(`@font-face { font-family: "${name}"; src: url("data:${mime};base64,${readFileSync(file).toString('base64')}") format("${format}"); font-weight: ${weight}; font-style: ${style}; font-display: swap; }`);
    if (!names.includes(name)) names.push(name);
  });
  return names;
}

function image(theme: Record<string, unknown>, k: 'logo' | 'cover_image', root: string, warn: Warn): ThemeImage | undefined {
  const file = asset(theme[k], [k], root, Object.keys(IMAGE), warn);
  if (!file) return undefined;
  const mime = IMAGE[path.extname(file).toLowerCase() as keyof typeof IMAGE];
  const alt = theme[`${k}_alt`];
  return { src: `data:${mime};base64,${readFileSync(file).toString('base64')}`, alt: typeof alt === 'string' ? alt : '' };
}

/** A file path under `theme:`, checked: relative, inside the curriculum root (symlinks too), a known type, present. */
function asset(v: unknown, p: (string | number)[], root: string, types: string[], warn: Warn): string | undefined {
  if (v === undefined) return undefined;
  const hint = 'Give a path relative to the curriculum folder, such as assets/logo.svg.';
  if (typeof v !== 'string' || v.trim() === '') return void warn(p, `Theme ${p.join('.')} must be a file path`, hint);
  const file = path.resolve(root, v);
  const inside = (f: string, top: string) => f.startsWith(top + path.sep);
  if (path.isAbsolute(v) || !inside(file, path.resolve(root))) return void warn(p, `Theme file ${v} is outside the curriculum folder`, hint);
  if (!types.includes(path.extname(file).toLowerCase())) return void warn(p, `Theme file ${v} has an unsupported type`, `Use one of ${types.join(', ')}.`);
  let size: number;
  try {
    if (!inside(realpathSync(file), realpathSync(root))) return void warn(p, `Theme file ${v} links outside the curriculum folder`, hint);
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    return void warn(p, `Theme file ${v} does not exist`, hint);
  }
  if (size > BIG) warn(p, `Theme file ${v} is ${(size / BIG).toFixed(1)} MB; it is inlined into every page`, 'Use a smaller file (SVG for logos, WOFF2 for fonts, a compressed JPEG or WebP for covers).');
  return file;
}

/** Sizes and dates of the files a theme names, so an edited logo invalidates the memo. */
function fileStamps(root: string, theme: Record<string, unknown>): string[] {
  const files = [theme.logo, theme.cover_image, ...(Array.isArray(theme.fonts) ? theme.fonts.map((f: { file?: unknown } | null) => f?.file) : [])];
  return files.map((f) => {
    if (typeof f !== 'string') return '';
    try {
      const st = statSync(path.resolve(root, f));
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  });
}
