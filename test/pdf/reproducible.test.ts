import { describe, expect, it } from 'vitest';
import { reproducible } from '../../src/pdf/reproducible.js';

const doc = (date: string, ids: number[]) =>
  Buffer.from(`%PDF-1.4\n<</CreationDate (D:${date}+00'00')\n/ModDate (D:${date}+00'00')>>\n${ids.map((n) => `/ID (node${String(n).padStart(8, '0')})`).join('\n')}\n`, 'latin1');

describe('reproducible PDF bytes', () => {
  it('fixes the dates and ranks the tag ids, keeping every length', () => {
    const a = doc('20261123001827', [75, 76, 80]);
    const b = doc('20270101120000', [12, 19, 20]); // printed at another time, ids drawn alongside another document
    const ra = reproducible(a);
    expect(ra.length).toBe(a.length);
    expect(Buffer.from(ra).equals(Buffer.from(reproducible(b)))).toBe(true);
    expect(Buffer.from(ra).toString('latin1')).toContain("/CreationDate (D:20000101000000+00'00')");
    expect(Buffer.from(ra).toString('latin1')).toContain('/ID (node00000003)');
  });
});
