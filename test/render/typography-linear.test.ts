/**
 * The typesetter's verbatim scan starts only at token starts (the fuzzer
 * found 200,000 characters without spaces taking minutes in its e-mail
 * alternative) and still keeps URLs and e-mail addresses as typed.
 */
import { describe, expect, it } from 'vitest';
import { typesetter } from '../../src/render/typography.js';

describe('typesetter on long tokens', () => {
  it('keeps URLs and addresses verbatim', () => {
    const t = typesetter('fr');
    const text = 'Voir https://example.org/a?b=c ou écrire à x.y@example.org : merci';
    const out = t.run(text);
    expect(out).toContain('https://example.org/a?b=c');
    expect(out).toContain('x.y@example.org');
  });
});
