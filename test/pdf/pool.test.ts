/** The bounded page pool (src/pdf/pool.ts), with plain objects for pages. */
import { describe, expect, it } from 'vitest';
import { Pool } from '../../src/pdf/pool.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

function counting(size: number) {
  let made = 0;
  const destroyed: number[] = [];
  const pool = new Pool<{ id: number }>(
    size,
    async () => ({ id: ++made }),
    async (item) => void destroyed.push(item.id),
  );
  return { pool, made: () => made, destroyed };
}

describe('Pool', () => {
  it('never runs more jobs at once than its size, and reuses items', async () => {
    const { pool, made } = counting(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 7 }, () =>
        pool.use(async () => {
          peak = Math.max(peak, ++active);
          await tick();
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(made()).toBe(2);
  });

  it('destroys an item whose job failed and lets waiting jobs go on', async () => {
    const { pool, made, destroyed } = counting(1);
    const failing = pool.use(async () => {
      await tick();
      throw new Error('timeout');
    });
    const next = pool.use(async (item) => item.id);
    await expect(failing).rejects.toThrow('timeout');
    expect(await next).toBe(2); // a fresh item, not the failed one
    expect(destroyed).toEqual([1]);
    expect(made()).toBe(2);
  });

  it('closes every item, and refuses work afterwards', async () => {
    const { pool, destroyed } = counting(3);
    await Promise.all([1, 2, 3].map(() => pool.use(() => tick())));
    await pool.close();
    expect(destroyed.sort()).toEqual([1, 2, 3]);
    await expect(pool.use(async () => 1)).rejects.toThrow(/closed/);
  });

  it('rejects a size below one', () => {
    expect(() => new Pool(0, async () => 1, async () => undefined)).toThrow(RangeError);
  });
});
