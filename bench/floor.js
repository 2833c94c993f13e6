// The floor: the bare unified pipeline trainpack is built on, over the same unit files,
// each run three times (the three audiences a naive build renders for: guide, handout, slides).
// Usage: node bench/floor.js <dir> [audiences=3]  -> prints {"ms":…,"files":…,"bytes":…}
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const dir = process.argv[2];
const audiences = Number(process.argv[3] ?? 3);
const files = readdirSync(path.join(dir, 'modules'), { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => path.join(dir, 'modules', String(f)));
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkRehype).use(rehypeStringify);
const started = performance.now();
let bytes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (let a = 0; a < audiences; a++) bytes += String(await processor.process(text)).length;
}
console.log(JSON.stringify({ ms: performance.now() - started, files: files.length, bytes }));
