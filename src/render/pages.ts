/**
 * Render stage: views -> HTML pages through the handlebars layouts.
 * Returns the edition's files as a map of relative path -> content; the
 * emit stage writes them.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'hast';
import type { DiskCache } from '../cache/disk.js';
import { toHtml } from 'hast-util-to-html';
import type { ParsedUnit } from '../markdown/processor.js';
import type { Unit } from '../model.js';
import type { Edition } from '../resolve/edition.js';
import { facilitatorView } from '../views/facilitator.js';
import { participantView } from '../views/participant.js';
import { slidesOf, type SlideView } from '../views/slides.js';
import { computeAgenda, toClock, type AgendaDay } from './agenda.js';
import type { Strings, Templates } from './templates.js';

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
}

export interface RenderedEdition {
  files: Map<string, string>;
  agenda: AgendaDay[];
  stats: { units: number; slides: number; pages: number };
}

const html = (tree: Root) => toHtml(tree, { allowDangerousHtml: false });

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

/** Render every page of one edition. */
export function renderEdition(input: RenderInput): RenderedEdition {
  const { edition, parsed, strings, templates } = input;
  const files = new Map<string, string>();
  const want = (page: string) => !input.only || input.only.has(page);
  const pageCss = templates.read('css/page.css');
  const deckCss = templates.read('css/deck.css');
  const deckJs = templates.read('js/deck.js');
  const agenda = computeAgenda(
    edition.modules.flatMap((m) => m.units.map((u) => ({ id: u.id, title: u.title, duration: u.duration, moduleId: m.id, materials: u.materials }))),
    edition.curriculum.workshop,
  );
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
  };
  const unitTitles = new Map(edition.modules.flatMap((m) => m.units.map((u) => [u.id, u.title] as const)));
  const clock = clockFormat(edition.language);
  const agendaView = agenda.map((d) => ({
    number: d.number,
    label: dayLabel(d.number, input.start, edition.language, strings),
    overflow: d.overflow,
    materials: d.materials,
    items: d.items.map((i) => ({
      start: clock(i.start),
      end: clock(i.end),
      title: i.unitId ? (unitTitles.get(i.unitId) ?? i.title) : i.title,
      isBreak: i.kind === 'break',
      unitId: i.unitId,
    })),
  }));

  let totalSlides = 0;
  const guideModules = [];
  const handoutModules = [];
  for (const [mi, mod] of edition.modules.entries()) {
    const deck: { number: number; kind: string; title: string; body?: string; notes?: string; unit?: object }[] = [];
    deck.push({ number: 1, kind: 'cover', title: mod.title });
    const guideUnits = [];
    const handoutUnits = [];
    for (const [ui, unit] of mod.units.entries()) {
      const p = parsed.get(unit)!;
      const header = unitHeader(unit, strings, `${mi + 1}.${ui + 1}`);
      const f = fragmentsOf(p, deck.length + 1, unit.selfCheck, strings, input.cache);
      if (f.slides.length === 0) deck.push({ number: deck.length + 1, kind: 'unit', title: unit.title, unit: header });
      for (const slide of f.slides) deck.push({ number: deck.length + 1, kind: 'content', ...slide });
      guideUnits.push({ ...header, html: f.guide });
      handoutUnits.push({ ...header, fallback: false, stale: false, html: f.handout });
    }
    totalSlides += deck.length;
    const modView = { id: mod.id, number: mi + 1, title: mod.title, summary: mod.summary, deckHref: `slides/${mod.id}.html` };
    guideModules.push({ ...modView, units: guideUnits });
    handoutModules.push({ ...modView, units: handoutUnits });
    if (want(`slides/${mod.id}.html`)) {
      files.set(
        `slides/${mod.id}.html`,
        templates.render('deck', { ...common, css: deckCss, js: deckJs, module: modView, slides: deck, total: deck.length }),
      );
    }
  }
  if (want('facilitator-guide.html')) files.set('facilitator-guide.html', templates.render('guide', { ...common, css: pageCss, audience: 'facilitator', full: true, modules: guideModules, agenda: agendaView }));
  if (want('participant-handout.html')) files.set('participant-handout.html', templates.render('handout', { ...common, css: pageCss, audience: 'participant', full: false, modules: handoutModules, agenda: agendaView }));
  if (want('index.html')) files.set('index.html', templates.render('index', { ...common, css: pageCss, modules: guideModules, agenda: agendaView }));
  const units = edition.modules.reduce((n, m) => n + m.units.length, 0);
  return { files, agenda, stats: { units, slides: totalSlides, pages: files.size } };
}

/** Clock times in the edition's locale (`Intl`): 09:00, 9:00 AM, ٠٩:٠٠ … */
function clockFormat(language: string): (minutes: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  } catch {
    return toClock;
  }
  return (minutes) => format.format(new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60), minutes % 60)));
}

/** "Day 2", or with a start date "Day 2 — Tuesday 5 May 2026" in the edition's language. */
function dayLabel(n: number, start: string | undefined, language: string, strings: Strings): string {
  const label = `${strings.day} ${n}`;
  if (!start) return label;
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n - 1);
  const text = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return `${label} — ${text}`;
}

/** A unit's rendered pieces for every audience. */
interface Fragments {
  slides: { title: string; body: string; notes?: string }[];
  guide: string;
  handout: string;
}

// Rendered fragments by parse key (or tree, for units parsed without a cache),
// then by what else they depend on. A parse result never changes under its
// key, so an unchanged unit renders once per process, and once per machine
// with the persistent cache.
const byTree = new WeakMap<Root, Map<string, Fragments>>();
const byKey = new Map<string, Fragments>();
const stringsIds = new WeakMap<Strings, string>();

function stringsId(strings: Strings): string {
  let id = stringsIds.get(strings);
  if (id === undefined) stringsIds.set(strings, (id = createHash('sha1').update(JSON.stringify(strings)).digest('hex').slice(0, 16)));
  return id;
}

function fragmentsOf(p: ParsedUnit, firstSlide: number, selfCheck: boolean, strings: Strings, disk?: DiskCache): Fragments {
  const variant = `${firstSlide}|${selfCheck}|${stringsId(strings)}`;
  let memo: Map<string, Fragments> | undefined;
  if (!p.key) {
    memo = byTree.get(p.tree);
    if (!memo) byTree.set(p.tree, (memo = new Map()));
  }
  const fullKey = `${p.key}|${variant}`;
  const hit = memo ? memo.get(variant) : (byKey.get(fullKey) ?? disk?.get<Fragments>('fragments', hashKey(fullKey)));
  if (hit) {
    if (!memo) byKey.set(fullKey, hit);
    return hit;
  }
  const views: SlideView[] = slidesOf(p.tree);
  const fragments: Fragments = {
    slides: views.map((s) => ({
      title: s.title,
      body: s.body ? html(relinkForDeck(s.body)) : '',
      notes: s.notes ? html(relinkForDeck(s.notes)) : undefined,
    })),
    guide: html(facilitatorView(p.tree, { slideNumbers: views.map((_, i) => firstSlide + i), strings })),
    handout: html(participantView(p.tree, { selfCheck, strings })),
  };
  if (memo) memo.set(variant, fragments);
  else {
    byKey.set(fullKey, fragments);
    disk?.set('fragments', hashKey(fullKey), fragments);
  }
  return fragments;
}

function hashKey(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

/** Decks live in `slides/`: links to copied assets and to units need one more `../`. */
function relinkForDeck(tree: Root): Root {
  const visit = (node: Root | Root['children'][number]) => {
    if (node.type === 'element') {
      const href = node.properties?.href;
      if (typeof href === 'string') {
        if (href.startsWith('assets/')) node.properties.href = `../${href}`;
        else if (href.startsWith('#')) node.properties.href = `../participant-handout.html${href}`;
      }
    }
    if ('children' in node) for (const c of node.children) visit(c as Root['children'][number]);
  };
  visit(tree);
  return tree;
}
