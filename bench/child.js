// Runs one trainpack command in this process and reports its wall time and peak memory.
// Usage: node bench/child.js <trainpack args…>   -> last stderr line: BENCH {"ms":…, "rssMB":…, "code":…}
// The CLI is the bundle users run; the command's own code loads inside run() (lazy commands).
import { performance } from 'node:perf_hooks';
import { run } from '../dist/bundle/cli.js';

const quiet = { out: () => {}, err: () => {} };
const started = performance.now();
const code = await run(process.argv.slice(2), process.env.BENCH_VERBOSE ? undefined : quiet);
const ms = performance.now() - started;
process.stderr.write(`BENCH ${JSON.stringify({ ms, rssMB: Math.round(process.resourceUsage().maxRSS / 1024), code })}\n`);
process.exitCode = code;
