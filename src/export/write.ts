/**
 * Writing an export file atomically: a temporary file beside the target,
 * renamed over it once complete, so a reader (or an LMS upload) never sees
 * half a file and a failed export leaves the previous one in place.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, TrainpackError } from '../errors.js';

function refuse(message: string, file: string, hint?: string): never {
  const diags = new Diagnostics();
  diags.error('output', message, { file }, hint);
  throw new TrainpackError(diags.list);
}

/**
 * Write `content` to `file`. Refuses a folder, and any file inside the
 * curriculum whose name says it is a source (`.md`, `.yml`, `.yaml`).
 */
export async function writeFileAtomic(file: string, content: string | Buffer, curriculumDir: string): Promise<string> {
  const target = path.resolve(file);
  const root = path.resolve(curriculumDir);
  const st = await stat(target).catch(() => undefined);
  if (st?.isDirectory()) refuse(`${file} is a folder`, file, 'Give a file name, e.g. --out quiz.xml.');
  if (target.startsWith(root + path.sep) && /\.(md|ya?ml)$/i.test(target)) {
    refuse(`${file} is inside the curriculum and looks like a source file; trainpack will not overwrite it`, file);
  }
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return target;
}
