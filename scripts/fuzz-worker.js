/**
 * One fuzzer worker (scripts/fuzz.js): receives cases, writes each mutated
 * curriculum into its own temp folder, builds it in-process through the
 * library (HTML only, every edition) and reports what happened.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const api = await import(path.join(workerData.root, 'dist/api.js'));

/** Participant outputs: every file but the facilitator guide. */
async function participantTexts(out) {
  const texts = [];
  for (const e of await readdir(out, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!e.isFile() || e.name.startsWith('facilitator-guide') || e.name === '.trainpack-output') continue;
    texts.push([path.relative(out, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name), 'latin1')]);
  }
  return texts;
}

async function runCase(job) {
  const dir = path.join(workerData.tmp, `case-${job.index}`, 'c');
  const out = path.join(workerData.tmp, `case-${job.index}`, 'out');
  for (const [rel, content] of job.files) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : Buffer.from(content));
  }
  const result = { index: job.index, outcome: 'ok', internal: undefined, unpositioned: [], leaks: [] };
  let diagnostics = [];
  const cache = new api.ParseCache();
  try {
    const built = await api.build({ dir, out, formats: ['html'], all: true, cache, persistentCache: false });
    diagnostics = built.diagnostics;
  } catch (err) {
    if (err && err.name === 'TrainpackError' && Array.isArray(err.diagnostics)) {
      result.outcome = 'error';
      diagnostics = err.diagnostics;
      const internal = diagnostics.find((d) => d.rule === 'internal');
      if (internal) result.internal = `${internal.message}`;
    } else {
      result.outcome = 'internal';
      result.internal = err && err.stack ? String(err.stack).split('\n').slice(0, 8).join('\n') : String(err);
    }
  } finally {
    await cache.close?.();
  }
  for (const d of diagnostics) {
    if (!d.file) continue;
    const abs = path.join(dir, d.file);
    let isFile = false;
    try {
      isFile = existsSync(abs) && statSync(abs).isFile();
    } catch {}
    if (isFile && !(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1)) {
      result.unpositioned.push(`${d.file}: ${d.rule}: ${d.message}`.slice(0, 300));
    }
  }
  if (result.outcome === 'ok' && job.sentinels.length > 0) {
    for (const [rel, text] of await participantTexts(out)) {
      for (const s of job.sentinels) if (text.includes(s)) result.leaks.push(`${s} in ${rel}`);
    }
  }
  await rm(path.join(workerData.tmp, `case-${job.index}`), { recursive: true, force: true });
  return result;
}

parentPort.on('message', async (job) => {
  parentPort.postMessage(await runCase(job));
});
parentPort.postMessage({ ready: true });
