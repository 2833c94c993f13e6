/**
 * The typed model that the load stage produces and later stages read.
 * Paths are absolute; `rel` paths are relative to the curriculum root with
 * forward slashes, which is how diagnostics and overlays name files.
 */

export type UnitType = 'session' | 'exercise' | 'roleplay' | 'quiz';

/** A break in the workshop day (`workshop.breaks`). */
export interface WorkshopBreak {
  at: string;
  minutes: number;
  /** Without a label, the break is named in the edition's language (UI string `break`). */
  label?: string;
  /** Language of the label: that of the layer (curriculum.yml or overlay) that gave it; set when editions are resolved. */
  language?: string;
}

/** How a workshop day runs; used to lay out the agenda. */
export interface Workshop {
  day_start: string;
  day_end: string;
  breaks: WorkshopBreak[];
  days?: number;
}

/** A source file as read from disk. */
export interface SourceRef {
  /** Absolute path. */
  path: string;
  /** Path relative to the curriculum root, forward slashes (as diagnostics print it). */
  rel: string;
}

/** One unit: a Markdown file with front matter. */
export interface Unit {
  id: string;
  title: string;
  type: UnitType;
  duration: number;
  objectives: string[];
  materials: string[];
  methods: string[];
  selfCheck: boolean;
  /** Git blob hash this overlay file was written against (replace and patch files only). */
  upstream?: string;
  moduleId: string;
  source: SourceRef;
  /** Raw file text. */
  text: string;
  /** Markdown body with the front matter blanked out, so positions match the file. */
  body: string;
  /** Where each part came from, oldest layer first (`base`, then overlay ids). */
  provenance: string[];
  /** Set when a translation edition falls back to a lower layer's text. */
  fallback?: boolean;
  /** BCP 47 tag of the language the unit's text is written in (its layer's); default the curriculum's. */
  language?: string;
  /** Content typography (curly quotes, French spacing) applies to this unit's text; default true. */
  typography?: boolean;
  /** Set when the overlay file is older than the file below it. */
  stale?: boolean;
  /** Set when a catalogue (`translation.po`) of the edition translates blocks of this unit (src/translate). */
  translation?: UnitTranslation;
}

/** The translations a catalogue layer gives one unit: applied block by block at parse (src/translate/apply.ts). */
export interface UnitTranslation {
  /** msgid -> msgstr, only translations that are neither empty nor fuzzy. */
  messages: [string, string][];
  /** Language and direction of the text below, which untranslated blocks keep. */
  fallbackLanguage: string;
  fallbackDir: 'ltr' | 'rtl';
  /** Hash of the messages: part of the unit's parse key. */
  key: string;
}

/** One module folder. */
export interface Module {
  id: string;
  title: string;
  summary?: string;
  audience?: string;
  /** The agenda plan (module.yml): `day` opens a new workshop day, `break` begins after the next break. */
  starts?: 'day' | 'break';
  /** The planned time slot in minutes. */
  minutes?: number;
  dirName: string;
  source: SourceRef;
  units: Unit[];
  /** Language of the module's title and summary (its module.yml's layer); default the curriculum's. */
  language?: string;
}

/** The branding block; read now, applied by the design work. */
export type Theme = Record<string, unknown>;

/** The self-paced course settings (`elearning:` in curriculum.yml). */
export interface Elearning {
  /** Percent of a module's quiz points needed to pass it (0–100, default 80). */
  passing_score: number;
  /** Module ids to pass before the others (checked against the modules at load). */
  required: string[];
}

/** A whole curriculum as loaded from its folder (the base layer). */
export interface Curriculum {
  root: string;
  source: SourceRef;
  id: string;
  title: string;
  version?: string;
  language: string;
  license?: string;
  /** A sentence or two about the curriculum (the course manifest's description). */
  description?: string;
  authors: string[];
  vars: Record<string, string>;
  workshop?: Workshop;
  theme?: Theme;
  elearning?: Elearning;
  /** Digits of page numbers, agenda and counters: latin (0-9, the default) or the language's own. */
  numbers?: 'latin' | 'native';
  /** Content typography by locale (curly quotes, French spacing); default on. */
  typography?: boolean;
  modules: Module[];
}
