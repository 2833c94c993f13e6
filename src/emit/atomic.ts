/**
 * Emit stage: write editions into a staging folder beside the output and
 * swap each into place only when the whole build succeeded. A failed build
 * leaves the previous output untouched, and a folder trainpack did not
 * create is never replaced.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics, TrainpackError } from '../errors.js';
import { exists } from '../load/files.js';

/** Marks a folder as trainpack output, so it may be replaced by the next build. */
export const MARKER = '.trainpack-output';

/** The files of one edition. */
export interface EditionFiles {
  id: string;
  files: Map<string, string | Buffer>;
  /** Output path (relative to the edition) -> source file to copy. */
  copies: Map<string, string>;
}

/** A staging area that becomes the output on `commit()`. */
export class Staging {
  readonly dir: string;
  private constructor(readonly out: string, dir: string) {
    this.dir = dir;
  }

  /** Check the output folder is safe to write, and create the staging folder. */
  static async open(out: string, sourceRoot: string): Promise<Staging> {
    const o = path.resolve(out);
    const src = path.resolve(sourceRoot);
    if (o === src || src.startsWith(o + path.sep)) {
      const diags = new Diagnostics();
      diags.error('output', `The output folder ${out} contains the curriculum itself; trainpack will not write there`, { file: out });
      throw new TrainpackError(diags.list);
    }
    await mkdir(o, { recursive: true });
    const dir = path.join(o, `.trainpack-staging-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return new Staging(o, dir);
  }

  /** Folder of one edition inside the staging area. */
  editionDir(id: string): string {
    return path.join(this.dir, id);
  }

  /** Write an edition's files into staging. */
  async write(edition: EditionFiles): Promise<string[]> {
    const base = this.editionDir(edition.id);
    const written: string[] = [];
    const dirs = new Set<string>();
    for (const rel of [...edition.files.keys(), ...edition.copies.keys()]) dirs.add(path.dirname(path.join(base, rel)));
    await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
    await Promise.all([
      ...[...edition.files].map(([rel, content]) => writeFile(path.join(base, rel), content)),
      ...[...edition.copies].map(([rel, src]) => copyFile(src, path.join(base, rel))),
    ]);
    written.push(...edition.files.keys(), ...edition.copies.keys());
    await writeFile(path.join(base, MARKER), 'This folder is written by trainpack and replaced on every build.\n');
    return written;
  }

  /** Swap every staged edition into `<out>/<id>`. */
  async commit(): Promise<void> {
    const ids = (await readdir(this.dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const id of ids) {
      const target = path.join(this.out, id);
      if ((await exists(target)) && !(await exists(path.join(target, MARKER)))) {
        const nonEmpty = (await stat(target)).isDirectory() ? (await readdir(target)).length > 0 : true;
        if (nonEmpty) {
          const diags = new Diagnostics();
          diags.error('output', `${target} exists and was not written by trainpack; it will not be replaced`, { file: target }, 'Move it away or choose another --out folder.');
          await this.discard();
          throw new TrainpackError(diags.list);
        }
      }
    }
    for (const id of ids) {
      const target = path.join(this.out, id);
      const old = `${this.dir}-old-${id}`;
      const had = await exists(target);
      if (had) await rename(target, old);
      await rename(path.join(this.dir, id), target);
      if (had) await rm(old, { recursive: true, force: true });
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Throw the staging area away (after a failure). */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
