/** Git blob hashes without git: what `git hash-object <file>` prints. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** sha1("blob <size>\0<content>"), the id git gives a file's content. */
export function blobHash(content: Buffer | string): string {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

/** The blob hash of a file on disk. */
export async function fileBlobHash(file: string): Promise<string> {
  return blobHash(await readFile(file));
}
