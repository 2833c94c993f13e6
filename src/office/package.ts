/**
 * Same input, same bytes: pptxgenjs and docx stamp the time of writing into
 * docProps/core.xml and zip with the current time, and docx names embedded
 * media with random ids. Each file is unpacked (fflate), those parts are
 * fixed (the dates to 2000-01-01, media renamed by content hash, with their
 * references), and it is packed again by emit/zip.ts (fixed entry dates,
 * sizes before the data), `[Content_Types].xml` first as the Open Packaging
 * Conventions expect.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { zip } from '../emit/zip.js';

const FIXED_DATE = '2000-01-01T00:00:00Z';

/** Repack an Office file deterministically; `edit` may change any XML part (path -> text). */
export function normalizeOffice(file: Uint8Array, edit?: (name: string, xml: string) => string): Buffer {
  const entries = unzipSync(file);
  const names = Object.keys(entries);
  // Media named at random: rename by content, and every reference to the old name with it.
  const renames = new Map<string, string>();
  for (const name of names) {
    const m = /^(word|ppt|xl)\/media\/(.+?)(\.[A-Za-z0-9]+)$/.exec(name);
    if (!m) continue;
    const hash = createHash('sha1').update(entries[name]!).digest('hex').slice(0, 16);
    renames.set(`${m[2]}${m[3]}`, `m${hash}${m[3]}`);
  }
  const out = new Map<string, Uint8Array>();
  const ordered = ['[Content_Types].xml', ...names.filter((n) => n !== '[Content_Types].xml').sort()];
  for (const name of ordered) {
    let data = entries[name];
    // Folder entries carry nothing a reader needs.
    if (!data || name.endsWith('/')) continue;
    let target = name;
    const media = /^((?:word|ppt|xl)\/media\/)(.+)$/.exec(name);
    if (media && renames.has(media[2]!)) target = media[1]! + renames.get(media[2]!)!;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = strFromU8(data);
      if (name === 'docProps/core.xml') {
        xml = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${FIXED_DATE}$2`);
      }
      for (const [from, to] of renames) xml = xml.split(`media/${from}`).join(`media/${to}`);
      if (edit) xml = edit(name, xml);
      data = strToU8(xml);
    }
    out.set(target, data);
  }
  return zip(out);
}
