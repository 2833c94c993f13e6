#!/usr/bin/env node
// Thin launcher: all behaviour lives in the library (src/cli, src/api).
import { run } from '../dist/cli/index.js';

process.exitCode = await run(process.argv.slice(2));
