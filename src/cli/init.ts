/** `trainpack init <dir>`: start a curriculum from templates/init. */
import { cp, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Diagnostics, TrainpackError } from '../errors.js';
import { exists } from '../load/files.js';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import { EXIT, type Output } from './report.js';
import { addSchemaLine } from './schema-line.js';
import { selfCommand } from './self.js';

/** Copy the starter curriculum into `dir`, which must be empty or new. */
export async function init(dir: string): Promise<string> {
  const target = path.resolve(dir);
  if ((await exists(target)) && (await readdir(target)).length > 0) {
    const diags = new Diagnostics();
    diags.error('output', `${dir} is not empty; trainpack init never overwrites files`, { file: dir }, 'Name a new or empty folder.');
    throw new TrainpackError(diags.list);
  }
  await cp(path.join(BUILTIN_TEMPLATES, 'init'), target, { recursive: true, errorOnExist: true, force: false });
  // npm leaves every .gitignore out of a package: the starter's is shipped as `gitignore`.
  await rename(path.join(target, 'gitignore'), path.join(target, '.gitignore'));
  await addSchemaLine(path.join(target, 'curriculum.yml'), 'curriculum');
  for (const m of await readdir(path.join(target, 'modules'))) await addSchemaLine(path.join(target, 'modules', m, 'module.yml'), 'module');
  return target;
}

export function registerInit(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('init')
    .description('Start a new curriculum: one module with one unit of each type, commented')
    .argument('<dir>', 'new or empty folder')
    .action(async (dir: string) => {
      const target = await init(dir);
      io.err(`✔ Created a curriculum in ${target}`);
      io.err(`  Next: ${selfCommand()} build ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`);
      setCode(EXIT.ok);
    });
}
