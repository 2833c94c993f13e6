import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
const p = unified().use(remarkParse).use(remarkDirective);
const t = p.parse(':::facilitator   \nabc\n:::\n');
console.log(t.children[0].type, t.children[0].name);
for (const [name, s] of [['bq', '>'.repeat(3000) + ' x\n'], ['list', Array.from({length: 3000}, (_, i) => ' '.repeat(i*2) + '- a').join('\n')], ['cont', Array.from({length: 3000}, (_, i) => ':'.repeat(3003-i) + 'note').join('\n')]]) {
  try { const t0 = Date.now(); const tree = p.parse(s); let d = 0, n = tree; while (n.children && n.children.length) { n = n.children[0]; d++; } console.log(name, 'ok depth', d, Date.now() - t0, 'ms');
    try { await unified().use(remarkRehype).run(tree); console.log(name, 'rehype ok'); } catch (e) { console.log(name, 'rehype', e.message.slice(0, 80)); }
  } catch (e) { console.log(name, 'parse fail', e.message.slice(0, 80)); }
}
