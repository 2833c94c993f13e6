/**
 * Font coverage check: a page in a script with no installed font prints as
 * empty boxes ("tofu"). Only scripts present in the text are checked, and
 * each `fc-list :lang=xx` answer is cached for the life of the process.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';

/** A writing system trainpack checks for, with the Debian package that covers it. */
export interface Script {
  name: string;
  /** fontconfig language used to ask for a font. */
  lang: string;
  test: RegExp;
  pkg: string;
}

const CORE = 'fonts-noto-core';
const CJK = 'fonts-noto-cjk';

/** Scripts outside Latin, Greek and Cyrillic that curricula are written in. */
export const SCRIPTS: Script[] = [
  { name: 'Arabic', lang: 'ar', test: /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/, pkg: CORE },
  { name: 'Hebrew', lang: 'he', test: /[\u0590-\u05FF]/, pkg: CORE },
  { name: 'Devanagari', lang: 'hi', test: /[\u0900-\u097F]/, pkg: CORE },
  { name: 'Bengali', lang: 'bn', test: /[\u0980-\u09FF]/, pkg: CORE },
  { name: 'Tamil', lang: 'ta', test: /[\u0B80-\u0BFF]/, pkg: CORE },
  { name: 'Sinhala', lang: 'si', test: /[\u0D80-\u0DFF]/, pkg: CORE },
  { name: 'Thai', lang: 'th', test: /[\u0E00-\u0E7F]/, pkg: CORE },
  { name: 'Lao', lang: 'lo', test: /[\u0E80-\u0EFF]/, pkg: CORE },
  { name: 'Myanmar', lang: 'my', test: /[\u1000-\u109F]/, pkg: CORE },
  { name: 'Georgian', lang: 'ka', test: /[\u10A0-\u10FF]/, pkg: CORE },
  { name: 'Ethiopic', lang: 'am', test: /[\u1200-\u139F]/, pkg: CORE },
  { name: 'Khmer', lang: 'km', test: /[\u1780-\u17FF\u19E0-\u19FF]/, pkg: CORE },
  { name: 'Japanese kana', lang: 'ja', test: /[\u3040-\u30FF]/, pkg: CJK },
  { name: 'Hangul', lang: 'ko', test: /[\u1100-\u11FF\uAC00-\uD7AF]/, pkg: CJK },
  { name: 'Han (Chinese characters)', lang: 'zh', test: /[\u3400-\u4DBF\u4E00-\u9FFF]/, pkg: CJK },
];

/** The scripts of `SCRIPTS` that occur in `text`. */
export function scriptsIn(text: string): Script[] {
  return SCRIPTS.filter((s) => s.test.test(text));
}

/** Asks fontconfig whether any font covers a language: true, false, or undefined when it cannot tell. */
export type FontProbe = (lang: string) => Promise<boolean | undefined>;

/** `fc-list :lang=xx family`: empty output means no font. No fc-list (macOS, Windows): cannot tell. */
export const fcList: FontProbe = (lang) =>
  new Promise((resolve) => {
    execFile('fc-list', [`:lang=${lang}`, 'family'], { timeout: 10_000 }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim().length > 0);
    });
  });

let fingerprint: Promise<string> | undefined;

/**
 * A hash of the installed font files (`fc-list : file`), part of a kept PDF's
 * key: installing or removing a font prints the PDFs again. Empty when
 * fontconfig is not there to ask.
 */
export function installedFonts(): Promise<string> {
  fingerprint ??= new Promise((resolve) => {
    execFile('fc-list', [':', 'file'], { timeout: 10_000, maxBuffer: 1 << 24 }, (err, stdout) => {
      resolve(err ? '' : createHash('sha1').update(stdout.split('\n').sort().join('\n')).digest('hex'));
    });
  });
  return fingerprint;
}

// One answer per probe and language for the life of the process: fonts are
// not installed in the middle of a build.
const cache = new WeakMap<FontProbe, Map<string, Promise<boolean | undefined>>>();

/** The scripts in `text` that no installed font covers. */
export async function missingScripts(text: string, probe: FontProbe = fcList): Promise<Script[]> {
  const present = scriptsIn(text);
  if (present.length === 0) return [];
  let answers = cache.get(probe);
  if (!answers) cache.set(probe, (answers = new Map()));
  const known = answers;
  const covered = await Promise.all(
    present.map((s) => {
      let answer = known.get(s.lang);
      if (!answer) known.set(s.lang, (answer = probe(s.lang)));
      return answer;
    }),
  );
  return present.filter((_, i) => covered[i] === false);
}
