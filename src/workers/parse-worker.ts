/**
 * A worker thread of the parse pool (pool.ts): parses units and renders
 * their fragments, and sends back everything but the tree (trees are large
 * to copy between threads, and nothing after the parse needs them).
 */
import { parentPort } from 'node:worker_threads';
import { createProcessor, parseUnitSync } from '../markdown/processor.js';
import { renderFragments } from '../render/fragments.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const processor = createProcessor();
const contexts = new Map<number, { root: string; unitsByPath: Map<string, string> }>();

parentPort!.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'context') {
    contexts.set(msg.id, { root: msg.root, unitsByPath: new Map(msg.unitsByPath) });
    return;
  }
  let reply: WorkerReply;
  try {
    const ctx = contexts.get(msg.context)!;
    const p = parseUnitSync(processor, { unit: msg.unit, root: ctx.root, basePath: msg.basePath, unitsByPath: ctx.unitsByPath });
    reply = {
      id: msg.id,
      ok: true,
      result: {
        diagnostics: p.diagnostics,
        assets: [...p.assets],
        deps: [...p.deps],
        vars: p.vars,
        facts: p.facts,
        fragments: msg.render ? renderFragments(p.tree, msg.unit.selfCheck, msg.unit) : undefined,
      },
    };
  } catch (err) {
    reply = { id: msg.id, ok: false, error: String((err as Error)?.stack ?? err) };
  }
  parentPort!.postMessage(reply);
});
