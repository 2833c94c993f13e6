/**
 * The persistent cache, `.trainpack-cache/` in the curriculum folder.
 * Content-hash keyed JSON files under a folder named by trainpack's version
 * and plugin set, so an upgrade never reads an old entry. Safe to delete at
 * any time; a corrupt or unreadable entry is a miss, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string; dependencies: Record<string, string> };

/**
 * What every key is salted with: trainpack's version and its Markdown
 * plugin set. Bump CACHE_FORMAT when the shape of a cached value changes.
 */
const CACHE_FORMAT = 1;
export const CACHE_SALT = createHash('sha1')
  .update(JSON.stringify([CACHE_FORMAT, pkg.version, Object.entries(pkg.dependencies).filter(([n]) => /^(remark|rehype|unified|mdast|hast|micromark)/.test(n))]))
  .digest('hex')
  .slice(0, 12);

/** A content-addressed store of JSON values. */
export class DiskCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  private readonly made = new Set<string>();

  constructor(root: string) {
    this.dir = path.join(root, `v-${CACHE_SALT}`);
  }

  private file(ns: string, key: string): string {
    return path.join(this.dir, ns, key.slice(0, 2), `${key}.json`);
  }

  /** The value stored under `ns/key`, or undefined. */
  get<T>(ns: string, key: string): T | undefined {
    try {
      const value = JSON.parse(readFileSync(this.file(ns, key), 'utf8')) as T;
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Store a value; written to a temporary name and renamed, so readers never see half a file. */
  set(ns: string, key: string, value: unknown): void {
    const file = this.file(ns, key);
    const dir = path.dirname(file);
    try {
      if (!this.made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written is only slower.
    }
  }
}
