/**
 * The persistent cache, `.trainpack-cache/` in the curriculum folder.
 * Content-hash keyed JSON files under a folder named by trainpack's version
 * and plugin set, so an upgrade never reads an old entry. Safe to delete at
 * any time; a corrupt or unreadable entry is a miss, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string; dependencies: Record<string, string> };

/**
 * What every key is salted with: trainpack's version and its Markdown
 * plugin set. Bump CACHE_FORMAT when the shape of a cached value changes.
 */
const CACHE_FORMAT = 2;
export const CACHE_SALT = createHash('sha1')
  .update(JSON.stringify([CACHE_FORMAT, pkg.version, Object.entries(pkg.dependencies).filter(([n]) => /^(remark|rehype|unified|mdast|hast|micromark)/.test(n))]))
  .digest('hex')
  .slice(0, 12);

/** A content-addressed store of JSON values. */
export class DiskCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  /** Folders created (or being created) for entries. */
  private readonly dirs = new Map<string, Promise<void>>();
  /** Writes under way, and the text of each file being written (read from here until it is on disk). */
  private readonly writes = new Set<Promise<void>>();
  private readonly pending = new Map<string, string>();

  constructor(root: string) {
    this.dir = path.join(root, `v-${CACHE_SALT}`);
  }

  private file(ns: string, key: string): string {
    return path.join(this.dir, ns, key.slice(0, 2), `${key}.json`);
  }

  /** The value stored under `ns/key`, or undefined. */
  get<T>(ns: string, key: string): T | undefined {
    try {
      const file = this.file(ns, key);
      const value = JSON.parse(this.pending.get(file) ?? readFileSync(file, 'utf8')) as T;
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /**
   * Store a value; written to a temporary name and renamed, so readers never
   * see half a file. The write happens in the background (file creation is
   * slow on some disks, and the build has parsing to do meanwhile): call
   * flush() before the process ends. A value is readable from memory at once.
   */
  set(ns: string, key: string, value: unknown): void {
    const file = this.file(ns, key);
    const dir = path.dirname(file);
    const text = JSON.stringify(value);
    this.pending.set(file, text);
    let ready = this.dirs.get(dir);
    if (!ready) this.dirs.set(dir, (ready = mkdir(dir, { recursive: true }).then(() => undefined)));
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    const write = ready
      .then(() => writeFile(tmp, text))
      .then(() => rename(tmp, file))
      .catch(() => rm(tmp, { force: true }).catch(() => undefined)) // A cache that cannot be written is only slower.
      .finally(() => {
        if (this.pending.get(file) === text) this.pending.delete(file);
        this.writes.delete(write);
      });
    this.writes.add(write);
  }

  /** Wait for every write started by set(). */
  async flush(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }
}
