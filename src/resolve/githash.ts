/** Git blob hashes without git: what `git hash-object <file>` prints. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileSignature } from '../markdown/context.js';

/** sha1("blob <size>\0<content>"), the id git gives a file's content. */
export function blobHash(content: Buffer | string): string {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

const known = new Map<string, { sig: string; hash: string }>();

/**
 * The blob hash of a file on disk. Remembered by path while the file's size
 * and modification time stay the same: every overlay file that records an
 * `upstream` asks for the hash of the file below it, often the same one.
 */
export async function fileBlobHash(file: string): Promise<string> {
  const sig = fileSignature(file);
  const hit = known.get(file);
  if (hit && hit.sig === sig && sig !== 'missing') return hit.hash;
  const hash = blobHash(readFileSync(file));
  known.set(file, { sig, hash });
  return hash;
}
