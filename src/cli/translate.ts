/** `trainpack translate extract|export|import`: catalogues for translators' tools (src/translate). */
import type { Command } from 'commander';
import { extractCatalogue } from '../translate/index.js';
import { exportXliff, importXliff } from '../translate/xliff.js';
import { EXIT, type Output } from './report.js';

export function registerTranslate(program: Command, io: Output, setCode: (n: number) => void): void {
  const translate = program
    .command('translate')
    .description('Translate by paragraph: gettext catalogues (overlays/<id>/translation.po) and XLIFF')
    .option('-d, --dir <path>', 'curriculum folder', '.');
  const dirOf = (given?: string) => given ?? (translate.opts() as { dir: string }).dir;

  translate
    .command('extract')
    .description("Create or update an overlay's catalogue from the current sources (as msgmerge does)")
    .argument('<overlay-id>', 'the overlay whose catalogue to write')
    .argument('[dir]', 'curriculum folder (default: --dir or .)')
    .option('--seed', "fill new messages from the overlay's Markdown replacement files where their blocks align")
    .option('--pseudo', 'fill every message with an accented, lengthened pseudo-translation (for testing layouts)')
    .action(async (id: string, dir: string | undefined, flags: { seed?: boolean; pseudo?: boolean }) => {
      const r = await extractCatalogue(dirOf(dir), id, flags);
      io.err(
        `✔ ${r.created ? 'Created' : 'Updated'} ${r.file}: ${r.messages} messages, ${r.added} new, ${r.fuzzy} fuzzy, ${r.obsolete} obsolete` +
          (flags.seed ? `, ${r.seeded} seeded from replacement files` : '') +
          (flags.pseudo ? ' (pseudo-translated)' : ''),
      );
      setCode(EXIT.ok);
    });

  translate
    .command('export')
    .description("Write an overlay's catalogue as XLIFF 1.2 (one <file> a unit)")
    .argument('<overlay-id>', 'the overlay whose catalogue to export')
    .option('--format <format>', 'exchange format (xliff)', 'xliff')
    .option('--out <file>', 'where to write (default: stdout)')
    .action(async (id: string, flags: { format: string; out?: string }) => {
      const r = await exportXliff(dirOf(), id, { format: flags.format, out: flags.out });
      if (flags.out) io.err(`✔ Wrote ${r.file}: ${r.units} trans-units in ${r.files} files`);
      else io.out(r.xml.trimEnd());
      setCode(EXIT.ok);
    });

  translate
    .command('import')
    .description("Merge an XLIFF file's translations into an overlay's catalogue")
    .argument('<file>', 'an XLIFF 1.2 file (from `translate export` or a translation tool)')
    .option('--overlay <id>', 'the overlay (default: the one named in the file)')
    .action(async (file: string, flags: { overlay?: string }) => {
      const r = await importXliff(dirOf(), file, { overlay: flags.overlay });
      io.err(`✔ ${r.catalogue}: ${r.updated} translations updated, ${r.unchanged} unchanged${r.unknown ? `, ${r.unknown} not in the catalogue (skipped)` : ''}`);
      for (const w of r.warnings) io.err(`warning: ${w}`);
      setCode(EXIT.ok);
    });
}
