/**
 * Render stage: views -> HTML pages through the handlebars layouts.
 * Returns the edition's files as a map of relative path -> content; the
 * emit stage writes them.
 */
import { createHash } from 'node:crypto';
import { CACHE_SALT, type DiskCache } from '../cache/disk.js';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import type { Edition } from '../resolve/edition.js';
import type { AgendaDay } from './agenda.js';
import { agendaFor } from './agenda-view.js';
import { fill, fillMemoized, fragmentsOf, FRAGMENT_MARKUP } from './fragments.js';
import { searchEntry, searchIndexJson, type SearchEntry } from './search.js';
import type { Strings, Templates } from './templates.js';
import { resolveTheme } from './theme.js';

export interface RenderInput {
  edition: Edition;
  parsed: Map<Unit, ParsedUnit>;
  strings: Strings;
  templates: Templates;
  /** Whether PDFs are produced next to the HTML (the index links them). */
  pdf: boolean;
  /** Every edition built in this run, for the language switcher. */
  editions: { id: string; title: string; language: string }[];
  /** Extra markup appended to every page's body (the dev server's reload script). */
  inject?: string;
  /** Render only these pages (paths relative to the edition); default all. */
  only?: Set<string>;
  /** Persistent cache of rendered unit fragments. */
  cache?: DiskCache;
  /** First workshop day (YYYY-MM-DD): days in the agenda get dates in the edition's language. */
  start?: string;
  /** Remember each unit's filled fragments for the next render in this process (`trainpack dev`). */
  memoize?: boolean;
  /** Asked for each page with its key: true when the last build's page of that key is kept (not rendered). */
  keep?: (page: string, key: string) => boolean;
}

export interface RenderedEdition {
  /** The pages rendered, by path relative to the edition folder. */
  files: Map<string, string>;
  /** Each page's key (see pageKey()), when every unit has a cache key. */
  keys: Map<string, string>;
  /** Pages not rendered because `keep` kept the last build's. */
  kept: Set<string>;
  agenda: AgendaDay[];
  stats: { units: number; slides: number; pages: number };
}

function unitHeader(unit: Unit, strings: Strings, number: string) {
  return {
    id: unit.id,
    number,
    title: unit.title,
    type: unit.type,
    typeLabel: strings[`type_${unit.type}`] ?? unit.type,
    duration: unit.duration,
    objectives: unit.objectives,
    materials: unit.materials,
    methods: unit.methods,
    fallback: unit.fallback === true,
    stale: unit.stale === true,
  };
}

/**
 * What a page is made from, hashed: trainpack's cache salt, the fragment
 * markup version, every template file, and the page's whole context with each
 * unit's fragments named by their cache key instead of written out (a key
 * names what the fragments hold). Two builds with the same page key write
 * the same bytes, so the emit stage may keep the page from the last build
 * (api.ts); undefined when a unit has no cache key (parsed without a cache).
 */
function pageKey(parts: string[]): string {
  const hash = createHash('sha1').update(`${CACHE_SALT}\0${FRAGMENT_MARKUP}`);
  for (const part of parts) hash.update('\0').update(part);
  return hash.digest('hex');
}

/** Render every page of one edition (except those `input.keep` keeps from the last build). */
export function renderEdition(input: RenderInput): RenderedEdition {
  const { edition, parsed, strings, templates } = input;
  const files = new Map<string, string>();
  const keys = new Map<string, string>();
  const kept = new Set<string>();
  const want = (page: string) => !input.only || input.only.has(page);
  // Bad theme values are left out here; `themeWarnings` reports them (trainpack check).
  const { css: themeCss, logo, cover } = resolveTheme(edition);
  const { days: agenda, view: agendaView } = agendaFor(edition, strings, input.start);
  const common = {
    lang: edition.language,
    dir: edition.dir,
    strings,
    edition: { id: edition.id, title: edition.title, isBase: edition.id === 'base', country: edition.country },
    curriculum: {
      title: edition.title,
      version: edition.curriculum.version,
      license: edition.curriculum.license,
      authors: edition.curriculum.authors,
    },
    editions: input.editions.map((e) => ({ ...e, current: e.id === edition.id })),
    inject: input.inject ?? '',
    pdf: input.pdf,
    theme: { css: themeCss, logo, cover },
  };

  // Each unit as the pages show it, with the key of what its fragments hold.
  const modules = edition.modules.map((mod, mi) => {
    const units = mod.units.map((unit, ui) => {
      const p = parsed.get(unit)!;
      const used = [...new Set(p.vars.map((v) => v.name))].sort().map((n) => [n, edition.vars[n]]);
      return { unit, p, used, header: unitHeader(unit, strings, `${mi + 1}.${ui + 1}`), ref: p.key ? [p.key, unit.selfCheck, used] : undefined };
    });
    return { mod, units, view: { id: mod.id, number: mi + 1, title: mod.title, summary: mod.summary, deckHref: `slides/${mod.id}.html` } };
  });
  const totalSlides = modules.reduce((n, m) => n + 1 + m.units.reduce((k, u) => k + Math.max(1, u.p.facts.slides), 0), 0);
  const keyable = modules.every((m) => m.units.every((u) => u.ref));
  // Each part of a key is written out once: the whole pages share the edition's part and every module's.
  const base = keyable && input.keep ? JSON.stringify([templates.signature(), common, agendaView, input.start ?? null]) : undefined;
  const described = new Map<(typeof modules)[number], string>();
  const describe = (m: (typeof modules)[number]) => described.get(m) ?? described.set(m, JSON.stringify([m.view, m.units.map((u) => [u.header, u.ref])])).get(m)!;
  const decide = (page: string, ms: typeof modules): boolean => {
    if (!want(page)) return false;
    if (!base) return true;
    const key = pageKey([base, page, ...ms.map(describe)]);
    keys.set(page, key);
    if (input.keep?.(page, key)) {
      kept.add(page);
      return false;
    }
    return true;
  };
  const whole = ['facilitator-guide.html', 'participant-handout.html', 'index.html'].filter((page) => decide(page, modules));
  const decks = new Set(modules.filter((m) => decide(`slides/${m.mod.id}.html`, [m])).map((m) => m.mod.id));

  const guideModules = [];
  const handoutModules = [];
  const search: SearchEntry[] = [];
  const deckCss = decks.size ? templates.read('css/deck.css') : '';
  const deckJs = decks.size ? templates.read('js/deck.js') : '';
  for (const { mod, units, view: modView } of modules) {
    // Fragments are read only for pages that are rendered.
    if (whole.length === 0 && !decks.has(mod.id)) continue;
    const deck: { number: number; kind: string; title: string; body?: string; notes?: string; unit?: object }[] = [];
    deck.push({ number: 1, kind: 'cover', title: mod.title });
    const guideUnits = [];
    const handoutUnits = [];
    for (const { unit, p, header, used } of units) {
      const values = { strings, vars: edition.vars, firstSlide: deck.length + 1 };
      const template = fragmentsOf(p, unit.selfCheck, input.cache);
      const f = input.memoize ? fillMemoized(template, values, JSON.stringify(used)) : fill(template, values);
      if (f.slides.length === 0) deck.push({ number: deck.length + 1, kind: 'unit', title: unit.title, unit: header });
      for (const slide of f.slides) deck.push({ number: deck.length + 1, kind: 'content', ...slide });
      guideUnits.push({ ...header, html: f.guide });
      handoutUnits.push({ ...header, fallback: false, stale: false, html: f.handout });
      // Only index.html carries the search data: a dev save that re-renders the guide alone skips it.
      if (whole.includes('index.html')) search.push(searchEntry({ id: unit.id, number: header.number, title: unit.title, module: mod.title, objectives: unit.objectives, handoutText: f.handoutText }));
    }
    guideModules.push({ ...modView, units: guideUnits });
    handoutModules.push({ ...modView, units: handoutUnits });
    if (decks.has(mod.id)) {
      files.set(`slides/${mod.id}.html`, templates.render('deck', { ...common, css: deckCss, js: deckJs, module: modView, slides: deck, total: deck.length }));
    }
  }
  if (whole.length) {
    const doc = { ...common, css: templates.read('css/page.css'), js: templates.read('js/page.js'), agenda: agendaView };
    if (whole.includes('facilitator-guide.html')) files.set('facilitator-guide.html', templates.render('guide', { ...doc, audience: 'facilitator', full: true, modules: guideModules }));
    if (whole.includes('participant-handout.html')) files.set('participant-handout.html', templates.render('handout', { ...doc, audience: 'participant', full: false, modules: handoutModules }));
    if (whole.includes('index.html')) {
      // The index is read by participants too: its search data comes from the handout only (search.ts).
      files.set('index.html', templates.render('index', { ...doc, js: templates.read('js/search.js'), agendaLinks: 'facilitator-guide.html', modules: guideModules, searchIndex: searchIndexJson(search) }));
    }
  }
  const units = edition.modules.reduce((n, m) => n + m.units.length, 0);
  return { files, keys, kept, agenda, stats: { units, slides: totalSlides, pages: files.size + kept.size } };
}

export { prerender } from './fragments.js';
