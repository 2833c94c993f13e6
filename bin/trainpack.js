#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli, src/api), bundled
// into one file by `npm run build` (scripts/build.mjs) so start-up reads one module.
import { run } from '../dist/bundle/cli.js';

process.exitCode = await run(process.argv.slice(2));
