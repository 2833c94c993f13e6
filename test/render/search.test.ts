/**
 * The offline search index of index.html (issue 9): built from the
 * participant view only, so no facilitator-only text of the `full` fixture
 * reaches it, and embedded so that no unit text can break out of its
 * `<script type="application/json">`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIndexJson, textOfHtml, type SearchEntry } from '../../src/render/search.js';
import { buildSite } from '../a11y/helpers.js';
import { FIXTURES } from '../helpers.js';

/** The facilitator-only sentinels of test/fixtures/full (as test/e2e/build.test.ts). */
const SECRETS = ['FACILITATOR-ONLY-TEXT', 'SPEAKER-NOTE-SECRET', 'SOLUTION-SECRET', 'DEBRIEF-SECRET', 'TOP-LEVEL-SOLUTION-SECRET', 'ROLEPLAY-DEBRIEF-SECRET', 'EXPLANATION-SECRET-ONE', 'MODEL-ANSWER-SECRET', 'SLIDE-BULLET-ONE'];

describe('search index helpers', () => {
  it('takes the text of an HTML fragment: words kept apart at tags, entities decoded', () => {
    expect(textOfHtml('<p>One<br>two</p><ul><li>A &amp; B</li><li>&lt;x&gt; &#233;t&#xE9;&nbsp;!</li></ul>')).toBe('One two A & B <x> été !');
  });

  it('escapes the JSON so unit text cannot close the script element', () => {
    const entry: SearchEntry = { id: 'u', n: '1.1', t: '</script><script>alert(1)</script>', m: 'M', o: ['<!-- a & b -->'], x: 'line\u2028sep' };
    const json = searchIndexJson([entry]);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual([entry]);
  });
});

describe('search index of the full fixture', () => {
  let site: Awaited<ReturnType<typeof buildSite>>;
  let index: string;
  let entries: SearchEntry[];

  beforeAll(async () => {
    site = await buildSite(path.join(FIXTURES, 'full'));
    index = await readFile(path.join(site.out, 'base/index.html'), 'utf8');
    const json = /<script type="application\/json" id="tp-search-index">([\s\S]*?)<\/script>/.exec(index)?.[1];
    entries = JSON.parse(json ?? 'null') as SearchEntry[];
  });
  afterAll(() => site.cleanup());

  it('has one entry a unit, in order, with number, titles and objectives', () => {
    expect(entries.map((e) => `${e.n} ${e.id}`)).toEqual(['1.1 second', '1.2 first', '2.1 roles', '2.2 quiz', '2.3 selfcheck']);
    expect(entries[1]).toMatchObject({ t: 'First session', m: 'Alpha module', o: ['Explain the first thing', 'Apply the second thing'] });
  });

  it('holds the handout text and participant-only blocks, not the role briefs', () => {
    const all = entries.map((e) => e.x).join('\n');
    for (const s of ['PARTICIPANT-ONLY-TEXT', 'EXERCISE-TASK-TEXT', 'TIP-TEXT', 'CORRECT-ONE', 'Call +99 123 456 at Example Agency.']) expect(all).toContain(s);
    // Role briefs are secret (cut-out cards), so not in the handout's search text either.
    expect(all).not.toContain('ROLE-CASEWORKER-TEXT');
  });

  it('never holds facilitator-only text, anywhere in index.html', () => {
    for (const s of SECRETS) expect(index, s).not.toContain(s);
    // Materials and methods are facilitator facts: not in the index either.
    expect(JSON.stringify(entries)).not.toContain('flipchart');
  });

  it('carries the search script inline: it works from file:// with no server', () => {
    expect(index).toMatch(/<script>[\s\S]*tp-search-index[\s\S]*<\/script>/);
    expect(index).not.toMatch(/<script[^>]+src=/);
  });
});
