/** A patch's content is spliced as whole blocks (src/resolve/patch.ts): it can never swallow the file below. */
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/errors.js';
import { applyPatch, readPatch } from '../../src/resolve/patch.js';

const base = '# Intro\n\nWelcome.\n\n## Steps\n\nDo this.\n\n:::facilitator\nSECRETXYZ note.\n:::\n\n## End\n\nBye.\n';

function patched(patch: string) {
  const diags = new Diagnostics();
  const ops = readPatch(patch, 'overlays/x/u.patch.md', diags);
  const text = applyPatch(base, ops, 'overlays/x/u.patch.md', diags);
  return { text, messages: diags.list.map(formatDiagnostic) };
}

describe('patch content', () => {
  it('a code fence left open in a :::replace is an error at the operation, and the file below is kept as it was', () => {
    const r = patched(':::replace{section="steps"}\n## Steps\n\n```\ncode\n:::\n');
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatch(/^overlays\/x\/u\.patch\.md:1:1 error The content of this :::replace does not stand on its own/);
    expect(r.text).toBe(base);
  });

  it('the same for :::before, :::after, an open block and an open HTML comment', () => {
    for (const patch of [':::before{section="steps"}\n~~~\n:::\n', ':::after{section="steps"}\n<!-- note\n:::\n', '::::replace{section="steps"}\n:::tip\nopen\n::::\n']) {
      const r = patched(patch);
      expect(r.messages.filter((m) => m.includes('does not stand on its own')), patch).toHaveLength(1);
      expect(r.text).toBe(base);
    }
  });

  it('content that closes what it opens is spliced as before', () => {
    const r = patched(':::replace{section="steps"}\n```\ncode\n```\n\nNew step.\n:::\n\n::::after{section="end"}\n:::tip\nT\n:::\n::::\n');
    expect(r.messages).toEqual([]);
    expect(r.text).toContain('## Steps\n\n```\ncode\n```\n\nNew step.\n\n## End');
    expect(r.text).toContain(':::tip\nT\n:::');
    expect(r.text).not.toContain('SECRETXYZ');
  });
});
