/** Content typography at parse time (markdown/rehype-typography.ts): in the unit's language, off with `typography: false`. */
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { createProcessor, parseUnit } from '../../src/markdown/processor.js';
import type { Unit } from '../../src/model.js';
import { FIXTURES } from '../helpers.js';

const root = path.join(FIXTURES, 'full');
const file = path.join(root, 'modules/01-alpha/09-test.md');
const BODY = 'Il dit "oui" : c\'est fait !\n\n`x = "y"` et <https://example.org/a?b=1> et [lien](https://example.org "titre \\"t\\"")\n\n:::tip{title="Un \\"conseil\\""}\nVoir "ceci" ?\n:::\n';

async function html(language: string, typography?: boolean) {
  const unit = { id: 'u', title: 'U', type: 'session', duration: 10, objectives: [], materials: [], methods: [], selfCheck: false, moduleId: 'm', source: { path: file, rel: 'modules/01-alpha/09-test.md' }, text: BODY, body: BODY, provenance: ['base'], language, typography } as Unit;
  const r = await parseUnit(createProcessor(), { unit, root, basePath: file, unitsByPath: new Map() });
  return toHtml(r.tree);
}

describe('content typography', () => {
  it('typesets text in the unit\'s language, never code, URLs or attribute values', async () => {
    const fr = await html('fr');
    expect(fr).toContain('Il dit «\u202Foui\u202F»\u202F: c’est fait\u202F!');
    expect(fr).toContain('<code>x = "y"</code>');
    expect(fr).toContain('>https://example.org/a?b=1</a>');
    expect(fr).toContain('title="titre &#x22;t&#x22;"');
    expect(fr).toContain('Voir «\u202Fceci\u202F»\u202F?');
    const en = await html('en');
    expect(en).toContain('Il dit “oui” : c’est fait !');
  });

  it('is off with typography: false', async () => {
    const off = await html('fr', false);
    expect(off).toContain('Il dit "oui" : c\'est fait !');
  });
});
