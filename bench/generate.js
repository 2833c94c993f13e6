// Deterministic generator of a large curriculum in FORMAT.md, for `npm run bench`.
// Usage: node bench/generate.js <dir> [units=1000] [modules=20]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';

const words = 'return family community service plan support income skills health housing referral partner policy data indicator training local group needs safety trust dignity follow-up counselling network'.split(' ');
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = () => words[Math.floor(rand() * words.length)];
const sentence = (n = 12) => {
  const s = Array.from({ length: n }, pick).join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
};
const para = (n = 4) => Array.from({ length: n }, () => sentence(8 + Math.floor(rand() * 10))).join(' ');

function unitText(m, u, type) {
  const lines = [
    '---',
    `id: u${m}-${u}`,
    `title: Unit ${m}.${u} ${pick()} and ${pick()}`,
    `type: ${type}`,
    `duration: ${type === 'quiz' ? 15 : 30 + (u % 4) * 10}`,
    'objectives:',
    `  - Explain ${pick()} in practice`,
    `  - Apply ${pick()} with a ${pick()} partner`,
    `materials: [flipchart, ${pick()} cards]`,
    'methods: [plenary, group work]',
    '---',
    '',
    para(5),
    '',
  ];
  if (type === 'quiz') {
    for (let q = 1; q <= 8; q++) {
      lines.push(`${q}. ${sentence(9).replace('.', '?')}`, `   - [x] ${sentence(5)}`, `   - [ ] ${sentence(5)}`, `   - [${q % 3 === 0 ? 'x' : ' '}] ${sentence(5)}`, `   > ${sentence(10)}`);
    }
    lines.push('9. Name one local partner you would call first.', '   > Model answer: any partner on the referral list, with a reason.');
    return lines.join('\n') + '\n';
  }
  for (let s = 1; s <= 3; s++) {
    lines.push(`## Section ${s} {#s${s}}`, '', para(4), '', `- ${sentence(6)}`, `- ${sentence(6)}`, `- ${sentence(6)} Call :var[hotline].`, '', `| Level | Example |`, `|---|---|`, `| ${pick()} | ${sentence(4)} |`, `| ${pick()} | ${sentence(4)} |`, '');
    lines.push(':::facilitator', para(3), ':::', '', ':::participant', para(2), ':::', '');
    lines.push('::::slide', `## Slide ${s}: ${pick()} ${pick()}`, '', `- ${sentence(5)}`, `- ${sentence(5)}`, `- ${sentence(5)}`, '', ':::notes', para(2), ':::', '::::', '');
    lines.push(`:::${['tip', 'warning', 'note'][s - 1]}`, sentence(12), ':::', '');
  }
  if (type === 'exercise') lines.push('Work in small groups on the case.', '', ':::solution', para(3), ':::', '');
  else lines.push('::::exercise{title="Practice" minutes="10"}', para(2), '', ':::solution', para(2), ':::', '::::', '');
  if (type === 'roleplay') {
    lines.push(':::role{name="Case worker"}', para(3), ':::', '', ':::role{name="Returnee"}', para(3), ':::', '', ':::debrief', para(2), ':::', '');
  }
  lines.push(para(6), '');
  return lines.join('\n');
}

export async function generate(dir, units = 1000, modules = 20) {
  await rm(dir, { recursive: true, force: true });
  const perModule = Math.ceil(units / modules);
  const files = [];
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'curriculum.yml'), [
    'id: bench', 'title: Generated benchmark curriculum', 'version: 1.0.0', 'language: en', 'license: CC-BY-4.0',
    'vars:', '  hotline: "+00 000 000"',
    'workshop:', '  day_start: "09:00"', '  day_end: "17:00"', '  breaks:', '    - { at: "10:30", minutes: 15, label: Coffee }', '    - { at: "12:30", minutes: 60, label: Lunch }', '',
  ].join('\n'));
  let n = 0;
  for (let m = 1; m <= modules; m++) {
    const mdir = path.join(dir, 'modules', `${String(m).padStart(2, '0')}-module-${m}`);
    await mkdir(mdir, { recursive: true });
    await writeFile(path.join(mdir, 'module.yml'), `title: Module ${m}\nsummary: ${sentence(8)}\n`);
    for (let u = 1; u <= perModule && n < units; u++, n++) {
      const type = u === perModule ? 'quiz' : u % 7 === 0 ? 'roleplay' : u % 5 === 0 ? 'exercise' : 'session';
      const rel = `modules/${String(m).padStart(2, '0')}-module-${m}/${String(u).padStart(3, '0')}-unit.md`;
      const text = unitText(m, u, type);
      await writeFile(path.join(dir, rel), text);
      files.push({ rel, text });
    }
  }
  const hash = (t) => createHash('sha1').update(`blob ${Buffer.byteLength(t)}\0`).update(t).digest('hex');
  // Text of each file as an overlay's layers see it below them (fr replaces some base files).
  const layers = { base: new Map(files.map((f) => [f.rel, f.text])) };
  const overlay = async (id, yml, share, make, parent = 'base') => {
    await mkdir(path.join(dir, 'overlays', id), { recursive: true });
    await writeFile(path.join(dir, 'overlays', id, 'overlay.yml'), yml);
    layers[id] = new Map(layers[parent]);
    const step = Math.round(1 / share);
    for (const [i, base] of files.entries()) {
      if (i % step !== 0) continue;
      const f = { rel: base.rel, text: layers[parent].get(base.rel) };
      const made = make(f, hash(f.text));
      if (made.rel === f.rel) layers[id].set(f.rel, made.text);
      await mkdir(path.dirname(path.join(dir, 'overlays', id, made.rel)), { recursive: true });
      await writeFile(path.join(dir, 'overlays', id, made.rel), made.text);
    }
  };
  const translate = (prefix) => (f, h) => ({ rel: f.rel, text: f.text.replace('---\n', `---\nupstream: ${h}\n`).replace(/^(title: )/m, `$1${prefix} `).replace(/\n\n([A-Z])/g, `\n\n${prefix} $1`) });
  const patch = (f, h) => ({ rel: f.rel.replace(/\.md$/, '.patch.md'), text: f.text.includes('{#s2}') ? `---\nupstream: ${h}\nduration: 45\n---\n\n:::replace{section="s2"}\n${para(3)}\n:::\n\n:::after{section="s3"}\n${para(2)}\n:::\n` : `---\nupstream: ${h}\nduration: 20\n---\n` });
  await overlay('fr', 'id: fr\ntitle: Édition française\nlanguage: fr\nvars: { hotline: "+33 0 00" }\n', 0.3, translate('FR'));
  await overlay('sn', 'id: sn\nextends: fr\ntitle: Édition Sénégal\ncountry: SN\nvars: { hotline: "+221 0 00" }\n', 0.1, patch, 'fr');
  await overlay('bd', 'id: bd\ntitle: Bangladesh edition\ncountry: BD\nvars: { hotline: "+880 0 00" }\n', 0.1, patch);
  await overlay('ar', 'id: ar\ntitle: الطبعة العربية\nlanguage: ar\n', 0.05, translate('AR'));
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'bench/generated/large', units = '1000', modules = '20'] = process.argv.slice(2);
  const files = await generate(dir, Number(units), Number(modules));
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.error(`generated ${files.length} units (${Math.round(lines / files.length)} lines each on average) in ${dir}`);
}
