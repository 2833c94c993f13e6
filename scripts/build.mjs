#!/usr/bin/env node
/**
 * `npm run build`: the library with its types (tsc, into dist/), the JSON
 * Schemas for editors (schemas/, from the zod schemas), then the command
 * line bundled by esbuild into dist/bundle/: one file per entry (the CLI and
 * the parse worker) plus the chunks they import on demand. The bin runs the
 * bundle; `import 'trainpack'` gets the library.
 *
 * The bundle sits two folders below the package root, like every source
 * module under src/<stage>/, so paths made from import.meta.url
 * (`../../templates`, `../../package.json`, `./parse-worker.js`) hold in
 * both. Each dynamic import (a command's module, the PDF stage) becomes a
 * chunk beside the entries: `trainpack --version` reads the 3 KB entry and
 * commander, not the pipeline. (One 4 MB file per entry, tried first, made
 * --version cost twice what it does unbundled: V8 compiles a module's whole
 * text before running it.) A no-op build reads ~30 files instead of ~600.
 * The browser driver and the watcher stay outside the bundle and are loaded
 * with import() only when printing PDFs or watching: a package left external
 * must never be imported statically (it would load at start-up), and this
 * script fails the build when one is.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Left out of the bundle, each imported with import() where it is needed. */
export const EXTERNAL = ['puppeteer-core', '@puppeteer/browsers', 'chokidar'];

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

// JSON Schemas for editors, from the zod schemas just built (scripts/schemas.mjs).
const { writeSchemas } = await import('./schemas.mjs');
await writeSchemas();

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/index.ts', 'parse-worker': 'src/workers/parse-worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS dependencies bundled into ESM call require() for Node's built-ins.
  banner: { js: "import { createRequire as __trainpackRequire } from 'node:module'; const require = __trainpackRequire(import.meta.url);" },
  legalComments: 'none',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  metafile: true,
});

// An external package imported statically would be loaded at every start: refuse.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const imp of output.imports) {
    if (imp.external && imp.kind === 'import-statement' && !imp.path.startsWith('node:') && !builtinModules.includes(imp.path)) {
      throw new Error(`${file} imports ${imp.path} statically; import it with import() where it is used`);
    }
  }
}
