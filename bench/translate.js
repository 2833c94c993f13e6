// Bench rows for catalogues (issue 18), called from run.js: on the generated curriculum, a
// language overlay whose catalogue covers every block of every unit.
//   translate extract: a new catalogue from 1,000 units (every block walked, PO written)
//   build of that edition, cold and again with nothing changed, and after one message changed
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Rows measured with run.js's `measure(label, args, before)`; the overlay is removed afterwards. */
export function translateRows({ dir, out, measure, trainpack, clearCache }) {
  const overlay = path.join(dir, 'overlays', 'cat');
  const po = path.join(overlay, 'translation.po');
  mkdirSync(overlay, { recursive: true });
  writeFileSync(path.join(overlay, 'overlay.yml'), 'id: cat\ntitle: Catalogue edition\nlanguage: es\n');
  const rows = [];
  try {
    rows.push(measure('translate extract: a new catalogue of every block', ['translate', 'extract', 'cat', dir], () => rmSync(po, { force: true })));
    // A full catalogue: every message pseudo-translated (accented, a third longer).
    trainpack(['translate', 'extract', 'cat', dir, '--pseudo']);
    const messages = (readFileSync(po, 'utf8').match(/^msgid /gm) ?? []).length - 1;
    const build = ['build', dir, '--out', out, '--format', 'html', '--overlay', 'cat'];
    rows.push(measure(`build the catalogue edition (${messages} messages, all translated), cold`, build, clearCache));
    rows.push(measure('build the catalogue edition again, nothing changed', build));
    const original = readFileSync(po, 'utf8');
    rows.push(
      measure('build the catalogue edition after one translation changed', build, (i) => {
        writeFileSync(po, original.replace(/^msgstr "⟦/m, `msgstr "⟦${i}·`));
      }),
    );
    rows.push(measure('translate extract again, nothing changed (full catalogue)', ['translate', 'extract', 'cat', dir]));
  } finally {
    if (existsSync(overlay)) rmSync(overlay, { recursive: true, force: true });
  }
  return rows;
}
