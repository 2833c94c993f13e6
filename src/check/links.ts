/**
 * Link and image rules (issue 6):
 *
 * - `broken-anchor` (error): a `#fragment` link, or `other-unit.md#fragment`,
 *   whose target id exists in no unit of the edition. The parse stage has
 *   already rewritten fragments to page ids (`<unit>--<slug>`, `unit-<id>`,
 *   see markdown/rehype-links.ts), so the check compares them with the ids
 *   the edition's trees carry. A translation that renames a heading breaks
 *   links to it in that edition only; the message then names the edition.
 * - `missing-alt` (warning): an image without alt text.
 *
 * Remote images (`remote-asset`) and missing files (`missing-asset`) are
 * reported by the parse stage.
 */
import type { Element, Root } from 'hast';
import { diag } from '../errors.js';
import { findAll } from '../views/tree.js';
import { distinctUnits, EditionFindings, placeOf, type CheckContext } from './context.js';

/** Every element id in a tree. */
function idsOf(tree: Root, out: Set<string>): void {
  for (const el of findAll(tree, (e) => typeof e.properties?.id === 'string')) out.add(el.properties!.id as string);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The path an image was written with (its src is a data URI by now). */
function sourceOf(body: string, img: Element): string | undefined {
  const { start, end } = img.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const raw = body.slice(start.offset, end.offset);
  return (/\]\(\s*<?([^)\s>]+)/.exec(raw) ?? /src\s*=\s*["']?([^"'\s>]+)/i.exec(raw))?.[1];
}

/** How the author wrote the target, recovered from the rewritten page id. */
function described(target: string, unitId: string, units: Set<string>): string {
  if (target.startsWith(`${unitId}--`)) return `#${target.slice(unitId.length + 2)}`;
  const cut = target.indexOf('--');
  const other = cut > 0 ? target.slice(0, cut) : '';
  return units.has(other) ? `#${target.slice(cut + 2)} in unit "${other}"` : `#${target}`;
}

export function checkLinks(ctx: CheckContext): void {
  const findings = new EditionFindings();
  for (const { edition, parsed } of ctx.editions) {
    const ids = new Set<string>();
    const units = new Set<string>();
    for (const p of parsed.values()) {
      idsOf(p.tree, ids);
      ids.add(`unit-${p.unit.id}`);
      units.add(p.unit.id);
      findings.has(edition.id, p.unit.source.rel);
    }
    for (const p of parsed.values()) {
      for (const a of findAll(p.tree, (el: Element) => el.tagName === 'a')) {
        const href = a.properties?.href;
        if (typeof href !== 'string' || !href.startsWith('#') || href === '#') continue;
        const target = href.slice(1);
        if (ids.has(target) || ids.has(decode(target))) continue;
        const message = `Link to ${described(decode(target), p.unit.id, units)} goes nowhere: no heading or anchor has that id`;
        findings.add(edition.id, diag('error', 'broken-anchor', message, placeOf(p, a)));
      }
    }
  }
  for (const p of distinctUnits(ctx)) {
    for (const img of findAll(p.tree, (el) => el.tagName === 'img')) {
      const alt = img.properties?.alt;
      if (typeof alt === 'string' && alt.trim() !== '') continue;
      const src = sourceOf(p.unit.body, img);
      ctx.diags.warn('missing-alt', `Image${src ? ` ${src}` : ''} has no alt text`, placeOf(p, img));
    }
  }
  findings.flush(ctx.diags);
}
