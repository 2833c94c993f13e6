/**
 * A bounded pool: at most `size` items (browser pages) exist at once; jobs
 * beyond that wait for one to come back. On two cores, two pages keep the
 * browser busy while Node post-processes the previous PDF; more only add
 * memory.
 */

/** Pool of reusable resources created on demand. */
export class Pool<T> {
  private readonly idle: T[] = [];
  private readonly waiting: ((item: T | undefined) => void)[] = [];
  private created = 0;
  private closed = false;
  private readonly all = new Set<T>();

  /**
   * @param size most items alive at once (at least 1)
   * @param create makes a new item
   * @param destroy disposes of one (called on failure and on `close`)
   */
  constructor(
    readonly size: number,
    private readonly create: () => Promise<T>,
    private readonly destroy: (item: T) => Promise<void>,
  ) {
    if (!(size >= 1)) throw new RangeError(`Pool size must be at least 1, got ${size}`);
  }

  /**
   * Run `fn` with an item. An item whose job threw is destroyed instead of
   * reused: a page that timed out may still be busy.
   */
  async use<R>(fn: (item: T) => Promise<R>): Promise<R> {
    const item = await this.acquire();
    try {
      const result = await fn(item);
      this.release(item);
      return result;
    } catch (err) {
      await this.discard(item);
      throw err;
    }
  }

  /** Destroy every item; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    const items = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.allSettled(items.map((i) => this.destroy(i)));
  }

  private async acquire(): Promise<T> {
    if (this.closed) throw new Error('Pool is closed');
    const ready = this.idle.pop();
    if (ready !== undefined) return ready;
    if (this.created < this.size) {
      this.created++;
      try {
        const item = await this.create();
        this.all.add(item);
        return item;
      } catch (err) {
        this.created--;
        this.wakeOne();
        throw err;
      }
    }
    const item = await new Promise<T | undefined>((resolve) => this.waiting.push(resolve));
    if (item === undefined) {
      // Woken because an item was discarded (room to create one) or the pool closed.
      return this.acquire();
    }
    return item;
  }

  private release(item: T): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next(item);
    else this.idle.push(item);
  }

  private async discard(item: T): Promise<void> {
    this.all.delete(item);
    this.created--;
    this.wakeOne();
    await this.destroy(item).catch(() => undefined);
  }

  /** Let one waiter retry `acquire` (it will create an item or see the pool closed). */
  private wakeOne(): void {
    this.waiting.shift()?.(undefined);
  }
}
