/**
 * Partial credit for multiple-choice questions, in percent. The correct
 * options share 100; each wrong one takes away enough that ticking every
 * box scores 0 (platforms clamp the total at 0), so guessing does not pay.
 *
 * Moodle accepts only the weights below (its grade menu; an import with
 * any other value fails), so every weight is taken from that list.
 */

/** Moodle's grade options, in percent (`question_bank::fraction_options_full`). */
export const MOODLE_WEIGHTS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5] as const;

/** Moodle rounds the sum of positive fractions to 2 decimals of a fraction; this is well inside. */
const TOLERANCE = 0.001;

/**
 * Weights for `count` correct options, each from MOODLE_WEIGHTS, summing to
 * 100. Equal when the list allows (1–10 or 20 options), otherwise two
 * neighbouring values (11 options: nine of 10 and two of 5), larger first.
 * Undefined when impossible (more than 20 correct options).
 */
export function correctWeights(count: number): number[] | undefined {
  if (count < 1) return undefined;
  const equal = MOODLE_WEIGHTS.find((w) => Math.abs(w * count - 100) < TOLERANCE);
  if (equal !== undefined) return Array<number>(count).fill(equal);
  let best: { a: number; b: number; k: number } | undefined;
  for (const a of MOODLE_WEIGHTS) {
    for (const b of MOODLE_WEIGHTS) {
      if (b >= a) continue;
      for (let k = 1; k < count; k++) {
        if (Math.abs(k * a + (count - k) * b - 100) >= TOLERANCE) continue;
        if (!best || a - b < best.a - best.b) best = { a, b, k };
      }
    }
  }
  if (!best) return undefined;
  return [...Array<number>(best.k).fill(best.a), ...Array<number>(count - best.k).fill(best.b)];
}

/**
 * The (negative) weight of each of `count` wrong options: the smallest one
 * in the list that still takes 100 away when all are ticked.
 */
export function wrongWeight(count: number): number {
  const fits = MOODLE_WEIGHTS.filter((w) => w * count >= 100 - TOLERANCE);
  return -Math.min(...(fits.length ? fits : [5]));
}

/**
 * Weights of a multiple-choice question's options, in order: positive for
 * correct ones, negative for wrong ones. Undefined when Moodle cannot
 * express it.
 */
export function optionWeights(correct: readonly boolean[]): number[] | undefined {
  const right = correctWeights(correct.filter(Boolean).length);
  if (!right) return undefined;
  const wrong = wrongWeight(correct.filter((c) => !c).length);
  let i = 0;
  return correct.map((c) => (c ? right[i++]! : wrong));
}

/** A weight as GIFT and Moodle XML write it: `100`, `33.33333`, `-50`. */
export function formatWeight(w: number): string {
  return String(Number(w.toFixed(5)));
}
