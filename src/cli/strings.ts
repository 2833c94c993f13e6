/**
 * `trainpack strings init <lang>`: start a UI catalogue for a language that
 * trainpack does not ship (or ships incompletely), in the curriculum's (or an
 * overlay's) `templates/strings/<lang>.json`. The file holds the English text
 * of every key to translate; a translator replaces the values, keeping each
 * `{placeholder}`. Keys already in the file are kept as they are.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Diagnostics, TrainpackError } from '../errors.js';
import { exists, isDir } from '../load/files.js';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import type { Output } from './report.js';

export interface StringsInitOptions {
  /** Curriculum folder. */
  dir: string;
  /** BCP 47 tag: `de`, `pt-BR`, `zh-Hans`. */
  language: string;
  /** Write into `overlays/<id>/templates/strings/` instead of the curriculum's `templates/strings/`. */
  overlay?: string;
  /** Every key, not only those the built-in catalogue of the language lacks (prefilled with its text where it has one). */
  all?: boolean;
}

export interface StringsInitResult {
  file: string;
  /** Keys written with English text, to translate. */
  added: string[];
  /** Keys the file already had, kept. */
  kept: number;
}

const readJson = async (file: string): Promise<Record<string, string>> => ((await exists(file)) ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>) : {});

function fail(message: string, file: string, hint?: string): never {
  const diags = new Diagnostics();
  diags.error('output', message, { file }, hint);
  throw new TrainpackError(diags.list);
}

/** Write (or complete) the catalogue; never changes a value already in it. */
export async function stringsInit(options: StringsInitOptions): Promise<StringsInitResult> {
  const root = path.resolve(options.dir);
  if (!(await exists(path.join(root, 'curriculum.yml')))) fail(`${options.dir} has no curriculum.yml`, options.dir, 'Run it in a curriculum folder, or pass --dir <curriculum>.');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(options.language)) fail(`"${options.language}" is not a BCP 47 language tag such as "de", "pt-BR" or "zh-Hans"`, options.language);
  let base = root;
  if (options.overlay) {
    base = path.join(root, 'overlays', options.overlay);
    if (!(await isDir(base))) fail(`No overlay "${options.overlay}"`, `overlays/${options.overlay}/overlay.yml`, `Create it with \`trainpack overlay init ${options.overlay}\`.`);
  }
  const file = path.join(base, 'templates', 'strings', `${options.language}.json`);
  const en = await readJson(path.join(BUILTIN_TEMPLATES, 'strings', 'en.json'));
  const primary = options.language.split('-')[0]!.toLowerCase();
  const builtin = { ...(await readJson(path.join(BUILTIN_TEMPLATES, 'strings', `${primary}.json`))), ...(options.language !== primary ? await readJson(path.join(BUILTIN_TEMPLATES, 'strings', `${options.language}.json`)) : {}) };
  let current: Record<string, string>;
  try {
    current = await readJson(file);
  } catch (err) {
    fail(`${path.relative(root, file)} is not valid JSON: ${(err as Error).message}`, path.relative(root, file), 'Fix or remove it, then run the command again.');
  }
  const out: Record<string, string> = {};
  const added: string[] = [];
  let kept = 0;
  // In en.json's order, so translators read related keys together.
  for (const [key, english] of Object.entries(en)) {
    if (key in current) {
      out[key] = current[key]!;
      kept++;
    } else if (!(key in builtin)) {
      out[key] = english;
      added.push(key);
    } else if (options.all) {
      out[key] = builtin[key]!;
    }
  }
  for (const [key, value] of Object.entries(current)) if (!(key in out)) out[key] = value;
  if (added.length > 0 || options.all) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(out, null, 2) + '\n');
    await rename(`${file}.tmp`, file);
  }
  return { file, added, kept };
}

export function registerStrings(program: Command, io: Output, setCode: (n: number) => void): void {
  const strings = program.command('strings').description('UI string catalogues: the words trainpack itself prints ("Facilitator notes", "Answer key", …)');
  strings
    .command('init')
    .description("Start a catalogue for a language: templates/strings/<lang>.json with the English text of every key trainpack's own catalogue lacks")
    .argument('<lang>', 'BCP 47 language tag, e.g. de, pt-BR, zh-Hans')
    .option('--dir <curriculum>', 'curriculum folder', '.')
    .option('--overlay <id>', "write into the overlay's templates/strings/ instead")
    .option('--all', 'every key, prefilled with the built-in translation where there is one (to adapt them)')
    .action(async (language: string, opts: { dir: string; overlay?: string; all?: boolean }) => {
      const r = await stringsInit({ dir: opts.dir, language, overlay: opts.overlay, all: opts.all });
      const rel = path.relative(process.cwd(), r.file) || r.file;
      if (r.added.length === 0) io.err(`✔ ${rel}: nothing to translate (${r.kept} key${r.kept === 1 ? '' : 's'} kept${opts.all ? '' : '; trainpack ships this language complete, --all writes every key to adapt'})`);
      else io.err(`✔ ${rel}: ${r.added.length} key${r.added.length === 1 ? '' : 's'} to translate (English text in place)${r.kept ? `, ${r.kept} kept` : ''}`);
      if (r.added.length) io.err('  Translate each value; keep every {placeholder} as it is. Then build again.');
      setCode(0);
    });
}
