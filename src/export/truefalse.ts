/**
 * True/false detection: a single-choice question whose two options read as
 * "true" and "false" (or "yes" and "no") becomes a platform's true/false
 * question. The pair must come from one language; the edition's language
 * is tried first, then the others, since a unit not yet translated keeps
 * the words of the layer below.
 */

/** [true word, false word] pairs by language (lower case, as normalised below). */
const PAIRS: Record<string, [string, string][]> = {
  en: [['true', 'false'], ['yes', 'no']],
  fr: [['vrai', 'faux'], ['oui', 'non']],
  es: [['verdadero', 'falso'], ['sí', 'no'], ['si', 'no']],
  pt: [['verdadeiro', 'falso'], ['sim', 'não']],
  it: [['vero', 'falso'], ['sì', 'no']],
  de: [['wahr', 'falsch'], ['richtig', 'falsch'], ['ja', 'nein']],
  ar: [['صحيح', 'خطا'], ['صح', 'خطا'], ['صحيح', 'خاطي'], ['نعم', 'لا']],
};

/**
 * Lower case, no surrounding punctuation; for Arabic also no diacritics
 * and one form of alif, hamza and ya (`خطأ`, `خطا` and `خَطَأ` are one word).
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[ئى]/g, 'ي')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/**
 * If the two options read as a true/false pair, which of them is "true"
 * (0 or 1); otherwise undefined.
 */
export function trueOption(options: readonly [string, string], language: string): 0 | 1 | undefined {
  const [a, b] = options.map(normaliseAnswer) as [string, string];
  const primary = language.split('-')[0]!.toLowerCase();
  const order = [primary, ...Object.keys(PAIRS).filter((l) => l !== primary)];
  for (const lang of order) {
    for (const [t, f] of PAIRS[lang] ?? []) {
      if (a === t && b === f) return 0;
      if (a === f && b === t) return 1;
    }
  }
  return undefined;
}
