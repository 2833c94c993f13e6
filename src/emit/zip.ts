/**
 * Deterministic ZIP archives, deflated by fflate (a maintained, pure-JS zlib:
 * the same bytes on every machine, unlike Node's zlib whose output depends on
 * the zlib build).
 *
 * What readers need, and why:
 * - every entry dated 1980-01-01 00:00 (the earliest DOS date), so the same
 *   files always make the same archive;
 * - sizes and CRC in the local header, no trailing data descriptors (general
 *   flag bit 3): SCORM Cloud and some LMS importers reject them. fflate's
 *   synchronous `zipSync` writes sizes before the data;
 * - forward-slash, relative paths only (a backslash breaks the Moodle app on
 *   Android), checked here;
 * - entries in the map's order (callers sort when order is free).
 *
 * Limits: no ZIP64, so under 4 GiB and 65,535 entries.
 */
import { zipSync, type Zippable } from 'fflate';

/** Entries that deflate barely or not at all are stored (already-compressed formats). */
// PDFs are deflated: Chromium leaves fonts and much else uncompressed (the example's guide: 1.8 MB -> 1.1 MB).
const STORED = /\.(png|jpe?g|gif|webp|zip|woff2?|mp[34]|pptx|docx|gz)$/i;

/** Options of {@link zip}. */
export interface ZipOptions {
  /** Deflate level 0–9 (default 9; 0 stores every entry). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Build a ZIP archive of `files` (path inside the archive -> content), in the map's order. */
export function zip(files: ReadonlyMap<string, string | Uint8Array>, options: ZipOptions = {}): Buffer {
  const level = options.level ?? 9;
  // A local-time date: fflate writes DOS fields from the local calendar, so this is 1980-01-01 00:00 in any time zone.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  for (const [name, content] of files) {
    if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new Error(`internal: bad ZIP entry name ${JSON.stringify(name)}`);
    }
    if (Object.prototype.hasOwnProperty.call(entries, name)) throw new Error(`internal: duplicate ZIP entry ${name}`);
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    entries[name] = [data, { level: STORED.test(name) ? 0 : level, mtime }];
  }
  if (files.size > 0xffff) throw new Error('The package is too large for a ZIP without ZIP64');
  const out = zipSync(entries, { level, mtime });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
