/**
 * GIFT read the way Moodle's importer reads it, ported from
 * question/format/gift/format.php (readquestions, readquestion,
 * escapedchar_pre/post, parse_text_with_format): the parts trainpack writes.
 */

export interface GiftQuestion {
  category?: string;
  name?: string;
  idnumber?: string;
  qtype?: 'essay' | 'multichoice' | 'truefalse' | 'other';
  format?: string;
  questiontext?: string;
  generalfeedback?: string;
  single?: boolean;
  answers?: { text: string; fraction: number }[];
  correctanswer?: boolean;
}

const ESCAPES: [string, string][] = [['\\:', '&&058;'], ['\\#', '&&035;'], ['\\=', '&&061;'], ['\\{', '&&123;'], ['\\}', '&&125;'], ['\\~', '&&126;'], ['\\n', '&&010']];
const pre = (s: string) => {
  let out = s.split('\\\\').join('&&092;');
  for (const [e, p] of ESCAPES) out = out.split(e).join(p);
  return out.split('&&092;').join('\\');
};
const post = (s: string) => {
  let out = s;
  for (const [e, p] of ESCAPES) out = out.split(p).join(e === '\\n' ? '\n' : e.slice(1));
  return out;
};
function withFormat(text: string): { text: string; format: string } {
  let format = 'moodle';
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    format = text.slice(1, end);
    text = text.slice(end + 1);
  }
  return { text: post(text).trim(), format };
}

/** Read GIFT the way Moodle's importer does (the parts trainpack writes: categories, essay, multichoice, true/false). */
export function readGiftLikeMoodle(gift: string): GiftQuestion[] {
  const blocks: string[][] = [[]];
  for (const raw of gift.split('\n')) {
    const line = raw.trim();
    // PHP's empty(): '' and '0' both end a question.
    if (line === '' || line === '0') blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const out: GiftQuestion[] = [];
  for (const lines of blocks.filter((b) => b.length)) {
    const comments = lines.filter((l) => l.startsWith('//')).join('\n');
    let text = pre(lines.map((l) => (l.startsWith('//') ? ' ' : l)).join('\n').trim());
    if (!text) continue;
    if (text.startsWith('$CATEGORY:')) {
      out.push({ category: text.slice(10).trim() });
      continue;
    }
    const q: GiftQuestion = { idnumber: /\[id:([^\]]+)\]/.exec(comments)?.[1]?.trim() };
    if (text.startsWith('::')) {
      text = text.slice(2);
      const end = text.indexOf('::');
      q.name = post(text.slice(0, end));
      text = text.slice(end + 2).trim();
    }
    const start = text.indexOf('{');
    const finish = text.indexOf('}');
    if (start === -1 || finish === -1) throw new Error(`no answer braces in ${text}`);
    let answers = text.slice(start + 1, finish).trim();
    const stem = text.slice(0, start) + text.slice(finish + 1);
    const gf = answers.lastIndexOf('####');
    const general = gf === -1 ? '' : answers.slice(gf + 4);
    if (gf !== -1) answers = answers.slice(0, gf).trim();
    const qt = withFormat(stem);
    q.questiontext = qt.text;
    q.format = qt.format;
    q.generalfeedback = withFormat(general).text;
    if (answers === '') q.qtype = 'essay';
    else if (answers.includes('~')) {
      q.qtype = 'multichoice';
      q.single = answers.includes('=');
      const parts = answers.replace(/=/g, '~=').split('~').map((a) => a.trim());
      if (!parts[0]) parts.shift();
      q.answers = parts.map((a) => {
        let fraction = 0;
        if (a.startsWith('=')) {
          fraction = 1;
          a = a.slice(1);
        } else {
          const m = /^%(-*[0-9]{1,2}\.?[0-9]*)%/.exec(a);
          if (m) {
            fraction = Number(m[1]) / 100;
            a = a.slice(m[0].length);
          }
        }
        return { text: withFormat(a.split('#')[0]!.trim()).text, fraction };
      });
    } else if (['T', 'TRUE', 'F', 'FALSE'].includes(answers)) {
      q.qtype = 'truefalse';
      q.correctanswer = answers.startsWith('T');
    } else q.qtype = 'other';
    out.push(q);
  }
  return out;
}
