/**
 * YAML with positions. gray-matter and js-yaml lose line numbers, so every
 * YAML text is parsed with `yaml`'s CST, and a path (`['workshop','breaks',0]`)
 * can be mapped back to the line and column of its key or value.
 */
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
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
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
      const reason = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      diags.error('yaml-syntax', `Invalid YAML: ${reason}`, {
        file,
        line: pos.line + lineOffset,
        column: pos.col,
      });
    }
    return undefined;
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const nodeAt = (path: ReadonlyArray<PropertyKey>): Node | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    }
    return undefined;
  };
  return {
    data: doc.toJS() ?? {},
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
