/**
 * Images in questions. The parse stage inlines local images as data URIs;
 * Moodle XML and QTI carry them as files instead (Moodle's HTML cleaning
 * and most QTI players do not accept data URIs). Names are content hashes,
 * so the same image is one file and the output is the same on every run.
 */
import { createHash } from 'node:crypto';
import type { ElementContent } from 'hast';
import mime from 'mime-types';

/** An image taken out of content, to attach beside it. */
export interface MediaFile {
  /** `<hash>.<ext>`: safe in a URL and a file name. */
  name: string;
  type: string;
  data: Buffer;
}

const DATA_URI = /^data:([^;,]+)(;base64)?,(.*)$/s;

/** Decode a data URI; undefined for anything else. */
export function fromDataUri(uri: string): MediaFile | undefined {
  const m = DATA_URI.exec(uri);
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  const data = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
  const ext = mime.extension(type) || 'bin';
  return { name: `${createHash('sha256').update(data).digest('hex').slice(0, 16)}.${ext}`, type, data };
}

/**
 * Replace each data-URI image by a reference to a file: `href(name)` gives
 * the new `src`. Returns the rewritten nodes and the files they use (each once).
 */
export function extractMedia(
  nodes: readonly ElementContent[],
  href: (name: string) => string,
): { nodes: ElementContent[]; files: MediaFile[] } {
  const files = new Map<string, MediaFile>();
  const walk = (list: readonly ElementContent[]): ElementContent[] =>
    list.map((n) => {
      if (n.type !== 'element') return n;
      const src = n.properties?.src;
      const file = n.tagName === 'img' && typeof src === 'string' ? fromDataUri(src) : undefined;
      if (file) {
        files.set(file.name, file);
        return { ...n, properties: { ...n.properties, src: href(file.name) } };
      }
      return { ...n, children: walk(n.children) };
    });
  return { nodes: walk(nodes), files: [...files.values()] };
}

/** Does any image in the nodes use a data URI? */
export function hasInlineImages(nodes: readonly ElementContent[]): boolean {
  return nodes.some((n) => n.type === 'element' && ((n.tagName === 'img' && String(n.properties?.src ?? '').startsWith('data:')) || hasInlineImages(n.children)));
}
