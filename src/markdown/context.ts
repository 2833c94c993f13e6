/**
 * What the markdown plugins know about the file they work on. It travels in
 * `file.data.trainpack`, so one processor per edition serves every unit.
 */
import { statSync } from 'node:fs';
import type { Unit } from '../model.js';

/** Per-file data the plugins read. */
export interface UnitContext {
  unit: Unit;
  /** Curriculum root: no link or image may resolve outside it. */
  root: string;
  /** Absolute path of the base file this unit stands for (overlay files resolve links from there too). */
  basePath: string;
  /** Unit id by absolute base path of its file, for links between units. */
  unitsByPath: Map<string, string>;
  /** Files linked (not inlined) that the emit stage copies, by output path relative to the edition. */
  assets: Map<string, string>;
  /** Every file the parse looked at, with its signature (see fileSignature), so caches can tell when it changed. */
  deps: Map<string, string>;
}

declare module 'vfile' {
  interface DataMap {
    trainpack: UnitContext;
  }
}

/** Size and modification time of a file, or "missing": enough to see that it changed. */
export function fileSignature(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
