/**
 * The JSON Schemas for editors (schemas/, written by `npm run build` from the
 * zod schemas): they accept every YAML file and front matter block of the
 * example and of `init`'s starter, reject a misspelt key, and follow zod.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { curriculumSchema, moduleSchema, overlaySchema, unitSchema } from '../../src/load/schemas.js';
import { ROOT } from '../helpers.js';

const NAMES = ['curriculum', 'module', 'overlay', 'unit'] as const;
type Name = (typeof NAMES)[number];
const validators = {} as Record<Name, ValidateFunction>;
const json = {} as Record<Name, { properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean; $schema: string }>;

beforeAll(async () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const name of NAMES) {
    json[name] = JSON.parse(await readFile(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
    validators[name] = ajv.compile(json[name]);
  }
});

/** Every file under `dir`, relative paths. */
async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).filter((f) => !f.split(path.sep).some((p) => p.startsWith('.')));
}

/** The front matter of a Markdown file, parsed (undefined when it has none). */
function frontMatter(text: string): unknown {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return m ? (parse(m[1]!) ?? {}) : undefined;
}

/** Which schema a file of a curriculum answers to, with its parsed content. */
async function documents(root: string): Promise<{ file: string; name: Name; data: unknown; patch: boolean }[]> {
  const out: { file: string; name: Name; data: unknown; patch: boolean }[] = [];
  for (const rel of await files(root)) {
    const file = path.join(root, rel);
    const base = path.basename(rel);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    if (base === 'curriculum.yml') out.push({ file: rel, name: 'curriculum', data: parse(text), patch: false });
    else if (base === 'module.yml') out.push({ file: rel, name: 'module', data: parse(text), patch: false });
    else if (base === 'overlay.yml') out.push({ file: rel, name: 'overlay', data: parse(text), patch: false });
    else if (rel.split(path.sep).includes('modules') && base.endsWith('.md')) {
      const data = frontMatter(text);
      if (data !== undefined) out.push({ file: rel, name: 'unit', data, patch: base.endsWith('.patch.md') });
    }
  }
  return out;
}

function check(name: Name, data: unknown, patch = false): string[] {
  let validate = validators[name];
  // A patch's front matter overrides some fields of the file below: none is required there.
  if (patch) validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile({ ...json[name], required: [] });
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('JSON Schemas for editors', () => {
  it('accept every YAML file and front matter of the example curriculum', async () => {
    const docs = await documents(path.join(ROOT, 'curricula/reintegration'));
    expect(docs.filter((d) => d.name === 'curriculum')).toHaveLength(1);
    expect(docs.filter((d) => d.name === 'overlay').length).toBeGreaterThan(2);
    expect(docs.filter((d) => d.name === 'unit').length).toBeGreaterThan(20);
    expect(docs.filter((d) => d.name === 'module').length).toBeGreaterThan(3);
    for (const d of docs) expect(check(d.name, d.data, d.patch), d.file).toEqual([]);
  });

  it("accept init's starter curriculum", async () => {
    const docs = await documents(path.join(ROOT, 'templates/init'));
    expect(docs.length).toBeGreaterThan(3);
    for (const d of docs) expect(check(d.name, d.data, d.patch), d.file).toEqual([]);
  });

  it('reject a misspelt key, a wrong type and a value outside the enum', async () => {
    const curriculum = parse(await readFile(path.join(ROOT, 'curricula/reintegration/curriculum.yml'), 'utf8'));
    expect(check('curriculum', curriculum)).toEqual([]);
    expect(check('curriculum', { ...curriculum, titel: 'x' }).join('\n')).toMatch(/additionalProperty.*titel/);
    expect(check('curriculum', { ...curriculum, workshop: { ...curriculum.workshop, day_strat: '09:00' } }).join('\n')).toMatch(/day_strat/);
    expect(check('unit', { title: 'A', duration: 30, objectves: [] }).join('\n')).toMatch(/objectves/);
    expect(check('unit', { title: 'A', duration: '30' }).join('\n')).toMatch(/duration.*integer/);
    expect(check('unit', { title: 'A', duration: 30, type: 'lecture' }).join('\n')).toMatch(/type.*allowed values/);
    expect(check('unit', { duration: 30 }).join('\n')).toMatch(/required.*title/);
    expect(check('overlay', { id: 'sn', langauge: 'fr' }).join('\n')).toMatch(/langauge/);
    expect(check('module', { title: 'M', sumary: 'x' }).join('\n')).toMatch(/sumary/);
  });

  it('follow the zod schemas: every field, the required ones, the enums, and a description for each', () => {
    const zod = { curriculum: curriculumSchema, module: moduleSchema, overlay: overlaySchema, unit: unitSchema };
    for (const name of NAMES) {
      const shape = zod[name].shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
      expect(Object.keys(json[name].properties).sort(), name).toEqual(Object.keys(shape).sort());
      // Required in JSON exactly when zod refuses the field missing.
      const required = Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
      expect([...(json[name].required ?? [])].sort(), name).toEqual(required.sort());
      expect(json[name].additionalProperties, name).toBe(false);
      expect(json[name].$schema).toBe('http://json-schema.org/draft-07/schema#');
    }
    expect((json.unit.properties.type as { enum: string[] }).enum).toEqual(['session', 'exercise', 'roleplay', 'quiz']);
    for (const name of NAMES) for (const [k, p] of Object.entries(json[name].properties)) expect((p as { description?: string }).description, `${name}.${k}`).toBeTruthy();
  });
});
