/**
 * Keeping peak memory down between editions (issue 8: under 1 GiB for a
 * 1,000-unit curriculum in five editions). Rendering an edition makes a few
 * hundred MB of large strings (pages, their filled fragments, the buffers
 * written) that are garbage once the edition is written. They live in V8's
 * large-object space, which only a full collection frees, and V8 lets the
 * heap grow far before it runs one: measured, a five-edition build peaked
 * at ~1 GB of resident memory, most of it garbage. After each edition,
 * when the heap holds more than HIGH_WATER, trainpack asks for a full
 * collection (~0.1 s) instead.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const HIGH_WATER = 384 * 2 ** 20;

let gc: (() => void) | undefined | null = null;

function collector(): (() => void) | undefined {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  return gc ?? undefined;
}

/** Collect garbage now if the heap has grown past the high-water mark. */
export function releaseGarbage(): void {
  if (process.memoryUsage().heapUsed > HIGH_WATER) collector()?.();
}
