import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics, TrainpackError } from '../../src/errors.js';
import { loadCurriculum } from '../../src/load/curriculum.js';
import { parseYaml } from '../../src/load/yaml.js';
import { closest } from '../../src/load/validate.js';
import { FIXTURES, tempDir } from '../helpers.js';

/** Write a tiny curriculum from a map of relative path -> text. */
async function curriculum(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

const unit = (extra = '') => `---\ntitle: A unit\nduration: 30\n${extra}---\n\nBody.\n`;

describe('load', () => {
  it('loads the full fixture in the declared order with defaults', async () => {
    const { curriculum: c } = await loadCurriculum(path.join(FIXTURES, 'full'));
    expect(c.id).toBe('full-fixture');
    expect(c.modules.map((m) => m.id)).toEqual(['alpha', 'beta']);
    expect(c.modules[0]!.units.map((u) => u.id)).toEqual(['second', 'first']);
    const second = c.modules[0]!.units[0]!;
    expect(second.type).toBe('exercise');
    expect(second.objectives).toEqual(['Do the exercise']);
    expect(c.workshop?.breaks[0]).toEqual({ at: '10:30', minutes: 15, label: 'Coffee break' });
  });

  it('orders by file name (numeric-aware) without explicit lists', async () => {
    const dir = await curriculum({
      'curriculum.yml': 'id: x\ntitle: X\n',
      'modules/10-late/module.yml': 'title: Late\n',
      'modules/2-early/module.yml': 'title: Early\n',
      'modules/2-early/10-b.md': unit(),
      'modules/2-early/9-a.md': unit(),
      'modules/10-late/01-c.md': unit(),
    });
    const { curriculum: c } = await loadCurriculum(dir);
    expect(c.modules.map((m) => m.id)).toEqual(['early', 'late']);
    expect(c.modules[0]!.units.map((u) => u.id)).toEqual(['a', 'b']);
  });

  it('keeps body positions equal to file positions', async () => {
    const dir = await curriculum({
      'curriculum.yml': 'id: x\ntitle: X\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': unit('objectives: [a]\n'),
    });
    const { curriculum: c } = await loadCurriculum(dir);
    const lines = c.modules[0]!.units[0]!.body.split('\n');
    expect(lines.indexOf('Body.')).toBe(6); // line 7 of the file
  });

  it('collects every error with its place', async () => {
    const dir = await curriculum({
      'curriculum.yml': 'id: x\ntitle: X\nmodules: [01-m, 02-missing]\n',
      'modules/01-m/module.yml': 'summary: no title\n',
      'modules/01-m/01-u.md': unit('type: lecture\n'),
      'modules/01-m/02-v.md': '---\ntitle: V\nduraton: 5\n---\n',
    });
    const diags = new Diagnostics();
    await expect(loadCurriculum(dir, diags)).rejects.toBeInstanceOf(TrainpackError);
    const lines = diags.list.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`);
    expect(lines).toContain('curriculum.yml:3:17 error Module "02-missing" is listed but does not exist');
    expect(lines).toContain('modules/01-m/module.yml:1:1 error Missing required field "title" in module.yml');
    expect(lines).toContain('modules/01-m/01-u.md:4:7 error Field "type" in unit front matter: expected one of session, exercise, roleplay, quiz');
    expect(lines).toContain('modules/01-m/02-v.md:3:1 warning Unknown key "duraton" in unit front matter: did you mean "duration"?');
    expect(lines).toContain('modules/01-m/02-v.md:2:1 error Missing required field "duration" in unit front matter');
  });

  it('validates ids', async () => {
    const dir = await curriculum({ 'curriculum.yml': 'id: Bad_Id\ntitle: X\n', 'modules/01-m/module.yml': 'title: M\n' });
    await expect(loadCurriculum(dir)).rejects.toThrow(
      'curriculum.yml:1:5 error Field "id" in curriculum.yml: expected lowercase letters, digits and dashes ([a-z0-9-]) [schema]',
    );
  });

  it('requires front matter in a unit', async () => {
    const dir = await curriculum({
      'curriculum.yml': 'id: x\ntitle: X\n',
      'modules/01-m/module.yml': 'title: M\n',
      'modules/01-m/01-u.md': '# Just text\n',
    });
    await expect(loadCurriculum(dir)).rejects.toThrow(/01-u\.md:1:1 error A unit needs YAML front matter/);
  });
});

describe('yaml positions', () => {
  it('maps paths to lines and reports syntax errors', () => {
    const diags = new Diagnostics();
    const y = parseYaml('a: 1\nb:\n  - x\n  - y\n', 'f.yml', diags)!;
    expect(y.locate(['b', 1])).toEqual({ line: 4, column: 5 });
    expect(y.locateKey(['b'])).toEqual({ line: 2, column: 1 });
    expect(parseYaml('a: [1\n', 'f.yml', diags)).toBeUndefined();
    expect(diags.errors[0]).toMatchObject({ file: 'f.yml', rule: 'yaml-syntax' });
  });

  it('suggests the closest key', () => {
    expect(closest('duraton', ['duration', 'title'])).toBe('duration');
    expect(closest('zzz', ['duration', 'title'])).toBeUndefined();
  });
});
