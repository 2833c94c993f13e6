/**
 * Parse stage: one unit's Markdown -> one canonical hast tree holding every
 * audience's content, with `tp-*` classes the views filter on.
 *
 * remark-parse + gfm + directive, then our plugins (vars, headings, quiz,
 * blocks), remark-rehype, rehype-raw, the safety allowlist and link
 * resolution. Messages carry the unit file's line and column.
 */
import type { Root as HastRoot } from 'hast';
import remarkDirective from 'remark-directive';
import remarkGfm from './remark-gfm-promised.js';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { diag, type Diagnostic, type RuleId, RULES } from '../errors.js';
import type { Unit } from '../model.js';
import type { UnitContext } from './context.js';
import rehypeLinks from './rehype-links.js';
import rehypeSafety from './rehype-safety.js';
import rehypeTypography from './rehype-typography.js';
import remarkBlocks from './remark-blocks.js';
import remarkFootnotes from './remark-footnotes.js';
import remarkPassages from './passages.js';
import rehypeRawScoped from './rehype-raw-scoped.js';
import { prepareSource } from './source.js';
import remarkStructure from './remark-structure.js';
import remarkHeadings from './remark-headings.js';
import remarkQuiz from './remark-quiz.js';
import remarkVars, { type VarUse } from './remark-vars.js';
import remarkTranslate from '../translate/apply.js';
import { factsOf, type UnitFacts } from './facts.js';

/** A unit after parsing: its tree and what the parse found. */
export interface ParsedUnit {
  unit: Unit;
  /** Content hash of everything the parse read (set by the cache; empty when parsed directly). */
  key: string;
  /** The canonical tree of every audience. May be loaded lazily from the persistent cache. */
  readonly tree: HastRoot;
  diagnostics: Diagnostic[];
  /** Linked files to copy: output path (relative to the edition) -> absolute source. */
  assets: Map<string, string>;
  /** Files the parse read besides the unit (images, linked files), with their signatures. */
  deps: Map<string, string>;
  /** The `:var[name]`s of the unit, with their places: filled and checked per edition. */
  vars: VarUse[];
  /** What the check rules read instead of the tree (kept in the persistent cache). */
  facts: UnitFacts;
}

/** Create the processor. It is stateless across files: reuse it for every unit. */
export function createProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkStructure)
    .use(remarkTranslate)
    .use(remarkPassages)
    .use(remarkVars)
    .use(remarkHeadings)
    .use(remarkQuiz)
    .use(remarkBlocks)
    .use(remarkFootnotes)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawScoped)
    .use(rehypeSafety)
    .use(rehypeLinks)
    .use(rehypeTypography);
}

export type Processor = ReturnType<typeof createProcessor>;

/**
 * Parse one unit with the given context (the edition's unit paths for links).
 * Every plugin is synchronous, so a tree dropped from memory can be made
 * again on demand (pipeline.ts).
 */
export function parseUnitSync(processor: Processor, ctx: Omit<UnitContext, 'assets' | 'deps'>): ParsedUnit {
  const assets = new Map<string, string>();
  const deps = new Map<string, string>();
  const source = prepareSource(ctx.unit.body);
  const file = new VFile({ path: ctx.unit.source.path, value: source.text });
  file.data.trainpack = { ...ctx, assets, deps };
  for (const p of source.problems) {
    const m = file.message(p.reason, { place: { line: p.line, column: p.column }, ruleId: p.ruleId, source: 'trainpack' });
    m.fatal = true;
  }
  let tree: HastRoot = { type: 'root', children: [] };
  if (!source.binary) {
    try {
      tree = processor.runSync(processor.parse(file), file) as HastRoot;
    } catch (err) {
      // A bug, but reported at the unit rather than as a crash of the whole build.
      const m = file.message(`Internal error while parsing this unit: ${(err as Error)?.message ?? err}`, { place: { line: 1, column: 1 }, ruleId: 'internal', source: 'trainpack' });
      m.fatal = true;
      tree = { type: 'root', children: [] };
    }
  }
  const passages = file.data.trainpackPassages ?? { hidden: [], shown: '' };
  const diagnostics = file.messages.map((m) => {
    const rule = (m.ruleId && m.ruleId in RULES ? m.ruleId : 'internal') as RuleId;
    return diag(m.fatal ? 'error' : 'warning', rule, m.reason, {
      file: ctx.unit.source.rel,
      line: m.line ?? undefined,
      column: m.column ?? undefined,
    });
  });
  return { unit: ctx.unit, key: '', tree, diagnostics, assets, deps, vars: file.data.trainpackVars ?? [], facts: { ...factsOf(tree, source.text), ...passages } };
}

/** parseUnitSync() for callers that await. */
export async function parseUnit(processor: Processor, ctx: Omit<UnitContext, 'assets' | 'deps'>): Promise<ParsedUnit> {
  return parseUnitSync(processor, ctx);
}
