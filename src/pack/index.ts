/**
 * `trainpack pack`: everything one workshop needs, as a folder and a zip.
 * The edition's HTML and PDFs, role cards, agenda, attendance sheet,
 * pre/post knowledge test and its answer key, a print list and a manifest
 * of SHA-256 checksums. Same inputs, same zip bytes: PDFs are made
 * reproducible and the zip has fixed dates and a sorted order.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions } from '../api.js';
import { zip } from '../emit/zip.js';
import { MARKER } from '../emit/atomic.js';
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { exists } from '../load/files.js';
import { packPages } from './pages.js';
import { packContents, withContents } from './contents.js';
import { printList, printListCsv } from './print-list.js';

export interface PackOptions extends Pick<BuildOptions, 'dir' | 'browser' | 'paper' | 'modules' | 'units' | 'days' | 'start' | 'event'> {
  /** The edition (default: the base). */
  overlay?: string;
  participants: number;
  facilitators?: number;
  /** Folder that receives `<name>/` and `<name>.zip`. */
  out: string;
  /** Editable Office files to pack beside the HTML and PDFs (`--format pptx,docx`). */
  office?: ('pptx' | 'docx')[];
}

export interface PackResult {
  folder: string;
  zip: string;
  files: string[];
  diagnostics: Diagnostic[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Build the pack. Throws TrainpackError on bad input or when PDFs cannot be printed. */
export async function pack(options: PackOptions): Promise<PackResult> {
  const out = path.resolve(options.out);
  await mkdir(out, { recursive: true });
  const work = path.join(out, `.trainpack-pack-${process.pid}-${randomBytes(4).toString('hex')}`);
  const edition = options.overlay ?? 'base';
  const roleplays: { unit: string; roles: number }[] = [];
  let strings: Record<string, string> = {};
  const modules = new Map<string, string>();
  let curriculumId = 'curriculum';
  try {
    const result = await build({
      dir: options.dir,
      out: work,
      formats: ['html', 'pdf', ...(options.office ?? [])],
      overlays: options.overlay ? [options.overlay] : [],
      browser: options.browser,
      paper: options.paper,
      modules: options.modules,
      units: options.units,
      days: options.days,
      start: options.start,
      event: options.event,
      reproducible: true,
      extraPages: (prepared) => {
        strings = prepared.strings;
        for (const m of prepared.edition.modules) modules.set(m.id, m.title);
        curriculumId = prepared.edition.curriculum.id;
        const pages = packPages(prepared, { participants: options.participants, days: options.days, start: options.start, event: options.event });
        roleplays.push(...pages.roleplays);
        return { files: pages.files, pdf: pages.pdf };
      },
    });
    const name = `${curriculumId}-${edition}-workshop-pack`;
    const folder = path.join(work, edition);
    await rm(path.join(folder, MARKER), { force: true });
    const pdfs = (await listFiles(folder)).filter((f) => f.endsWith('.pdf'));
    const rows = printList({ participants: options.participants, facilitators: options.facilitators ?? 2, paper: options.paper ?? 'a4', pdfs, roleplays, strings });
    await writeFile(path.join(folder, 'print-list.csv'), printListCsv(rows));
    // The site's index.html leads with the pack's documents: what each is for and how many to print.
    const indexFile = path.join(folder, 'index.html');
    const listed = [...(await listFiles(folder)), 'manifest.json'];
    await writeFile(indexFile, withContents(await readFile(indexFile, 'utf8'), packContents({ files: listed, rows, strings, modules })));
    const files = await listFiles(folder);
    const entries = new Map<string, Buffer>();
    for (const f of files) entries.set(`${name}/${f}`, await readFile(path.join(folder, f)));
    const manifest = {
      name,
      edition,
      participants: options.participants,
      facilitators: options.facilitators ?? 2,
      days: options.days ?? null,
      start: options.start ?? null,
      files: files.map((f) => ({ path: f, bytes: entries.get(`${name}/${f}`)!.length, sha256: createHash('sha256').update(entries.get(`${name}/${f}`)!).digest('hex') })),
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    await writeFile(path.join(folder, 'manifest.json'), manifestText);
    entries.set(`${name}/manifest.json`, Buffer.from(manifestText));
    const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const zipPath = path.join(out, `${name}.zip`);
    const target = path.join(out, name);
    if ((await exists(target)) && !(await exists(path.join(target, 'manifest.json')))) {
      const diags = new Diagnostics();
      diags.error('output', `${target} exists and is not a workshop pack; it will not be replaced`, { file: target });
      throw new TrainpackError(diags.list);
    }
    await writeFile(`${zipPath}.tmp`, zip(sorted));
    await rm(target, { recursive: true, force: true });
    await rename(folder, target);
    await rename(`${zipPath}.tmp`, zipPath);
    return { folder: target, zip: zipPath, files: [...files, 'manifest.json'].sort(), diagnostics: result.diagnostics };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
