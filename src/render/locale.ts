/**
 * What an edition's language decides besides its words: the direction of
 * its text, its digits (`numbers: native`), clock times, dates and lists
 * through `Intl`, and the counter style a stylesheet can use for page
 * numbers. Every stage that prints a number or joins a list asks here, so
 * an edition reads the same in its HTML, its PDFs and its decks.
 */

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Aran', 'Hebr', 'Thaa', 'Syrc', 'Syre', 'Syrj', 'Syrn', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Mend', 'Yezi', 'Chrs', 'Sogd', 'Sogo', 'Phnx', 'Armi', 'Avst', 'Hatr', 'Khar', 'Lydi', 'Mani', 'Narb', 'Nbat', 'Orkh', 'Palm', 'Phli', 'Phlp', 'Prti', 'Sarb', 'Elym', 'Ougr', 'Hung', 'Cprt']);

/** `Intl.Locale` of a tag, or undefined when the runtime cannot read it. */
function localeOf(lang: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(lang);
  } catch {
    return undefined;
  }
}

/** The script of a language tag: written in it (`pa-Arab`), else its likely script (`ckb` -> Arab). */
export function scriptOf(lang: string): string | undefined {
  const locale = localeOf(lang);
  if (!locale) return undefined;
  try {
    return locale.script ?? locale.maximize().script;
  } catch {
    return undefined;
  }
}

const directions = new Map<string, 'ltr' | 'rtl'>();

/**
 * Text direction of a language tag, from its script: `ar`, `fa`, `ur`,
 * `he`, `pa-Arab`, `ckb`, `ps`, `sd`, `dv`, `syr`, `yi`, `nqo`, `ff-Adlm`
 * are right to left; `az-Latn`, `pa`, `en` left to right. The script's known
 * direction wins; the runtime's text info (`Intl.Locale#getTextInfo`, or
 * `textInfo` in older engines) decides only for scripts this table lacks.
 */
export function direction(lang: string): 'ltr' | 'rtl' {
  let dir = directions.get(lang);
  if (dir) return dir;
  const script = scriptOf(lang);
  if (script && RTL_SCRIPTS.has(script)) dir = 'rtl';
  else if (script && script !== 'Zyyy' && script !== 'Zzzz') dir = 'ltr';
  else {
    const locale = localeOf(lang) as (Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } }) | undefined;
    const info = locale?.getTextInfo?.() ?? locale?.textInfo;
    dir = info?.direction === 'rtl' ? 'rtl' : 'ltr';
  }
  directions.set(lang, dir);
  return dir;
}

/**
 * The locale's own digits (CLDR's "native" numbering system) by language,
 * then by script. Languages whose native digits are not decimal (Amharic)
 * or not in use keep 0–9.
 */
const NATIVE_BY_LANGUAGE: Record<string, string> = {
  ar: 'arab', ckb: 'arab', sd: 'arab', fa: 'arabext', ur: 'arabext', ps: 'arabext', ks: 'arabext', 'pa-Arab': 'arabext', 'uz-Arab': 'arabext',
  bn: 'beng', as: 'beng', km: 'khmr', th: 'thai', lo: 'laoo', my: 'mymr', bo: 'tibt', dz: 'tibt',
  hi: 'deva', mr: 'deva', ne: 'deva', sa: 'deva', pa: 'guru', gu: 'gujr', or: 'orya', ta: 'tamldec', te: 'telu', kn: 'knda', ml: 'mlym',
  zh: 'hanidec', ja: 'hanidec', mn: 'mong', sat: 'olck', mni: 'mtei',
};
const NATIVE_BY_SCRIPT: Record<string, string> = {
  Arab: 'arab', Beng: 'beng', Khmr: 'khmr', Thai: 'thai', Laoo: 'laoo', Mymr: 'mymr', Tibt: 'tibt', Deva: 'deva', Guru: 'guru', Gujr: 'gujr',
  Orya: 'orya', Taml: 'tamldec', Telu: 'telu', Knda: 'knda', Mlym: 'mlym', Nkoo: 'nkoo', Adlm: 'adlm', Rohg: 'rohg', Olck: 'olck', Mtei: 'mtei',
};

/** The numbering system of the edition's digits: `latn` (0–9), or the locale's own with `numbers: native`. */
export function numberingSystem(lang: string, native: boolean): string {
  if (!native) return 'latn';
  const locale = localeOf(lang);
  const language = locale?.language ?? lang.split('-')[0]!.toLowerCase();
  const script = scriptOf(lang);
  const system = NATIVE_BY_LANGUAGE[`${language}-${script}`] ?? (locale?.script ? NATIVE_BY_SCRIPT[locale.script] : undefined) ?? NATIVE_BY_LANGUAGE[language] ?? (script ? NATIVE_BY_SCRIPT[script] : undefined);
  return system && supported(system) ? system : 'latn';
}

function supported(system: string): boolean {
  try {
    return new Intl.NumberFormat('en', { numberingSystem: system }).resolvedOptions().numberingSystem === system;
  } catch {
    return false;
  }
}

const digitTables = new Map<string, string[]>();

/** The ten digits of a numbering system, 0 first. */
function digitsOf(system: string): string[] {
  let table = digitTables.get(system);
  if (!table) {
    const f = new Intl.NumberFormat('en', { numberingSystem: system, useGrouping: false });
    digitTables.set(system, (table = Array.from({ length: 10 }, (_, d) => f.format(d))));
  }
  return table;
}

/** A whole number in the edition's digits, without grouping (page 1234, slide 12). */
export function formatNumber(lang: string, n: number, native: boolean): string {
  return localizeDigits(String(n), lang, native);
}

/** Text with its ASCII digits in the edition's digits ("1.2", "3 / 12"); unchanged with latin digits. */
export function localizeDigits(text: string, lang: string, native: boolean): string {
  const system = numberingSystem(lang, native);
  if (system === 'latn') return text;
  const table = digitsOf(system);
  return text.replace(/[0-9]/g, (d) => table[Number(d)]!);
}

/** The CSS counter style of the edition's digits, for `counter(page, …)` in a stylesheet. */
export function counterStyle(lang: string, native: boolean): string {
  const CSS: Record<string, string> = {
    arab: 'arabic-indic', arabext: 'persian', beng: 'bengali', khmr: 'khmer', thai: 'thai', laoo: 'lao', mymr: 'myanmar', tibt: 'tibetan',
    deva: 'devanagari', guru: 'gurmukhi', gujr: 'gujarati', orya: 'oriya', telu: 'telugu', knda: 'kannada', mlym: 'malayalam', tamldec: 'tamil', hanidec: 'cjk-decimal', mong: 'mongolian',
  };
  return CSS[numberingSystem(lang, native)] ?? 'decimal';
}

const UTC = (minutes: number) => new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60) % 24, minutes % 60));

/**
 * Clock times as the locale writes them (`timeStyle: short`): 9:00 AM in
 * en, 09:00 in fr, 9:00 ص in ar, with 12 or 24 hours as the locale has it.
 * Minutes since midnight in, text out.
 */
export function timeFormat(lang: string, native: boolean): (minutes: number) => string {
  const numberingSystem_ = numberingSystem(lang, native);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: 'UTC', numberingSystem: numberingSystem_ });
  } catch {
    format = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  }
  return (minutes) => format.format(UTC(minutes));
}

/** A date ("YYYY-MM-DD" plus `offset` days) written out in the locale: Tuesday 5 May 2026, mardi 5 mai 2026 … */
export function formatDate(lang: string, iso: string, offset: number, native: boolean): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', numberingSystem: numberingSystem(lang, native) };
  try {
    return new Intl.DateTimeFormat(lang, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}

/**
 * A list's parts as the locale joins them (`Intl.ListFormat`, conjunction),
 * duplicates left out (compared without case and outer spaces): each
 * element stays a part of its own, so a page can isolate its direction.
 */
export function listParts(lang: string, items: string[]): { type: 'element' | 'literal'; value: string }[] {
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    const key = item.trim().toLocaleLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let format: Intl.ListFormat;
  try {
    format = new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' });
  } catch {
    format = new Intl.ListFormat('en', { type: 'conjunction', style: 'long' });
  }
  return format.formatToParts(unique);
}

/** A list joined as the locale joins it, duplicates left out. */
export function listFormat(lang: string, items: string[]): string {
  return listParts(lang, items).map((p) => p.value).join('');
}

/** The edition's ten digits space-separated (for scripts: deck.js), or '' with latin digits. */
export function digitList(lang: string, native: boolean): string {
  const system = numberingSystem(lang, native);
  return system === 'latn' ? '' : digitsOf(system).join(' ');
}

/** `lang` and `dir` for text written in `own` on a page in `page`; empty when they are the same language. */
export function foreignAttrs(own: string | undefined, page: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (!own || own === page) return {};
  return { lang: own, dir: direction(own) };
}
