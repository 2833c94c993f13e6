/**
 * Handlebars templates, CSS, scripts and string catalogues from
 * `templates/`. A curriculum's own `templates/` folder overrides any of them
 * by the same relative name (`layouts/guide.hbs`, `css/page.css`, …).
 */
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { Diagnostics, TrainpackError } from '../errors.js';
import { realInside } from '../load/inside.js';
import { listFormat, localizeDigits, scriptOf } from './locale.js';
import { typesetStrings, withColon } from './typography.js';

/** The templates folder shipped with trainpack. */
export const BUILTIN_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export type Strings = Record<string, string>;

/** The curriculum folder of an override folder: `<root>/templates` or `<root>/overlays/<id>/templates`. */
function curriculumOf(dir: string): string {
  const owner = path.dirname(path.resolve(dir));
  return path.basename(path.dirname(owner)) === 'overlays' ? path.dirname(path.dirname(owner)) : owner;
}

/**
 * A curriculum's template file that is a link leaving the curriculum folder
 * is refused (load/inside.ts): an `outside-path` error, never its content.
 */
function guard(file: string, dir: string): void {
  if (dir === BUILTIN_TEMPLATES) return;
  const root = curriculumOf(dir);
  const { real, inside } = realInside(file, root);
  if (inside) return;
  const diags = new Diagnostics();
  const rel = path.relative(root, file).split(path.sep).join('/');
  diags.error('outside-path', `The template file ${rel} is a link to ${real}, outside the curriculum folder; trainpack reads nothing outside it`, { file: rel, line: 1, column: 1 }, 'Copy the template into the curriculum folder instead of linking to it.');
  throw new TrainpackError(diags.list);
}

/** Template lookup over override folders, then the built-in folder. */
export class Templates {
  readonly dirs: string[];
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly files = new Map<string, string>();
  private sig: string | undefined;

  constructor(overrideDirs: string[] = []) {
    this.dirs = [...overrideDirs.filter((d) => existsSync(d)), BUILTIN_TEMPLATES];
    this.registerHelpers();
    const partials = new Set<string>();
    for (const dir of this.dirs) {
      const p = path.join(dir, 'partials');
      if (existsSync(p)) for (const f of readdirSync(p)) if (f.endsWith('.hbs')) partials.add(f);
    }
    for (const f of partials) this.hb.registerPartial(f.slice(0, -4), this.read(`partials/${f}`));
  }

  /** The text of a template file, from the first folder that has it. */
  read(rel: string): string {
    const cached = this.files.get(rel);
    if (cached !== undefined) return cached;
    for (const dir of this.dirs) {
      const p = path.join(dir, rel);
      if (existsSync(p)) {
        guard(p, dir);
        const text = readFileSync(p, 'utf8');
        this.files.set(rel, text);
        return text;
      }
    }
    throw new Error(`Template ${rel} not found in ${this.dirs.join(', ')}`);
  }

  /**
   * A hash of every file the templates can read (each override folder, then
   * the built-in one; the `init/` starter excepted): part of each page's key.
   */
  signature(): string {
    if (this.sig === undefined) {
      const hash = createHash('sha1');
      const walk = (top: string, dir: string, rel: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          const p = path.join(dir, e.name);
          if (r === 'init') continue;
          // A link is hashed as what it points to; one leaving the curriculum is refused when read.
          if (e.isSymbolicLink() && (top === BUILTIN_TEMPLATES || !realInside(p, curriculumOf(top)).inside || !existsSync(p))) hash.update(`link\0${r}\0`);
          else if (e.isDirectory() || (e.isSymbolicLink() && statSync(p).isDirectory())) walk(top, p, r);
          else hash.update(`${r}\0`).update(readFileSync(p)).update('\0');
        }
      };
      for (const dir of this.dirs) {
        hash.update(`dir\0${dir}\0`);
        walk(dir, dir, '');
      }
      this.sig = hash.digest('hex');
    }
    return this.sig;
  }

  /** Does any folder have this file? */
  has(rel: string): boolean {
    return this.dirs.some((d) => existsSync(path.join(d, rel)));
  }

  /** Render `layouts/<name>.hbs` with a context. */
  render(name: string, context: object): string {
    let t = this.compiled.get(name);
    if (!t) {
      t = this.hb.compile(this.read(`layouts/${name}.hbs`), { strict: false, preventIndent: true });
      this.compiled.set(name, t);
    }
    return t(context);
  }

  /** Merge a string catalogue from every folder that has it, the built-in one first. */
  private catalogue(rel: string): Strings | undefined {
    let merged: Strings | undefined;
    for (const dir of [...this.dirs].reverse()) {
      const p = path.join(dir, rel);
      if (!existsSync(p)) continue;
      guard(p, dir);
      merged = { ...merged, ...(JSON.parse(readFileSync(p, 'utf8')) as Strings) };
    }
    return merged;
  }

  /**
   * UI strings for a language: English, then the language (a curriculum's or
   * overlay's `strings/<lang>.json` adds to the built-in one, key by key), then
   * overrides. Reports the keys the language lacks.
   */
  strings(language: string, overrides: Strings = {}): { strings: Strings; missing: string[] } {
    const en = this.catalogue('strings/en.json') ?? {};
    const base = language.split('-')[0]!.toLowerCase();
    // The language, then language-script (zh-CN and zh read zh-Hans.json, its likely script), then the whole tag.
    const script = scriptOf(language);
    const tags = [...new Set([base, ...(script ? [`${base}-${script}`] : []), language])];
    const own = base === 'en' ? {} : Object.assign({}, ...tags.map((t) => this.catalogue(`strings/${t}.json`) ?? {}));
    const missing = base === 'en' ? [] : Object.keys(en).filter((k) => !(k in own) && !(k in overrides));
    // Generated text is typeset for the language (quotes, French spacing, Arabic punctuation: typography.ts).
    return { strings: typesetStrings({ ...en, ...own, ...overrides }, language), missing };
  }

  private registerHelpers(): void {
    // {{t "page_x_of_y" page=1 pages=3}}: a UI string with {placeholders} filled.
    this.hb.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
      const strings = (options.data.root as { strings: Strings }).strings;
      let s = strings[key] ?? key;
      // Numbers in the edition's digits (`numbers: native`).
      const root = options.data.root as { lang?: string; native?: boolean };
      for (const [k, v] of Object.entries(options.hash ?? {})) s = s.replaceAll(`{${k}}`, typeof v === 'number' ? localizeDigits(String(v), root.lang ?? 'en', root.native === true) : String(v));
      return s;
    });
    // {{colon "materials_to_prepare"}}: a UI string as a label before a colon, as the language writes it ("Matériel :").
    this.hb.registerHelper('colon', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
      const root = options.data.root as { strings: Strings; lang?: string };
      return withColon(root.strings[key] ?? key, root.lang ?? 'en');
    });
    // {{num 12}}: a number (or "1.2") in the edition's digits (`numbers: native`).
    this.hb.registerHelper('num', function (this: unknown, value: unknown, options: Handlebars.HelperOptions) {
      const root = options.data.root as { lang?: string; native?: boolean };
      return localizeDigits(String(value ?? ''), root.lang ?? 'en', root.native === true);
    });
    // {{list authors}}: items joined as the language joins a list (Intl.ListFormat), duplicates left out.
    this.hb.registerHelper('list', function (this: unknown, items: unknown, options: Handlebars.HelperOptions) {
      const root = options.data.root as { lang?: string };
      return Array.isArray(items) ? listFormat(root.lang ?? 'en', items.map(String)) : '';
    });
    // {{{ownLang}}} on the container of content from a layer of another language: ` lang="en" dir="ltr"`;
    // {{{uiLang}}} inside it, on UI labels: the page's own lang and dir again. Both empty for same-language content.
    const attrs = (lang: unknown, dir: unknown) => new Handlebars.SafeString(` lang="${Handlebars.escapeExpression(String(lang))}" dir="${dir === 'rtl' ? 'rtl' : 'ltr'}"`);
    this.hb.registerHelper('ownLang', function (this: { lang?: string; dir?: string }) {
      return this && typeof this.lang === 'string' ? attrs(this.lang, this.dir) : '';
    });
    this.hb.registerHelper('uiLang', function (this: { lang?: string }, options: Handlebars.HelperOptions) {
      const root = options.data.root as { lang?: string; dir?: string };
      return this && typeof this.lang === 'string' && root.lang ? attrs(root.lang, root.dir) : '';
    });
    this.hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.hb.registerHelper('inc', (n: number) => n + 1);
    this.hb.registerHelper('join', (list: unknown, sep: unknown) =>
      Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
    );
  }
}
