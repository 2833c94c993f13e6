/** `trainpack overlay status|diff|ack|init`: keeping overlays in step with upstream. */
import type { Command } from 'commander';
import { ackOverlayFile, diffOverlayFile, initOverlay, overlayStatus } from '../resolve/status.js';
import { EXIT, type Output } from './report.js';
import { addSchemaLine } from './schema-line.js';
import { runnable } from './self.js';

export function registerOverlay(program: Command, io: Output, setCode: (n: number) => void): void {
  const overlay = program
    .command('overlay')
    .description('Adapt and translate: the state of overlay files against the curriculum they build on')
    .option('-d, --dir <path>', 'curriculum folder', '.');
  const dirOf = () => (overlay.opts() as { dir: string }).dir;

  overlay
    .command('status')
    .description('Each replace or patch file: current, stale, unrecorded or orphaned; the share of units translated')
    .argument('[id]', 'one overlay (default: all)')
    .option('--json', 'print the result as JSON on stdout (on failure too: ok false)')
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      const status = await overlayStatus(dirOf(), id);
      if (flags.json) io.out(JSON.stringify({ ok: true, ...status }, null, 2));
      else {
        for (const f of status.files) io.out(`${f.state.padEnd(10)} ${f.file}${f.below ? `  (below: ${f.below})` : ''}`);
        for (const t of status.translations)
          io.out(`${t.overlay}: ${t.translated}/${t.total} units translated to ${t.language} (${Math.round(t.share * 100)}%)`);
        for (const c of status.catalogues) {
          const t = c.total;
          const pct = (n: number) => `${Math.round(n * 100)}%`;
          io.out(`${c.file}: ${t.translated} translated, ${t.fuzzy} fuzzy, ${t.untranslated} untranslated messages; ${t.words.translated}/${t.words.translated + t.words.fuzzy + t.words.untranslated} words translated to ${c.language} (${pct(c.share)})${c.obsolete ? `; ${c.obsolete} obsolete` : ''}`);
          for (const u of c.units) io.out(`  ${u.unit.padEnd(40)} ${String(u.translated).padStart(4)} translated ${String(u.fuzzy).padStart(4)} fuzzy ${String(u.untranslated).padStart(4)} untranslated  (words ${u.words.translated}/${u.words.translated + u.words.fuzzy + u.words.untranslated})`);
        }
        if (status.files.length === 0 && status.catalogues.length === 0) io.out('No replace or patch files.');
      }
      const attention = status.files.filter((f) => f.state === 'stale' || f.state === 'orphaned').length;
      const fuzzy = status.catalogues.reduce((n, c) => n + c.total.fuzzy, 0);
      if (!flags.json && fuzzy) io.err(runnable(`${fuzzy} fuzzy message(s) to review in the catalogues: \`trainpack check\` lists them with their lines.`));
      if (!flags.json && attention) io.err(runnable(`${attention} file(s) need review: see \`trainpack overlay diff <file>\`, then \`trainpack overlay ack <file>\`.`));
      setCode(EXIT.ok);
    });

  overlay
    .command('diff')
    .description('What changed in the file below since the overlay file was written (needs git)')
    .argument('<file>', 'an overlay file, e.g. overlays/fr/modules/01-x/02-y.md')
    .action(async (file: string) => {
      const r = await diffOverlayFile(dirOf(), file);
      if (r.diff) io.out(r.diff.trimEnd());
      if (r.message) io.err(runnable(r.message));
      setCode(EXIT.ok);
    });

  overlay
    .command('ack')
    .description('Record the current hash of the file below, after reviewing an overlay file')
    .argument('<file>', 'an overlay file')
    .action(async (file: string) => {
      const r = await ackOverlayFile(dirOf(), file);
      io.err(`✔ ${r.file}: upstream ${r.previous ? `${r.previous.slice(0, 10)} -> ` : ''}${r.hash.slice(0, 10)}`);
      setCode(EXIT.ok);
    });

  overlay
    .command('init')
    .description('Start a new overlay with its overlay.yml')
    .argument('<id>', 'overlay id (lowercase, digits, dashes)')
    .option('--extends <id>', 'build on another overlay')
    .option('--language <tag>', 'output language (BCP 47)')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country code')
    .action(async (id: string, flags: { extends?: string; language?: string; country?: string }) => {
      const file = await initOverlay(dirOf(), id, flags);
      await addSchemaLine(file, 'overlay');
      io.err(`✔ Created ${file}`);
      setCode(EXIT.ok);
    });
}
