/**
 * The block directives of FORMAT.md (`:::facilitator`, `:::slide`, …) ->
 * elements with `tp-*` classes that the view stage filters on. Unknown
 * directives are warnings at their position; misplaced ones too.
 *
 * An unknown container (a typo such as `:::facilitatr`) is kept only for the
 * facilitator guide, marked `tp-unknown`: a misspelt facilitator note must
 * never reach participants.
 */
import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visitParents, SKIP } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { closest } from '../load/validate.js';

/** Container names FORMAT.md defines, with the element each becomes. */
export const BLOCKS: Record<string, { tag: string; label?: string }> = {
  facilitator: { tag: 'div', label: 'facilitator_notes' },
  participant: { tag: 'div' },
  slide: { tag: 'section' },
  notes: { tag: 'aside', label: 'speaker_notes' },
  exercise: { tag: 'section', label: 'exercise' },
  solution: { tag: 'div', label: 'solution' },
  role: { tag: 'section', label: 'role_card' },
  debrief: { tag: 'div', label: 'debrief' },
  tip: { tag: 'aside', label: 'tip' },
  warning: { tag: 'aside', label: 'warning' },
  note: { tag: 'aside', label: 'note' },
};

/** `:::slide{layout="…"}` values (FORMAT.md section 3). */
export const SLIDE_LAYOUTS = ['default', 'image-left', 'image-right', 'columns', 'section'];

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** The block or text directive name closest to a misspelt one ("did you mean"). */
export function closestName(name: string): string | undefined {
  return name.length > 40 ? undefined : closest(name, [...Object.keys(BLOCKS), 'var']);
}

function label(text: string, className: string): Paragraph {
  return { type: 'paragraph', data: { hProperties: { className: [className] } }, children: [{ type: 'text', value: text }] };
}

/**
 * A UI string by key, filled in by the views in the edition's language
 * (`<span data-l10n="solution">`): parsed trees hold no language, so every
 * edition shares them.
 */
export function l10n(key: string): TextDirective {
  return { type: 'textDirective', name: 'l10n', attributes: {}, children: [], data: { hName: 'span', hProperties: { dataL10n: key } } } as TextDirective;
}

/** A label paragraph holding one UI string. */
function labelKey(key: string, className: string): Paragraph {
  return { type: 'paragraph', data: { hProperties: { className: [className] } }, children: [l10n(key) as never] };
}

/** The source text of a node, for putting an unknown text directive back as it was written. */
function sourceOf(node: Directive, file: VFile): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? String(file.value).slice(start, end) : `:${node.name}`;
}

/** Turn directives into tp-* elements. */
export default function remarkBlocks() {
  return (tree: Root, file: VFile) => {
    const { unit } = file.data.trainpack!;
    const warn = (reason: string, node: Directive, ruleId: string) =>
      file.message(reason, { place: node.position, ruleId, source: 'trainpack' });

    visitParents(tree, (node, ancestors) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      const d = node as Directive;
      const parent = ancestors[ancestors.length - 1] as Parent;
      const index = parent.children.indexOf(d as RootContent);
      if (d.type === 'textDirective') {
        if (d.name === 'var' || d.name === 'l10n') return; // placeholders of remark-vars and of this plugin
        // remark-structure.ts has turned every other text directive into text or an error; this is a guard.
        parent.children.splice(index, 1, { type: 'text', value: sourceOf(d, file) } as RootContent);
        return SKIP;
      }
      const spec = d.type === 'containerDirective' ? BLOCKS[d.name] : undefined;
      if (!spec) {
        const shape = d.type === 'leafDirective' ? `::${d.name}` : `:::${d.name}`;
        const guess = closestName(d.name);
        warn(`Unknown directive "${shape}"; its content appears only in the facilitator guide${guess && guess !== 'var' ? `: did you mean ":::${guess}"?` : ''}`, d, 'unknown-directive');
        d.data = { hName: 'div', hProperties: { className: ['tp-block', 'tp-unknown'] } };
        return;
      }
      const names = ancestors
        .filter((a): a is ContainerDirective => a.type === 'containerDirective')
        .map((a) => a.name);
      const inside = (n: string) => names.includes(n);
      if (d.name === 'notes' && !inside('slide')) warn('`:::notes` belongs inside a `:::slide`', d, 'misplaced-directive');
      // FORMAT.md: solutions belong to exercises; debriefs to exercises and role-plays.
      if (d.name === 'solution' && !inside('exercise') && unit.type !== 'exercise')
        warn('`:::solution` belongs inside an `:::exercise` or a unit of type exercise', d, 'misplaced-directive');
      if (d.name === 'debrief' && !inside('exercise') && unit.type !== 'exercise' && unit.type !== 'roleplay')
        warn('`:::debrief` belongs inside an `:::exercise` or a unit of type exercise or roleplay', d, 'misplaced-directive');
      if (d.name === 'role' && unit.type !== 'roleplay') warn('`:::role` belongs in a unit of type roleplay', d, 'misplaced-directive');
      if (d.name === 'slide' && names.length > 0) warn('`:::slide` must not sit inside another block', d, 'misplaced-directive');

      // `:::exercise[Title]` or `{title="…"}`: the label paragraph becomes the title.
      let title = d.attributes?.title ?? '';
      const first = d.children[0];
      if (first && first.type === 'paragraph' && first.data && 'directiveLabel' in first.data && first.data.directiveLabel) {
        title = title || toString(first);
        d.children.shift();
      }
      const className = ['tp-block', `tp-${d.name}`];
      // A role's brief is secret unless the unit keeps briefs in the handout (views/participant.ts).
      if (d.name === 'role' && unit.rolesInHandout) className.push('tp-role-public');
      // `:::slide{layout="image-right"}`: the layout travels as a class (render/deck-slides.ts reads it).
      const layout = d.name === 'slide' ? d.attributes?.layout : undefined;
      if (layout && SLIDE_LAYOUTS.includes(layout)) className.push(`tp-layout-${layout}`);
      else if (layout) warn(`Unknown slide layout "${layout}" (use one of ${SLIDE_LAYOUTS.join(', ')})`, d, 'unknown-directive');
      const head: RootContent[] = [];
      if (d.name === 'exercise') {
        const minutes = d.attributes?.minutes;
        const parts: unknown[] = [l10n('exercise')];
        if (title) parts.push({ type: 'text', value: `: ${title}` });
        if (minutes) parts.push({ type: 'text', value: ` · ${minutes} ` }, l10n('minutes_short'));
        head.push({ type: 'paragraph', data: { hProperties: { className: ['tp-block-title'] } }, children: parts as Paragraph['children'] });
      } else if (d.name === 'role') {
        const name = d.attributes?.name ?? title;
        if (!name) warn('`:::role` needs a name: `:::role{name="Case worker"}`', d, 'misplaced-directive');
        head.push(labelKey('role_card', 'tp-label'), label(name || '?', 'tp-role-name'));
      } else if (d.name === 'tip' || d.name === 'warning' || d.name === 'note') {
        className.push('tp-callout');
        head.push(title ? label(title, 'tp-label') : labelKey(d.name, 'tp-label'));
      } else if (spec.label) {
        head.push(title ? label(title, 'tp-label') : labelKey(spec.label, 'tp-label'));
      }
      (d.children as RootContent[]).unshift(...head);
      const props: Record<string, unknown> = { className };
      if (d.type === 'containerDirective' && (d.name === 'tip' || d.name === 'warning' || d.name === 'note')) props.role = 'note';
      d.data = { hName: spec.tag, hProperties: props as never };
      return undefined;
    });
  };
}
