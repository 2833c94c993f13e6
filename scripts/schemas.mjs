#!/usr/bin/env node
/**
 * JSON Schemas (draft-07) for editors, made from the zod schemas the loader
 * validates with (src/load/schemas.ts, built into dist/): curriculum.yml,
 * module.yml, overlay.yml and unit front matter. `npm run build` writes them
 * into schemas/ (shipped in the package); `init` and `overlay init` point
 * new files at them with a `# yaml-language-server: $schema=…` line.
 *
 * Every field follows zod (a field added there appears here at the next
 * build). What zod does not say is added here: a description for the
 * fields listed below (a `.describe()` in zod wins), `additionalProperties:
 * false` on objects so an editor flags a misspelt key (trainpack warns about
 * unknown keys), and numbers or booleans accepted where zod coerces to text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Descriptions by dotted path (array items share their array's path). */
const DESCRIPTIONS = {
  curriculum: {
    '': 'trainpack curriculum.yml: the curriculum, what trainpack reads first.',
    id: 'Curriculum id: lowercase letters, digits and dashes.',
    title: 'Title of the curriculum, on every output.',
    version: 'Version of the curriculum, printed on the title pages.',
    language: 'BCP 47 tag of the language the sources are written in (default en).',
    license: 'Licence of the content, e.g. CC-BY-4.0.',
    authors: 'Authors, as a list (or one name).',
    modules: 'Module folder names in teaching order (default: folder names sorted).',
    vars: 'Values for :var[name] in units; overlays may change them.',
    workshop: 'How the agenda of the facilitator guide is laid out.',
    'workshop.day_start': 'Time the workshop day starts, "HH:MM" (quoted).',
    'workshop.day_end': 'Time the workshop day ends, "HH:MM" (quoted).',
    'workshop.days': 'Days the workshop has: a longer agenda is a warning.',
    'workshop.breaks': 'Breaks of every day.',
    'workshop.breaks.at': 'Time the break starts, "HH:MM" (quoted).',
    'workshop.breaks.minutes': 'Length of the break in minutes.',
    'workshop.breaks.label': "Name of the break in the agenda (default: Break, in the edition's language).",
    theme: 'Colours and fonts of the outputs (see the README, Theme).',
    description: 'A paragraph about the curriculum, on the index page.',
    elearning: 'The self-paced course (SCORM export).',
    numbers: 'Digits of page numbers, agenda and counters: latin or native.',
    typography: "Curly quotes, dashes and spacing by the edition's language (default true; false keeps the text as typed).",
  },
  module: {
    '': 'trainpack module.yml: one module of the curriculum.',
    id: 'Module id (default: the folder name without its numeric prefix).',
    title: 'Title of the module.',
    summary: 'One or two sentences about the module, in the guide and on the index.',
    audience: 'Who the module is for.',
    units: 'Unit file names in teaching order (default: file names sorted).',
    starts: 'day: the module opens a new workshop day; break: it begins after the next break.',
    minutes: 'The time slot the module is planned for; check warns when its units need more.',
  },
  overlay: {
    '': 'trainpack overlay.yml: an adaptation or translation layered over the curriculum.',
    id: 'Overlay id (its folder name): lowercase letters, digits and dashes.',
    extends: 'Another overlay this one builds on (the chain is base <- that one <- this one).',
    title: 'Title of this edition.',
    language: 'BCP 47 tag of the output language (UI strings; right-to-left for ar, fa, ur, he).',
    country: 'ISO 3166-1 alpha-2 country code, e.g. SN.',
    vars: 'Values for :var[name] that differ in this edition.',
    exclude: 'Unit or module ids left out of this edition.',
    strings: 'Built-in UI strings overridden in this edition, by key.',
    theme: 'Colours and fonts of this edition.',
    workshop: "Overrides of the parent's workshop block, key by key (a breaks list replaces the parent's whole).",
    numbers: 'Digits of page numbers, agenda and counters: latin or native.',
    typography: "Curly quotes, dashes and spacing by the edition's language (default true; false keeps the text as typed).",
    'workshop.day_start': 'Time the workshop day starts in this edition, "HH:MM" (quoted).',
    'workshop.day_end': 'Time the workshop day ends in this edition, "HH:MM" (quoted).',
    'workshop.days': 'Days the workshop has in this edition.',
    'workshop.breaks': "Breaks of every day (replaces the parent's list whole).",
    'workshop.breaks.at': 'Time the break starts, "HH:MM" (quoted).',
    'workshop.breaks.minutes': 'Length of the break in minutes.',
    'workshop.breaks.label': "Name of the break in the agenda (default: Break, in the edition's language).",
  },
  unit: {
    '': 'trainpack unit front matter: the YAML block at the top of a unit (.md) file.',
    id: 'Unit id, unique in the curriculum (default: the file name without its numeric prefix).',
    title: 'Title of the unit.',
    type: 'Kind of unit (default session).',
    duration: 'Minutes the unit takes, a whole number greater than 0.',
    objectives: 'What participants can do afterwards.',
    materials: 'What the facilitator needs (flipchart, markers, …).',
    methods: 'How it is taught (plenary, group work, …).',
    self_check: 'A quiz participants mark themselves (answers in the handout).',
    roles_in_handout: "Role-plays: keep every role's brief in the participant handout too (default false: briefs are printed only as role cards).",
    upstream: 'In an overlay: the git blob hash of the file below when this one was last reviewed (trainpack overlay ack).',
  },
};

/** The four schemas, as JSON values, from the zod schemas of the build in dist/. */
export async function jsonSchemas() {
  const s = await import(pathToFileURL(path.join(root, 'dist/load/schemas.js')).href);
  const sources = { curriculum: s.curriculumSchema, module: s.moduleSchema, overlay: s.overlaySchema, unit: s.unitSchema };
  const out = {};
  for (const [name, schema] of Object.entries(sources)) {
    const json = z.toJSONSchema(schema, {
      target: 'draft-7',
      io: 'input',
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => {
        // z.coerce.string() takes numbers and booleans too (`version: 1`).
        if (zodSchema._zod.def.type === 'string' && zodSchema._zod.def.coerce) jsonSchema.type = ['string', 'number', 'boolean'];
        if (jsonSchema.type === 'object' && jsonSchema.properties && jsonSchema.additionalProperties === undefined) jsonSchema.additionalProperties = false;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    });
    describe(json, '', DESCRIPTIONS[name]);
    out[name] = { $schema: json.$schema, title: `trainpack ${name === 'unit' ? 'unit front matter' : `${name}.yml`}`, ...json };
  }
  return out;
}

function describe(node, at, texts, self = true) {
  if (!node || typeof node !== 'object') return;
  if (self && texts[at] && node.description === undefined) node.description = texts[at];
  for (const [key, child] of Object.entries(node.properties ?? {})) describe(child, at ? `${at}.${key}` : key, texts);
  // The fields of a list's items are named under the list (`workshop.breaks.at`).
  if (node.items) describe(node.items, at, texts, false);
  for (const alt of node.anyOf ?? []) describe(alt, at, texts, false);
}

/** Write schemas/<name>.schema.json. */
export async function writeSchemas(dir = path.join(root, 'schemas')) {
  mkdirSync(dir, { recursive: true });
  for (const [name, json] of Object.entries(await jsonSchemas())) writeFileSync(path.join(dir, `${name}.schema.json`), JSON.stringify(json, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeSchemas();
