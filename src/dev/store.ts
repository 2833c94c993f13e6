/**
 * The pages `trainpack dev` serves, held in memory: nothing is written to
 * disk, so the curriculum folder never receives output. Linked files the
 * build would copy are read from their source on request, and only those.
 */
import { readFile } from 'node:fs/promises';
import { realInside } from '../load/inside.js';
import path from 'node:path';
import mime from 'mime-types';
import type { Templates } from '../render/templates.js';

/**
 * Stands in the reload script for the version of the page it is in. Each
 * page gets the number of the build that last changed it, so a page loaded
 * just before a rebuild learns on connecting that it is out of date.
 */
export const VERSION_SLOT = '__TRAINPACK_DEV_VERSION__';

/** The markup every dev page ends with: the error overlay's style and the reload script (never in build output). */
export function devInject(templates: Templates): string {
  return `<style>${templates.read('css/dev-overlay.css')}</style>\n<script data-tp-version="${VERSION_SLOT}">${templates.read('js/reload.js')}</script>`;
}

const CSP = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)"/i;

/**
 * Let a page open the reload channel: the head of `html` up to the end of
 * its CSP meta, rewritten, and where the untouched rest starts. Built pages
 * forbid every connection (`default-src 'none'`), which is right for a file
 * opened offline; served by the dev server, the page must reach its own
 * origin for server-sent events. Only dev pages change; build output keeps its policy.
 */
export function allowDevConnect(html: string): { head: string; rest: number } {
  const end = html.indexOf('</head>');
  const m = CSP.exec(html.slice(0, end === -1 ? 8192 : end));
  if (!m) return { head: '', rest: 0 };
  const policy = /connect-src/.test(m[2]!) ? m[2]!.replace(/connect-src/, "connect-src 'self'") : `${m[2]}; connect-src 'self'`;
  return { head: html.slice(0, m.index) + m[1] + policy + '"', rest: m.index + m[0].length };
}

/**
 * The bytes served for a page: the CSP allowing the reload channel, and the
 * page's version in the reload script. Built in pieces, so a page of
 * megabytes is encoded once and never copied as a string.
 */
export function encodePage(html: string, version: number): Buffer {
  const { head, rest } = allowDevConnect(html);
  const slot = html.lastIndexOf(VERSION_SLOT);
  const tail = slot >= rest ? [String(version), html.slice(slot + VERSION_SLOT.length)] : [];
  return Buffer.concat([head, html.slice(rest, slot >= rest ? slot : undefined), ...tail].map((part) => Buffer.from(part, 'utf8')));
}

/** What a request gets: the bytes and their type. */
export interface Served {
  body: Buffer;
  type: string;
}

interface Page {
  html: string;
  version: number;
  /** Encoded on the first request: a rebuild costs nothing for pages nobody has open. */
  body?: Buffer;
  /** May have changed since `html` was rendered: render it again when requested. */
  stale?: boolean;
}

/** What a build hands the store. */
export interface StoreUpdate {
  /** Every page the edition now has; others (a removed module's deck) are dropped. */
  every: string[];
  /** Pages rendered now. */
  files: Map<string, string>;
  /** Pages that may have changed, left to render when first requested (no page has them open). */
  later: string[];
  /** Linked files to serve: output path -> source file. */
  copies: Map<string, string>;
}

/** Rendered pages by path relative to the edition, and the files to copy. */
export class PageStore {
  private readonly pages = new Map<string, Page>();
  private copies = new Map<string, string>();
  /** Number of the last update that changed something. */
  version = 0;

  /** @param render renders pages of the last good edition (for the pages left for later). */
  /**
   * @param root the curriculum folder: a copied file is served only while its
   * real path stays inside it (a file swapped for a link since the build is not).
   */
  constructor(
    private readonly render: (pages: Set<string>) => Map<string, string>,
    private readonly root?: string,
  ) {}

  /**
   * Swap in rendered pages and mark the ones left for later. Returns the
   * paths whose content changed (a page rendered now and identical to the
   * one served is not among them) or may have (the ones left for later).
   */
  update(u: StoreUpdate): string[] {
    const changed: string[] = [];
    const version = this.version + 1;
    for (const [rel, html] of u.files) {
      const page = this.pages.get(rel);
      if (page && !page.stale && page.html === html) continue;
      this.pages.set(rel, { html, version });
      changed.push(rel);
    }
    for (const rel of u.later) {
      this.pages.set(rel, { html: this.pages.get(rel)?.html ?? '', version, stale: true });
      changed.push(rel);
    }
    const every = new Set(u.every);
    for (const rel of [...this.pages.keys()].filter((r) => !every.has(r))) {
      this.pages.delete(rel);
      changed.push(rel);
    }
    for (const rel of new Set([...this.copies.keys(), ...u.copies.keys()])) if (this.copies.get(rel) !== u.copies.get(rel)) changed.push(rel);
    this.copies = new Map(u.copies);
    if (changed.length > 0) this.version = version;
    return changed;
  }

  /** The build number a page was last changed in (undefined: no such page). */
  versionOf(rel: string): number | undefined {
    return this.pages.get(rel)?.version;
  }

  /** The paths of every page. */
  paths(): string[] {
    return [...this.pages.keys()];
  }

  /** The content of an output path; undefined when the output has no such file. */
  async read(rel: string): Promise<Served | undefined> {
    const type = mime.contentType(path.extname(rel)) || 'application/octet-stream';
    const page = this.pages.get(rel);
    if (page?.stale) {
      page.html = this.render(new Set([rel])).get(rel) ?? '';
      page.stale = false;
    }
    if (page) return { body: (page.body ??= encodePage(page.html, page.version)), type };
    const source = this.copies.get(rel);
    if (!source) return undefined;
    if (this.root !== undefined && !realInside(source, this.root).inside) return undefined;
    try {
      return { body: await readFile(source), type };
    } catch {
      return undefined; // deleted since the build: the next rebuild reports it
    }
  }
}
