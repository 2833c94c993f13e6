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
import { deckSlides } from './deck-page.js';
import { addNeighbours, siteOf } from './site.js';
import { fill, fillMemoized, fragmentsOf, FRAGMENT_MARKUP, slideCountOf, type Fragments } from './fragments.js';
import { fillSlots, splice, SLOT_CLOSE, SLOT_OPEN, type Slot } from './slots.js';
import { searchEntry, searchIndexJson, searchText, type SearchEntry } from './search.js';
import type { Strings, Templates } from './templates.js';
import { eventView, type WorkshopEvent } from './event.js';
import { resolveTheme } from './theme.js';
import { own } from '../views/localize.js';
import { guardEdition } from './guard.js';
import { digitList, foreignAttrs, formatNumber, localizeDigits } from './locale.js';
import { typesetText } from './typography.js';

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
  /** Venue, organisation and facilitators, for covers (render/event.ts). */
  event?: WorkshopEvent;
  /** Remember each unit's filled fragments for the next render in this process (`trainpack dev`). */
  memoize?: boolean;
  /** The last build's page with its skeleton key and slots, if it is still there untouched (see splice()). */
  previous?: (page: string) => { file: string; skeleton: string; slots: Slot[] } | undefined;
  /** Asked for each page with its key: true when the last build's page of that key is kept (not rendered). */
  keep?: (page: string, key: string) => boolean;
}

export interface RenderedEdition {
  /** The pages rendered, by path relative to the edition folder. */
  files: Map<string, string | Buffer>;
  /** For the whole pages (guide, handout, index): their skeleton key and where each unit's slot is, for the next build to splice. */
  slotted: Map<string, { skeleton: string; slots: Slot[] }>;
  /** Whole pages made by splicing changed units into the last build's (not rendered). */
  spliced: Set<string>;
  /** Each page's key (see pageKey()), when every unit has a cache key. */
  keys: Map<string, string>;
  /** Pages not rendered because `keep` kept the last build's. */
  kept: Set<string>;
  agenda: AgendaDay[];
  stats: { units: number; slides: number; pages: number };
}

function unitHeader(unit: Unit, strings: Strings, number: string, edition: Edition) {
  const tx = (text: string) => (unit.typography === false ? text : typesetText(text, unit.language ?? edition.curriculum.language));
  return {
    id: unit.id,
    number: localizeDigits(number, edition.language, edition.numbers === 'native'),
    // A unit from a layer of another language keeps its own lang and dir (its container carries them).
    ...foreignAttrs(unit.language, edition.language),
    title: tx(unit.title),
    type: unit.type,
    typeLabel: strings[`type_${unit.type}`] ?? unit.type,
    duration: unit.duration,
    objectives: unit.objectives.map(tx),
    materials: unit.materials.map(tx),
    methods: unit.methods.map(tx),
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
  const files = new Map<string, string | Buffer>();
  const keys = new Map<string, string>();
  const kept = new Set<string>();
  const want = (page: string) => !input.only || input.only.has(page);
  // Bad theme values are left out here; `themeWarnings` reports them (trainpack check).
  const { css: themeCss, logo, cover } = resolveTheme(edition);
  const { days: agenda, view: agendaView } = agendaFor(edition, strings, input.start);
  const common = {
    lang: edition.language,
    dir: edition.dir,
    native: edition.numbers === 'native',
    digits: digitList(edition.language, edition.numbers === 'native'),
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
    event: eventView(input.event, input.start, agenda.length, edition.language),
  };

  // Each unit as the pages show it, with the key of what its fragments hold.
  const modules = edition.modules.map((mod, mi) => {
    const units = mod.units.map((unit, ui) => {
      const p = parsed.get(unit)!;
      const used = [...new Set(p.vars.map((v) => v.name))].sort().map((n) => [n, own(edition.vars, n)]);
      return { unit, p, used, header: unitHeader(unit, strings, `${mi + 1}.${ui + 1}`, edition), ref: p.key ? [p.key, unit.selfCheck, used] : undefined };
    });
    return { mod, units, view: { id: mod.id, number: mi + 1, title: edition.typography ? typesetText(mod.title, mod.language ?? edition.language) : mod.title, summary: mod.summary && edition.typography ? typesetText(mod.summary, mod.language ?? edition.language) : mod.summary, deckHref: `slides/${mod.id}.html`, ...foreignAttrs(mod.language, edition.language) } };
  });
  // A unit's slides in its module's deck: its own and generated ones, or one title slide (deck-page.ts).
  const slidesOfUnit = (u: (typeof modules)[number]['units'][number]) => slideCountOf(u.p, u.unit.selfCheck, input.cache);
  const totalSlides = modules.reduce((n, m) => n + 1 + m.units.reduce((k, u) => k + slidesOfUnit(u), 0), 0);
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

  // Every unit in edition order, with its first slide's deck number.
  const flat = modules.flatMap((m) => {
    let next = 2; // slide 1 is the module's cover
    return m.units.map((u) => {
      const firstSlide = next;
      next += slidesOfUnit(u);
      return { ...u, mod: m.mod, firstSlide };
    });
  });
  // What each unit's slot holds, and what surrounds the slots (the units' headers, not their parts).
  const slotRefs = base ? flat.map((u) => JSON.stringify([u.ref, u.firstSlide])) : [];
  const headers = base ? modules.map((m) => JSON.stringify([m.view, m.units.map((u) => u.header)])) : [];
  const skeletonOf = (page: string) => pageKey([base!, `skeleton:${page}`, ...headers]);
  const filled = new Map<number, Fragments>();
  const filledOf = (i: number): Fragments => {
    let f = filled.get(i);
    if (!f) {
      const { unit, p, used, firstSlide } = flat[i]!;
      const values = { strings, vars: edition.vars, firstSlide, deck: `slides/${flat[i]!.mod.id}.html`, digits: edition.numbers === 'native' ? (n: number) => formatNumber(edition.language, n, true) : undefined };
      const template = fragmentsOf(p, unit.selfCheck, input.cache);
      filled.set(i, (f = input.memoize ? fillMemoized(template, values, JSON.stringify(used)) : fill(template, values)));
    }
    return f;
  };

  // Decks, from their module's units.
  const deckCss = decks.size ? `${templates.read('css/deck.css')}\n${templates.read('css/site.css')}` : '';
  const deckJs = decks.size ? `${templates.read('js/deck.js')}\n${templates.read('js/print-links.js')}` : '';
  let at = 0;
  for (const { mod, units, view: modView } of modules) {
    const first = at;
    at += units.length;
    if (!decks.has(mod.id)) continue;
    // Slides of a unit in another language carry its lang and dir (the slide's footer stays the edition's).
    const deck = deckSlides(
      { title: modView.title, ...foreignAttrs(mod.language, edition.language) },
      units.map(({ unit, header }, k) => ({ header, fragments: filledOf(first + k), attrs: foreignAttrs(unit.language, edition.language) })),
    );
    const site = siteOf(common, modules.map((m) => m.view), '../', mod.id);
    files.set(`slides/${mod.id}.html`, templates.render('deck', { ...common, site, css: deckCss, js: deckJs, module: modView, units: units.map((u) => u.header), slides: deck, total: deck.length }));
  }

  // The whole pages. Each unit's part of them is a slot: the page is rendered with a
  // token in each slot (SLOT below) and the tokens replaced, recording where each slot's
  // bytes are. When only some units changed since the last build and nothing around
  // them did (the same skeleton key), the last build's page is spliced instead.
  const pieceOf: Record<string, (f: Fragments) => string> = {
    'facilitator-guide.html': (f) => f.guide,
    'participant-handout.html': (f) => f.handout,
    'index.html': (f) => searchText(f.handoutText),
  };
  const slotted = new Map<string, { skeleton: string; slots: Slot[] }>();
  const splicedPages = new Set<string>();
  const wholeToRender = whole.filter((page) => {
    if (!base || !input.previous) return true;
    const skeleton = skeletonOf(page);
    const spliced = splice(input.previous(page), skeleton, slotRefs, (i) => pieceOf[page]!(filledOf(i)));
    if (!spliced) return true;
    files.set(page, spliced.content);
    slotted.set(page, { skeleton, slots: spliced.slots });
    splicedPages.add(page);
    return false;
  });
  if (wholeToRender.length) {
    const token = (i: number) => (base ? `${SLOT_OPEN}${i}${SLOT_CLOSE}` : undefined);
    const guideModules = [];
    const handoutModules = [];
    const search: SearchEntry[] = [];
    let i = 0;
    for (const { mod, units, view: modView } of modules) {
      const guideUnits = [];
      const handoutUnits = [];
      for (const { unit, header } of units) {
        const f = base ? undefined : filledOf(i);
        guideUnits.push({ ...header, html: token(i) ?? f!.guide });
        handoutUnits.push({ ...header, fallback: false, stale: false, html: token(i) ?? f!.handout });
        if (wholeToRender.includes('index.html')) search.push(searchEntry({ id: unit.id, number: header.number, title: unit.title, module: mod.title, objectives: unit.objectives, handoutText: token(i) ?? f!.handoutText }));
        i++;
      }
      guideModules.push({ ...modView, units: guideUnits });
      handoutModules.push({ ...modView, units: handoutUnits });
    }
    addNeighbours(guideModules);
    addNeighbours(handoutModules);
    const doc = { ...common, site: siteOf(common, modules.map((m) => m.view), ''), css: `${templates.read('css/page.css')}\n${templates.read('css/site.css')}`, js: `${templates.read('js/page.js')}\n${templates.read('js/site.js')}\n${templates.read('js/print-links.js')}`, agenda: agendaView };
    const rendered = new Map<string, string>();
    if (wholeToRender.includes('facilitator-guide.html')) rendered.set('facilitator-guide.html', templates.render('guide', { ...doc, audience: 'facilitator', full: true, modules: guideModules }));
    if (wholeToRender.includes('participant-handout.html')) rendered.set('participant-handout.html', templates.render('handout', { ...doc, audience: 'participant', full: false, modules: handoutModules }));
    // The index is read by participants too: its search data comes from the handout only (search.ts).
    if (wholeToRender.includes('index.html')) rendered.set('index.html', templates.render('index', { ...doc, js: templates.read('js/search.js'), agendaLinks: 'facilitator-guide.html', modules: guideModules, searchIndex: searchIndexJson(search) }));
    for (const [page, text] of rendered) {
      if (!base) {
        files.set(page, text);
        continue;
      }
      const { content, slots } = fillSlots(text, slotRefs, (k) => pieceOf[page]!(filledOf(k)));
      files.set(page, content);
      slotted.set(page, { skeleton: skeletonOf(page), slots });
    }
  }
  // Fail closed (render/guard.ts). The slide faces are those of the decks rendered here (a kept deck was checked when it was made).
  const deckUnits = flat.flatMap((u, i) => (decks.has(u.mod.id) ? [i] : []));
  guardEdition({
    edition: input,
    files,
    slotted,
    slides: { units: deckUnits, filled: filledOf, ref: (i) => slotRefs[i] },
    base: base && pageKey([base]),
    agenda: JSON.stringify(agendaView),
    cache: input.cache,
  });
  return { files, keys, kept, slotted, spliced: splicedPages, agenda, stats: { units: flat.length, slides: totalSlides, pages: files.size + kept.size } };
}

export { editionPassages } from './guard.js';
export { prerender } from './fragments.js';
