/**
 * The error catalogue and the diagnostic shape every stage reports in.
 *
 * A diagnostic always has a place (file, line, column) when the problem sits
 * in a source file, a permanent rule id (so CI logs and docs can refer to it),
 * a severity and a one-line hint saying what to do.
 */

export type Severity = 'error' | 'warning';

/** Where a problem sits. `line` and `column` are 1-based. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
}

/** One problem found in a curriculum. */
export interface Diagnostic extends Location {
  severity: Severity;
  rule: string;
  message: string;
  hint?: string;
}

/** Rule ids with their default hints. Names are permanent: docs and CI logs refer to them. */
export const RULES = {
  'yaml-syntax': 'Fix the YAML syntax; indentation and quoting are the usual causes.',
  'schema': 'See FORMAT.md for the fields this file accepts.',
  'missing-file': 'Create the file, or remove the reference to it.',
  'duplicate-id': 'Give each unit an id unique in the curriculum (front matter `id:`).',
  'unknown-id': 'Use an id that exists, or remove it from the list.',
  'undefined-var': 'Define the variable under `vars:` in curriculum.yml or in the overlay.',
  'unknown-directive': 'Use one of the directives in FORMAT.md, or escape the colon (`\\:`).',
  'misplaced-directive': 'Move the block where FORMAT.md allows it.',
  'directive-nesting': 'Close each block with a fence of its own colons, and give an outer block more colons than any block inside it (`::::exercise` around `:::solution`).',
  'footnote-scope': 'Define a footnote in the same block as the text that refers to it.',
  'too-deep': 'Flatten the nesting: no reader follows a hundred levels of quotes or lists.',
  'binary-content': 'Save the unit as UTF-8 text; put binary files under assets/ and link them.',
  'bad-url': 'Write the link with valid percent escapes (`%20` for a space), or without them.',
  'large-asset': 'Make the image smaller (resize or compress it): it is inlined into every page that shows it.',
  'leak': 'This is a bug in trainpack (please report it); meanwhile, rewrite the block so its text does not also appear in participant content.',
  'unsafe-html': 'Raw HTML is limited to a safe allowlist; see README "Raw HTML".',
  'outside-path': 'Keep links and images inside the curriculum folder (put files under assets/).',
  'missing-asset': 'Add the file under the curriculum folder or fix the path.',
  'remote-asset': 'Download the file into assets/ so the output works offline.',
  'quiz-format': 'A quiz is an ordered list; options are a nested task list with [x] on correct ones.',
  'agenda-overflow': 'Shorten units, add a day, or move the break times in `workshop:`.',
  'overlay': 'See FORMAT.md section 5 for overlays.',
  'translation': 'Fix the catalogue at the place given (a PO or XLIFF file); see README "Translating with catalogues".',
  'translation-placeholder': 'Keep every :var[name], link target and image path of the source in the translation, unchanged.',
  'fuzzy-translation': 'Review the translation against the new source (`#| msgid` shows the old one), then remove the `fuzzy` flag.',
  'output': 'Choose another --out folder.',
  'browser': 'Install Chromium, or pass --browser <path>.',
  'pdf': 'See the message; the HTML outputs were written.',
  'theme': 'See README "Themes": colours as quoted hex ("#1f4e79"), files inside the curriculum folder, text colours at 4.5:1 or more on white.',
  'server': 'Choose another --port, or stop the program using this one.',
  'template': 'Fix the template named in the message (handlebars syntax), or remove the override.',
  'export': 'The learning-platform format cannot carry this as written; see the message.',
  'internal': 'This is a bug in trainpack; please report it with the stack trace.',
  // trainpack check (issue 6)
  'too-few-roles': 'Give the role-play at least two `:::role{name="…"}` blocks, or change its `type:`.',
  'empty-unit': 'Write the unit\'s content below its front matter, or delete the file.',
  'untitled-slide': 'Start the slide with a heading (`## Title`): it becomes the slide title.',
  'missing-solution': 'Add a `:::solution` block (facilitator guide only), or change `type:` to session.',
  'broken-anchor': 'Link to a heading that exists: `#slug-of-heading`, an explicit `{#id}`, or `other-unit.md#id`.',
  'missing-alt': 'Describe the image for readers who cannot see it: `![what it shows](path)`.',
  'unused-var': 'Use it with `:var[name]` in a unit, or remove it from `vars:`.',
  'stale-overlay': 'Review with `trainpack overlay diff <file>`, update the overlay file, then `trainpack overlay ack <file>`.',
  'unrecorded-overlay': 'Compare it with the file below, then record it with `trainpack overlay ack <file>`.',
  'orphaned-overlay': 'The file it was written against is gone: remove or rename the overlay file, or drop its `upstream:` to keep it as an added unit.',
  'missing-strings': 'Add the keys to templates/strings/<lang>.json, or set them under `strings:` in the overlay.yml.',
  'unit-too-long': 'Split the unit into shorter ones, or lengthen the day (`workshop.day_start` / `day_end`).',
  'exercise-overrun': 'Shorten the exercises or raise the unit\'s `duration:`: exercise minutes count inside it.',
  'module-overrun': 'Raise the module\'s `minutes:` in module.yml, or shorten or move its units.',
  'module-start': 'Check the module\'s `starts:` against the workshop day (day_start, day_end, breaks), or shorten the modules before it.',
} as const;

export type RuleId = keyof typeof RULES;

/** Build a diagnostic with the rule's default hint. */
export function diag(
  severity: Severity,
  rule: RuleId,
  message: string,
  loc: Location,
  hint?: string,
): Diagnostic {
  return { severity, rule, message, ...loc, hint: hint ?? RULES[rule] };
}

/**
 * Thrown when a stage finds errors it cannot build past. Carries every
 * diagnostic found so far so the user sees all of them in one run.
 */
export class TrainpackError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
    super(first ? formatDiagnostic(first) : 'trainpack failed', options);
    this.name = 'TrainpackError';
    this.diagnostics = diagnostics;
  }
}

/** A collector that stages append to. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Add a diagnostic; the same one twice (a unit shared by several editions) is kept once. */
  add(d: Diagnostic): void {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
  }
  error(rule: RuleId, message: string, loc: Location, hint?: string): void {
    this.add(diag('error', rule, message, loc, hint));
  }
  warn(rule: RuleId, message: string, loc: Location, hint?: string): void {
    this.add(diag('warning', rule, message, loc, hint));
  }
  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'error');
  }
  get warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'warning');
  }
  /** Throw a TrainpackError carrying everything collected if any error was found. */
  throwIfErrors(): void {
    if (this.errors.length > 0) throw new TrainpackError(this.list);
  }
}

/** `file:line:col severity message [rule]`: the layout editors and CI parse. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file, d.line, d.column].filter((p) => p !== undefined).join(':');
  return `${place} ${d.severity} ${d.message} [${d.rule}]`;
}

/** Sort by file, then line and column, so reports read top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
