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
import { diag } from '../errors.js';
import { closest } from '../load/validate.js';
import { distinctUnits, EditionFindings, type CheckContext } from './context.js';

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** How the author wrote the target, recovered from the rewritten page id. */
function described(target: string, unitId: string, units: Set<string>): string {
  if (target.startsWith(`${unitId}--`)) return `#${target.slice(unitId.length + 2)}`;
  const cut = target.indexOf('--');
  const other = cut > 0 ? target.slice(0, cut) : '';
  return units.has(other) ? `#${target.slice(cut + 2)} in unit "${other}"` : `#${target}`;
}

/** The id of the same unit closest to a missing one (`#backgrund` -> `background`), for "did you mean". */
function nearestId(target: string, ids: Set<string>): string | undefined {
  const cut = target.indexOf('--');
  if (cut <= 0 || target.length > 100) return undefined;
  const prefix = target.slice(0, cut + 2);
  const own = [...ids].filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  return closest(target.slice(prefix.length), own);
}

export function checkLinks(ctx: CheckContext): void {
  const findings = new EditionFindings();
  for (const { edition, parsed } of ctx.editions) {
    const ids = new Set<string>();
    const units = new Set<string>();
    for (const p of parsed.values()) {
      for (const id of p.facts.ids) ids.add(id);
      ids.add(`unit-${p.unit.id}`);
      units.add(p.unit.id);
      findings.has(edition.id, p.unit.source.rel);
    }
    for (const p of parsed.values()) {
      for (const { target, place } of p.facts.anchors) {
        if (ids.has(target) || ids.has(decode(target))) continue;
        const guess = nearestId(decode(target), ids);
        const message = `Link to ${described(decode(target), p.unit.id, units)} goes nowhere: no heading or anchor has that id${guess ? `; did you mean #${guess}?` : ''}`;
        findings.add(edition.id, diag('error', 'broken-anchor', message, { file: p.unit.source.rel, ...place }));
      }
    }
  }
  for (const p of distinctUnits(ctx)) {
    for (const { src, place } of p.facts.imagesWithoutAlt) {
      ctx.diags.warn('missing-alt', `Image${src ? ` ${src}` : ''} has no alt text`, { file: p.unit.source.rel, ...place });
    }
  }
  findings.flush(ctx.diags);
}
