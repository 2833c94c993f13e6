// markdown-it over the same unit files, each rendered three times (the three audiences
// trainpack writes for), front matter cut off: a fast Markdown renderer's time for the
// same text. Usage: node bench/markdown-it.js <dir>  -> prints {"ms":…,"files":…}
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';

const dir = process.argv[2];
const files = readdirSync(path.join(dir, 'modules'), { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => path.join(dir, 'modules', String(f)));
const md = new MarkdownIt({ html: true });
const started = performance.now();
let bytes = 0;
for (const f of files) {
  const body = readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  for (let audience = 0; audience < 3; audience++) bytes += md.render(body).length;
}
console.log(JSON.stringify({ ms: performance.now() - started, files: files.length, bytes }));
