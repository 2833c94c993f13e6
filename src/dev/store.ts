/**
 * The pages `trainpack dev` serves, held in memory: nothing is written to
 * disk, so the curriculum folder never receives output. Linked files the
 * build would copy are read from their source on request, and only those.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mime from 'mime-types';

/**
 * Stands in the reload script for the version of the page it is in. Each
 * page gets the number of the build that last changed it, so a page loaded
 * just before a rebuild learns on connecting that it is out of date.
 */
export const VERSION_SLOT = '__TRAINPACK_DEV_VERSION__';

const CSP = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)"/i;

/**
 * Let a page open the reload channel. Built pages forbid every connection
 * (`default-src 'none'`), which is right for a file opened offline; served
 * by the dev server, the page must reach its own origin for server-sent
 * events. Only dev pages are changed; build output keeps its policy.
 */
export function allowDevConnect(html: string): string {
  const head = html.indexOf('</head>');
  const end = head === -1 ? Math.min(html.length, 8192) : head;
  const m = CSP.exec(html.slice(0, end));
  if (!m) return html;
  const policy = /connect-src/.test(m[2]!) ? m[2]!.replace(/connect-src/, "connect-src 'self'") : `${m[2]}; connect-src 'self'`;
  return html.slice(0, m.index) + m[1] + policy + '"' + html.slice(m.index + m[0].length);
}

/** What a request gets: the bytes and their type. */
export interface Served {
  body: Buffer;
  type: string;
}

interface Page {
  html: string;
  body: Buffer;
  version: number;
}

/** Rendered pages by path relative to the edition, and the files to copy. */
export class PageStore {
  private readonly pages = new Map<string, Page>();
  private copies = new Map<string, string>();
  /** Number of the last update that changed something. */
  version = 0;

  /**
   * Swap in rendered pages. With `all`, pages the new set lacks are dropped
   * (a removed module's deck). Returns the paths whose content changed.
   */
  update(files: Map<string, string>, copies: Map<string, string>, all: boolean): string[] {
    const changed: string[] = [];
    const version = this.version + 1;
    for (const [rel, html] of files) {
      if (this.pages.get(rel)?.html === html) continue;
      const body = Buffer.from(stampVersion(allowDevConnect(html), version), 'utf8');
      this.pages.set(rel, { html, body, version });
      changed.push(rel);
    }
    for (const rel of all ? [...this.pages.keys()] : []) {
      if (files.has(rel)) continue;
      this.pages.delete(rel);
      changed.push(rel);
    }
    for (const rel of new Set([...this.copies.keys(), ...copies.keys()])) if (this.copies.get(rel) !== copies.get(rel)) changed.push(rel);
    this.copies = new Map(copies);
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
    if (page) return { body: page.body, type };
    const source = this.copies.get(rel);
    if (!source) return undefined;
    try {
      return { body: await readFile(source), type };
    } catch {
      return undefined; // deleted since the build: the next rebuild reports it
    }
  }
}

function stampVersion(html: string, version: number): string {
  const at = html.lastIndexOf(VERSION_SLOT);
  return at === -1 ? html : html.slice(0, at) + version + html.slice(at + VERSION_SLOT.length);
}
