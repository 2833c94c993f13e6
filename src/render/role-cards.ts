/**
 * Role cards (FORMAT.md section 6): every role brief of an edition as a
 * cut-out card, `role-cards.html` (printed to `role-cards.pdf`), only for
 * editions with role-plays. Cards go 4 to a sheet (2 × 2) when the next four
 * briefs are short, else 2 (one above the other), in curriculum order, so
 * only the last sheet can hold a single card. Each card shows the unit's
 * number and title, its set (the role-play's number in the edition and the
 * card's place in it, "Set 2 · 1/3": cut cards sort back into sets) and
 * the role's name large.
 */
import { createHash } from 'node:crypto';
import { CACHE_SALT, type DiskCache } from '../cache/disk.js';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { PreparedEdition } from '../pipeline.js';
import { localize } from '../views/localize.js';
import { participantView } from '../views/participant.js';
import { findAll, hasClass, textOf } from '../views/tree.js';
import { foreignAttrs } from './locale.js';
import { resolveTheme } from './theme.js';
import { editionPassages } from './guard.js';
import { assertNoLeak } from '../views/guard.js';

/** Path of the page in the edition folder. */
export const ROLE_CARDS = 'role-cards.html';
/** Text length (characters) up to which four cards share a sheet. */
export const SHORT_BRIEF = 560;

export interface RoleCard {
  name: string;
  brief: string;
  length: number;
}

/** The role-plays of an edition with their cards, in curriculum order. */
export function roleplaysOf(prepared: Pick<PreparedEdition, 'edition' | 'parsed' | 'strings'>) {
  const { edition, parsed, strings } = prepared;
  const byUnit = new Map([...parsed.values()].map((p) => [p.unit.id, p]));
  return edition.modules.flatMap((m, mi) =>
    m.units.flatMap((u, ui) => {
      const p = u.type === 'roleplay' ? byUnit.get(u.id) : undefined;
      if (!p) return [];
      const tree = localize(p.tree, strings, edition.vars);
      const cards = findAll(tree, (el) => hasClass(el, 'tp-role')).map((role) => card(role, strings));
      return cards.length ? [{ id: u.id, number: `${mi + 1}.${ui + 1}`, title: u.title, cards, ...foreignAttrs(u.language, edition.language) }] : [];
    }),
  );
}

/** One card: the role's brief cleaned by the participant view (nothing facilitator-only inside a card either). */
function card(role: Element, strings: Record<string, string>): RoleCard {
  const className = [...((role.properties?.className as string[] | undefined) ?? []), 'tp-role-public'];
  const root: Root = { type: 'root', children: [{ ...role, properties: { ...role.properties, className } }] };
  const clean = participantView(root, { selfCheck: false, strings }).children[0] as Element;
  const name = findAll(clean, (el) => hasClass(el, 'tp-role-name'))[0];
  const body = clean.children.filter((c) => !(c.type === 'element' && (hasClass(c, 'tp-role-name') || hasClass(c, 'tp-label'))));
  const brief = toHtml({ type: 'root', children: body });
  return { name: name ? textOf(name).trim() : '', brief, length: body.reduce((n, c) => n + (c.type === 'element' ? textOf(c).length : c.type === 'text' ? c.value.length : 0), 0) };
}

/**
 * The key of an edition's role-cards page, from what the page is made of
 * (templates, strings, vars, theme, each role-play unit's cache key and
 * place), without reading any unit's tree: undefined when the edition has
 * no role-play unit or a unit has no cache key.
 */
export function roleCardsKey(prepared: Pick<PreparedEdition, 'edition' | 'parsed' | 'strings' | 'templates'>): string | undefined {
  const { edition, parsed, strings, templates } = prepared;
  const byUnit = new Map([...parsed.values()].map((p) => [p.unit.id, p]));
  const units: unknown[] = [];
  for (const [mi, m] of edition.modules.entries()) {
    for (const [ui, u] of m.units.entries()) {
      if (u.type !== 'roleplay') continue;
      const key = byUnit.get(u.id)?.key;
      if (!key) return undefined;
      units.push([u.id, `${mi + 1}.${ui + 1}`, u.title, u.language ?? null, key]);
    }
  }
  if (units.length === 0) return undefined;
  const { css, logo } = resolveTheme(edition);
  const parts = [templates.signature(), edition.language, edition.dir, strings, edition.vars, css, logo ?? null, edition.title, edition.curriculum.version ?? null, units];
  return createHash('sha1').update(`${CACHE_SALT}\0role-cards\0${JSON.stringify(parts)}`).digest('hex');
}

/**
 * The role-cards page of an edition, or undefined when it has no role-play;
 * `key` names its content (a hash of the page: an edit elsewhere in a
 * role-play's unit leaves the cards, and their PDF, as they were). When the
 * cache knows which content the page's inputs made (roleCardsKey()), and
 * `keep` keeps the last build's page of that content, the page is not
 * rendered (`html` is undefined): rendering reads every role-play's tree,
 * which a build with nothing changed never parses.
 */
export function roleCardsPage(prepared: PreparedEdition, keep?: (rel: string, key: string) => boolean, cache?: DiskCache): { html?: string; key: string } | undefined {
  const { edition, strings, templates } = prepared;
  const inputKey = cache ? roleCardsKey(prepared) : undefined;
  const known = inputKey ? cache!.get<string>('role-cards', inputKey) : undefined;
  if (known && keep?.(ROLE_CARDS, known)) return { key: known };
  const roleplays = roleplaysOf(prepared);
  if (roleplays.length === 0) return undefined;
  const { css: themeCss, logo } = resolveTheme(edition);
  const cards = roleplays.flatMap((r, si) => {
    const set = (strings.role_set ?? 'Set {n}').replace('{n}', String(si + 1));
    // A role-play from a layer of another language keeps its lang and dir on its cards.
    return r.cards.map((c, i) => ({ ...c, set: `${set} · ${i + 1}/${r.cards.length}`, number: r.number, unit: r.title, lang: r.lang, dir: r.dir }));
  });
  // Four to a sheet while the next four are short, else two; the set number on each card sorts them after cutting.
  const sheets: { perSheet: 2 | 4; cards: typeof cards }[] = [];
  for (let i = 0; i < cards.length; ) {
    const perSheet = cards.slice(i, i + 4).every((c) => c.length <= SHORT_BRIEF) ? 4 : 2;
    sheets.push({ perSheet, cards: cards.slice(i, i + perSheet) });
    i += perSheet;
  }
  const html = templates.render('role-cards', {
    lang: edition.language,
    dir: edition.dir,
    strings,
    css: `${templates.read('css/page.css')}\n${templates.read('css/pack.css')}`,
    theme: { css: themeCss, logo },
    curriculum: { title: edition.title, version: edition.curriculum.version },
    title: strings.role_cards ?? 'Role cards',
    sheets,
  });
  // Fail closed (render/guard.ts): the cards hold role briefs, and nothing facilitator-only.
  assertNoLeak(html, editionPassages(prepared, [], cache, false), ROLE_CARDS);
  const key = createHash('sha1').update(html).digest('hex');
  if (inputKey) cache!.set('role-cards', inputKey, key);
  return { html, key };
}
