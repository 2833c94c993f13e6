/**
 * The persistent cache, `.trainpack-cache/` in the curriculum folder.
 * Content-hash keyed JSON files under a folder named by trainpack's version
 * and plugin set, so an upgrade never reads an old entry. Safe to delete at
 * any time; a corrupt or unreadable entry is a miss, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string; dependencies: Record<string, string> };

/**
 * What every key is salted with: trainpack's version and its Markdown
 * plugin set. Bump CACHE_FORMAT when the shape of a cached value changes.
 */
const CACHE_FORMAT = 4;
export const CACHE_SALT = createHash('sha1')
  .update(JSON.stringify([CACHE_FORMAT, pkg.version, Object.entries(pkg.dependencies).filter(([n]) => /^(remark|rehype|unified|mdast|hast|micromark)/.test(n))]))
  .digest('hex')
  .slice(0, 12);

/** More pack files than this in a namespace are merged into one by the next build that writes there. */
const MAX_PACKS = 8;
/** A merged pack larger than this keeps only the entries of the build that merges it. */
const MAX_MERGED_BYTES = 256 * 1024 * 1024;

/** An entry as read from a pack (its JSON bytes, parsed when asked for) or as set in this process. */
type Entry = { raw: Buffer; value?: unknown } | { raw?: undefined; value: unknown };

/**
 * A content-addressed store of JSON values, by namespace (`unit`,
 * `fragments`, `tables`).
 *
 * Entries live in pack files, `<ns>/<time>-<random>.pack`, one a namespace
 * for each build that added entries there (creating thousands of small
 * files was most of a cold build's cache cost on a slow disk, and reading
 * them most of a warm one's). A pack is one line of JSON, the index
 * (key -> [offset, length]), then the entries' JSON one after another: a
 * namespace's packs are read at once the first time one of its entries is
 * asked for, but an entry is parsed only when it is asked for. Later packs
 * win. When a namespace has more than MAX_PACKS packs, the next write merges
 * them into one. Packs are written to a temporary name and renamed, so a
 * reader never sees half a pack; one that cannot be read (deleted by a merge
 * meanwhile, corrupt) is ignored: a miss, never an error.
 */
export class DiskCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  private readonly loaded = new Map<string, { entries: Map<string, Entry>; packs: string[]; bytes: number }>();
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
      names = readdirSync(dir).filter((n) => n.endsWith('.pack')).sort();
    } catch {
      // No namespace yet.
    }
    for (const name of names) {
      try {
        const buf = readFileSync(path.join(dir, name));
        const nl = buf.indexOf(10);
        const index = JSON.parse(buf.toString('utf8', 0, nl)) as Record<string, [number, number]>;
        const body = nl + 1;
        for (const [k, [start, length]] of Object.entries(index)) l.entries.set(k, { raw: buf.subarray(body + start, body + start + length) });
        l.packs.push(name);
        l.bytes += buf.length;
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
    let value = this.added.get(ns)?.get(key);
    if (value === undefined) {
      const e = this.load(ns).entries.get(key);
      if (e && e.value === undefined && e.raw) {
        try {
          e.value = JSON.parse(e.raw.toString('utf8'));
        } catch {
          this.load(ns).entries.delete(key); // A corrupt entry is a miss.
        }
      }
      value = e?.value;
    }
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.use(ns, key);
    return value as T;
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

  private async writePack(ns: string, added: Map<string, unknown>): Promise<void> {
    const dir = path.join(this.dir, ns);
    await mkdir(dir, { recursive: true });
    const l = this.load(ns);
    const fresh = new Map<string, Entry>([...added].map(([k, value]) => [k, { value }]));
    for (const [k, e] of fresh) l.entries.set(k, e);
    const merge = l.packs.length + 1 > MAX_PACKS;
    let content = fresh;
    if (merge) {
      content = l.entries;
      if (l.bytes > MAX_MERGED_BYTES) {
        const used = this.used.get(ns) ?? new Set<string>();
        content = new Map([...l.entries].filter(([k]) => used.has(k)));
      }
    }
    const parts: Buffer[] = [];
    const index: Record<string, [number, number]> = {};
    let offset = 0;
    for (const [k, e] of content) {
      const bytes = e.raw ?? Buffer.from(JSON.stringify(e.value));
      index[k] = [offset, bytes.length];
      parts.push(bytes);
      offset += bytes.length;
    }
    const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}.pack`;
    const tmp = path.join(dir, `.${name}.tmp`);
    const head = Buffer.from(JSON.stringify(index) + '\n');
    // Written part by part: a pack of a large curriculum is tens of MB, not worth copying into one buffer.
    const fh = await open(tmp, 'w');
    try {
      let group: Buffer[] = [];
      let size = 0;
      const put = async () => {
        const buf = Buffer.concat(group, size);
        for (let at = 0; at < buf.length; ) at += (await fh.write(buf, at, buf.length - at)).bytesWritten;
        group = [];
        size = 0;
      };
      for (const part of [head, ...parts]) {
        group.push(part);
        size += part.length;
        if (size >= 4 << 20) await put();
      }
      await put();
    } finally {
      await fh.close();
    }
    await rename(tmp, path.join(dir, name));
    if (merge) {
      // The merged pack holds everything the old ones did (or what this build used): drop them.
      await Promise.all(l.packs.map((p) => rm(path.join(dir, p), { force: true })));
      l.packs = [];
      l.bytes = 0;
    }
    l.packs.push(name);
    l.bytes += head.length + offset;
  }
}
