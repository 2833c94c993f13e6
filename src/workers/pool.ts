/**
 * Worker threads that parse units and render their fragments (issue 8:
 * parallelism where it pays). Used for a batch of units the caches do not
 * have, when it is large enough to pay for starting the workers (each loads
 * the Markdown pipeline: ~0.2 s); smaller batches parse on the main thread.
 *
 * TRAINPACK_WORKERS sets the number of workers (default: the machine's
 * available parallelism; 0 parses on the main thread), TRAINPACK_WORKERS_MIN
 * the smallest batch sent to them (default 64 units). The pool runs only
 * from the built package (dist/): from TypeScript sources (the unit tests)
 * there is no worker script, and units are parsed on the main thread.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Unit } from '../model.js';
import type { ParsedRemote, WorkerReply, WorkerRequest } from './protocol.js';

/** `NODE_DEBUG=trainpack:workers` says when a pool starts and how many units it parsed. */
const debug = debuglog('trainpack:workers');
const SCRIPT = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
/** Messages a worker holds at once: one parsing, one waiting, so it never idles on the way back. */
const IN_FLIGHT = 2;

function envInt(name: string): number | undefined {
  const n = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** How many workers a pool gets here (0: none). */
export function workerCount(): number {
  if (!existsSync(SCRIPT)) return 0;
  return envInt('TRAINPACK_WORKERS') ?? Math.min(os.availableParallelism(), 8);
}

/** The smallest batch worth sending to workers. */
export function minBatch(): number {
  return envInt('TRAINPACK_WORKERS_MIN') ?? 64;
}

interface Slot {
  worker: Worker;
  busy: number;
}

interface Job {
  msg: Extract<WorkerRequest, { type: 'unit' }>;
  resolve: (r: ParsedRemote) => void;
  reject: (e: Error) => void;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly waiting = new Map<number, Job>();
  private nextId = 1;
  private readonly contexts = new WeakMap<Map<string, string>, number>();
  /** Which worker holds each message. */
  private readonly owner = new Map<number, Slot>();

  private parsed = 0;

  constructor(size: number) {
    debug('starting %d parse workers', size);
    for (let i = 0; i < size; i++) {
      // A unit needs a few MB: a small old generation makes the worker collect early instead of growing (peak memory).
      const worker = new Worker(SCRIPT, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        const job = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        this.owner.delete(reply.id);
        slot.busy--;
        // An idle worker does not keep the process alive; a busy one must, or awaiting it ends the process.
        if (slot.busy === 0) worker.unref();
        if (job) {
          this.parsed++;
          if (reply.ok) job.resolve(reply.result);
          else job.reject(new Error(reply.error));
        }
        this.pump();
      });
      worker.on('error', (err) => {
        // A worker that died fails what it held; the caller parses those units itself.
        for (const [id, job] of this.waiting) {
          if (this.owner.get(id) === slot) {
            this.waiting.delete(id);
            job.reject(err);
          }
        }
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.pump();
      });
      worker.unref();
      this.slots.push(slot);
    }
  }

  /** The id of an edition's shared parse context, sent to every worker the first time. */
  context(root: string, unitsByPath: Map<string, string>): number {
    let id = this.contexts.get(unitsByPath);
    if (id === undefined) {
      id = this.nextId++;
      this.contexts.set(unitsByPath, id);
      const msg: WorkerRequest = { type: 'context', id, root, unitsByPath: [...unitsByPath] };
      for (const s of this.slots) s.worker.postMessage(msg);
    }
    return id;
  }

  /** Parse one unit in a worker (and render its fragments when `render`). */
  parse(context: number, unit: Unit, basePath: string, render: boolean): Promise<ParsedRemote> {
    return new Promise((resolve, reject) => {
      if (this.slots.length === 0) return reject(new Error('no parse worker left'));
      this.queue.push({ msg: { type: 'unit', id: this.nextId++, context, unit, basePath, render }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.reduce<Slot | undefined>((best, s) => (s.busy < IN_FLIGHT && (!best || s.busy < best.busy) ? s : best), undefined);
      if (!slot) {
        if (this.slots.length === 0) for (const job of this.queue.splice(0)) job.reject(new Error('no parse worker left'));
        return;
      }
      const job = this.queue.shift()!;
      slot.busy++;
      slot.worker.ref();
      this.waiting.set(job.msg.id, job);
      this.owner.set(job.msg.id, slot);
      slot.worker.postMessage(job.msg);
    }
  }

  async close(): Promise<void> {
    debug('%d units parsed in workers', this.parsed);
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
