/**
 * YAML with positions. js-yaml-style loaders lose line numbers, so every
 * YAML text is parsed with `yaml`'s CST, and a path (`['workshop','breaks',0]`)
 * can be mapped back to the line and column of its key or value.
 */
import { LineCounter, parseDocument, isMap, isScalar, visit, type Document, type Node } from 'yaml';
import { Diagnostics } from '../errors.js';

/** A parsed YAML text that can say where any path in it sits. */
export interface PositionedYaml {
  data: unknown;
  /** 1-based position of the value at `path`, else of its nearest existing parent. */
  locate(path: ReadonlyArray<PropertyKey>): { line: number; column: number };
  /** 1-based position of the key at `path` (falls back to `locate`). */
  locateKey(path: ReadonlyArray<PropertyKey>): { line: number; column: number };
}

/**
 * Parse `text`; syntax errors go to `diags` with their place in `file`.
 * `lineOffset` is added to every line (front matter starts below `---`).
 */
export function parseYaml(
  text: string,
  file: string,
  diags: Diagnostics,
  lineOffset = 0,
): PositionedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      // Each error at its own place: `pos` is an offset into `text` (prettyErrors would rewrite the message).
      const reason = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') || 'invalid YAML';
      diags.error('yaml-syntax', `Invalid YAML: ${reason}`, { file, ...at(err.pos[0]) });
    }
    return undefined;
  }
  const data = toData(doc, file, diags, at);
  if (data === failed) return undefined;
  const nodeAt = (path: ReadonlyArray<PropertyKey>): Node | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    }
    return undefined;
  };
  return {
    data: data ?? {},
    locate(path) {
      const node = nodeAt(path);
      return node?.range ? at(node.range[0]) : { line: 1 + lineOffset, column: 1 };
    },
    locateKey(path) {
      const parent = path.length > 0 ? doc.getIn(path.slice(0, -1) as unknown[], true) : doc.contents;
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
      return this.locate(path);
    },
  };
}

const failed = Symbol('failed');

/** Aliases one document may expand: a handful in real files, millions in an "alias bomb". */
const MAX_ALIASES = 100;

/**
 * The document as plain data. An alias to an anchor that does not exist
 * (`title: *nope`) or too many aliases (an alias bomb) is a positioned error,
 * not an exception.
 */
function toData(doc: Document, file: string, diags: Diagnostics, at: (offset: number) => { line: number; column: number }): unknown {
  const aliases: { source: string; offset: number; resolved: boolean; circular: boolean }[] = [];
  visit(doc, {
    Alias(_key, node, path) {
      const circular = path.some((p) => typeof p === 'object' && p !== null && 'anchor' in p && (p as { anchor?: string }).anchor === node.source);
      aliases.push({ source: node.source, offset: node.range?.[0] ?? 0, resolved: node.resolve(doc) !== undefined, circular });
    },
  });
  const unresolved = aliases.filter((a) => !a.resolved || a.circular);
  for (const a of unresolved) {
    const why = a.circular ? `the alias *${a.source} sits inside its own anchor (&${a.source}), a value that never ends` : `the alias *${a.source} names no anchor (&${a.source}) defined above it`;
    diags.error('yaml-syntax', `Invalid YAML: ${why}`, { file, ...at(a.offset) }, 'Define the anchor (&name) before the alias (*name), or write the value out; a `*` at the start of a value needs quotes.');
  }
  if (unresolved.length > 0) return failed;
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    const first = aliases[0];
    const reason = err instanceof Error ? err.message : String(err);
    diags.error('yaml-syntax', `Invalid YAML: ${/alias/i.test(reason) ? `too many aliases expand here (${reason})` : reason}`, { file, ...at(first?.offset ?? 0) }, 'Write the repeated values out, or use fewer nested aliases.');
    return failed;
  }
}
