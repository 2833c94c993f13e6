/**
 * The persistent cache, `.trainpack-cache/` in the curriculum folder.
 * Content-hash keyed JSON files under a folder named by trainpack's version
 * and plugin set, so an upgrade never reads an old entry. Safe to delete at
 * any time; a corrupt or unreadable entry is a miss, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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

/** More pack files than this in a namespace are merged into one by the next build that writes there. */
const MAX_PACKS = 8;
/** A merged pack larger than this keeps only the entries of the build that merges it. */
const MAX_MERGED_BYTES = 256 * 1024 * 1024;

/**
 * A content-addressed store of JSON values, by namespace (`unit`,
 * `fragments`, `tables`).
 *
 * Entries live in pack files, `<ns>/<time>-<random>.json`, each one JSON
 * object of key -> value: one build writes one pack a namespace with what it
 * added, instead of one small file an entry (creating thousands of files is
 * most of a cold build's cache cost on a slow disk, and reading them most
 * of a warm one's). A namespace's packs are read, all at once, the first
 * time one of its entries is asked for; later packs win. When a namespace
 * has more than MAX_PACKS packs, the next write merges them into one.
 * Packs are written to a temporary name and renamed, so a reader never sees
 * half a pack; one that cannot be read (deleted by a merge meanwhile,
 * corrupt) is ignored: a miss, never an error.
 */
export class DiskCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  private readonly loaded = new Map<string, { entries: Map<string, unknown>; packs: string[]; bytes: number }>();
  /** Entries set in this process, by namespace: what flush() writes. */
  private readonly added = new Map<string, Map<string, unknown>>();
  /** Keys read or set in this process, by namespace: what a merge that must shrink keeps. */
  private readonly used = new Map<string, Set<string>>();

  constructor(root: string) {
    this.dir = path.join(root, `v-${CACHE_SALT}`);
  }

  private load(ns: string) {
    let l = this.loaded.get(ns);
    if (l) return l;
    l = { entries: new Map(), packs: [], bytes: 0 };
    const dir = path.join(this.dir, ns);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
    } catch {
      // No namespace yet.
    }
    for (const name of names) {
      try {
        const text = readFileSync(path.join(dir, name), 'utf8');
        const pack = JSON.parse(text) as Record<string, unknown>;
        for (const [k, v] of Object.entries(pack)) l.entries.set(k, v);
        l.packs.push(name);
        l.bytes += text.length;
      } catch {
        // Corrupt or gone: its entries are misses.
      }
    }
    this.loaded.set(ns, l);
    return l;
  }

  private use(ns: string, key: string): void {
    (this.used.get(ns) ?? this.used.set(ns, new Set()).get(ns)!).add(key);
  }

  /** The value stored under `ns/key`, or undefined. */
  get<T>(ns: string, key: string): T | undefined {
    const value = (this.added.get(ns)?.get(key) ?? this.load(ns).entries.get(key)) as T | undefined;
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.use(ns, key);
    return value;
  }

  /** Store a value (readable at once; on disk after flush()). */
  set(ns: string, key: string, value: unknown): void {
    (this.added.get(ns) ?? this.added.set(ns, new Map()).get(ns)!).set(key, value);
    this.use(ns, key);
  }

  /** Write what set() added since the last flush: one pack a namespace (merging packs when there are many). */
  async flush(): Promise<void> {
    const added = [...this.added];
    this.added.clear();
    for (const [ns, entries] of added) {
      if (entries.size === 0) continue;
      try {
        await this.writePack(ns, entries);
      } catch {
        // A cache that cannot be written is only slower.
      }
    }
  }

  private async writePack(ns: string, entries: Map<string, unknown>): Promise<void> {
    const dir = path.join(this.dir, ns);
    await mkdir(dir, { recursive: true });
    const l = this.load(ns);
    for (const [k, v] of entries) l.entries.set(k, v);
    const merge = l.packs.length + 1 > MAX_PACKS;
    let content: Map<string, unknown> = entries;
    if (merge) {
      content = l.entries;
      if (l.bytes > MAX_MERGED_BYTES) {
        const used = this.used.get(ns) ?? new Set<string>();
        content = new Map([...l.entries].filter(([k]) => used.has(k)));
      }
    }
    const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}.json`;
    const text = JSON.stringify(Object.fromEntries(content));
    const tmp = path.join(dir, `.${name}.tmp`);
    await writeFile(tmp, text);
    await rename(tmp, path.join(dir, name));
    if (merge) {
      // The merged pack holds everything the old ones did (or what this build used): drop them.
      await Promise.all(l.packs.map((p) => rm(path.join(dir, p), { force: true })));
      l.packs = [];
      l.bytes = 0;
    }
    l.packs.push(name);
    l.bytes += text.length;
  }
}
