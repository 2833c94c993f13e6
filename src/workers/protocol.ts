/** Messages between the parse pool (pool.ts) and its workers (parse-worker.ts). */
import type { Diagnostic } from '../errors.js';
import type { UnitFacts } from '../markdown/facts.js';
import type { VarUse } from '../markdown/remark-vars.js';
import type { Unit } from '../model.js';
import type { Fragments } from '../render/fragments.js';

export type WorkerRequest =
  /** What every unit of an edition shares, sent once: the curriculum root and the unit paths for links. */
  | { type: 'context'; id: number; root: string; unitsByPath: [string, string][] }
  | { type: 'unit'; id: number; context: number; unit: Unit; basePath: string; render: boolean };

/** A parse without its tree. */
export interface ParsedRemote {
  diagnostics: Diagnostic[];
  assets: [string, string][];
  deps: [string, string][];
  vars: VarUse[];
  facts: UnitFacts;
  fragments?: Fragments;
}

export type WorkerReply = { id: number; ok: true; result: ParsedRemote } | { id: number; ok: false; error: string };
