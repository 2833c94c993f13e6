/**
 * The `# yaml-language-server: $schema=…` line `init` and `overlay init`
 * put at the top of the YAML files they write, so an editor with the YAML
 * language server (VS Code's YAML extension) completes and checks them
 * against the JSON Schemas shipped in the package (schemas/, written by
 * `npm run build` from the zod schemas).
 *
 * The path is relative from the file to this trainpack's schemas/ folder
 * (for `npm install trainpack` in a project holding the curriculum, that is
 * `../node_modules/trainpack/schemas/…`), with forward slashes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_TEMPLATES } from '../render/templates.js';

/** Where the package's JSON Schemas are. */
export const SCHEMAS_DIR = path.resolve(BUILTIN_TEMPLATES, '../schemas');

export type SchemaName = 'curriculum' | 'module' | 'overlay' | 'unit';

/** The comment line for a YAML file at `file` checked against schemas/<name>.schema.json. */
export function schemaLine(file: string, name: SchemaName): string {
  const rel = path.relative(path.dirname(path.resolve(file)), path.join(SCHEMAS_DIR, `${name}.schema.json`)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${rel}`;
}

/** Put the schema line at the top of a YAML file (once). */
export async function addSchemaLine(file: string, name: SchemaName): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (text.startsWith('# yaml-language-server:')) return;
  await writeFile(file, `${schemaLine(file, name)}\n${text}`);
}
