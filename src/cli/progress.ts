/**
 * The progress line of a long build: one line on stderr, rewritten in
 * place, only when stderr is a terminal (Output.status) and neither
 * `--quiet` nor `--json` was given. Piped output never sees it.
 */
import { performance } from 'node:perf_hooks';
import type { BuildProgress } from '../api.js';
import type { Output } from './report.js';

/** Rewrites at most this often: a terminal redrawn a thousand times a second slows the build. */
const EVERY_MS = 100;

export interface ProgressLine {
  /** Give to build() as `onProgress`, or undefined when there is no line to draw. */
  onProgress?: (p: BuildProgress) => void;
  /** Clear the line (before the summary, or an error). */
  done(): void;
}

/** What the line says for a step of the build. */
export function describe(p: BuildProgress): string {
  switch (p.stage) {
    case 'parse':
      return `Parsing: ${p.units} unit${p.units === 1 ? '' : 's'}`;
    case 'render':
      return `Rendering ${p.edition} (edition ${p.done + 1} of ${p.total})`;
    case 'pdf':
      return `Printing PDFs: ${p.files}/${p.total} files, ${p.pages} page${p.pages === 1 ? '' : 's'}`;
  }
}

export function progressLine(io: Output, enabled: boolean): ProgressLine {
  const status = enabled ? io.status : undefined;
  if (!status) return { done: () => undefined };
  let last = -Infinity;
  let stage = '';
  return {
    onProgress: (p) => {
      const now = performance.now();
      // A new stage always shows; counts within one stage are thinned out.
      if (p.stage === stage && p.stage !== 'render' && now - last < EVERY_MS) return;
      stage = p.stage;
      last = now;
      status(describe(p));
    },
    done: () => status(''),
  };
}
