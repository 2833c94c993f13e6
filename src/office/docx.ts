/**
 * Word documents (`facilitator-guide.docx`, `participant-handout.docx`,
 * `role-cards.docx`) from the rendered pages of one audience, written with
 * the `docx` library: Word's own heading styles (the navigation pane and the
 * table-of-contents field work), unit header cards as tables, callouts as
 * labelled, bordered and shaded paragraphs that survive black-and-white
 * printing, tables, images with alt text, quiz boxes, a header with the
 * title and a footer "Page X of Y", right-to-left paragraphs marked bidi.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Element, Root } from 'hast';
import { classes, dataUrl, findAll, findFirst, hasClass, imageSize, runsOf, textOf, type Run } from './html.js';

/** What a Word document needs besides the page. */
export interface DocxInput {
  /** The rendered page (guide, handout or role cards). */
  page: Root;
  title: string;
  /** "Facilitator guide", "Participant handout": the header's second half. */
  kind: string;
  language: string;
  rtl: boolean;
  /** "Page {page} of {pages}" in the edition's language. */
  pageOfPages: string;
  /** "Contents" in the edition's language; no table of contents when absent. */
  contents?: string;
  /** Theme colours as #rrggbb. */
  primary: string;
  accent: string;
  font: string;
}

type Block = Paragraph | Table;

interface Ctx {
  rtl: boolean;
  lang?: string;
  /** Inside a callout: paragraphs get its border and shading. */
  callout?: { color: string; fill: string };
  /** ordered-list instance counter. */
  lists: { n: number };
}

const MONO = 'Noto Sans Mono';
const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/** Colours of the callout kinds (as in page.css), darker borders for black-and-white printing. */
const CALLOUTS: Record<string, { color: string; fill: string }> = {
  'tp-tip': { color: '2E7D32', fill: 'F0F7F0' },
  'tp-warning': { color: 'A8470B', fill: 'FDF3EC' },
  'tp-note': { color: '1F4E79', fill: 'EEF3F8' },
  'tp-facilitator': { color: '6A3D9A', fill: 'F6F2FA' },
  'tp-notes': { color: '6A3D9A', fill: 'F6F2FA' },
  'tp-solution': { color: '2E7D32', fill: 'F0F7F0' },
  'tp-debrief': { color: '6A3D9A', fill: 'F6F2FA' },
  'tp-exercise': { color: '525252', fill: 'F3F5F7' },
  'tp-role': { color: '525252', fill: 'F3F5F7' },
};

/** Elements that are page furniture, not content. */
function skipped(el: Element): boolean {
  if (['script', 'style', 'nav', 'button', 'form', 'template', 'noscript', 'input', 'svg'].includes(el.tagName)) return true;
  if (el.properties?.hidden !== undefined && el.properties.hidden !== false) return true;
  const c = classes(el);
  return c.some((x) => ['tp-sr-only', 'tp-toc', 'tp-topbar', 'tp-skip', 'tp-search', 'tp-switcher', 'tp-cover', 'tp-pagenav', 'tp-sidebar', 'tp-unit-nav'].includes(x));
}

function textRuns(runs: Run[], ctx: Ctx, extra: { bold?: boolean; size?: number; color?: string } = {}): ParagraphChild[] {
  return runs.map((r) => {
    const lang = r.lang ?? ctx.lang;
    const run = new TextRun({
      text: r.text,
      bold: r.bold || extra.bold,
      italics: r.italics,
      strike: r.strike,
      font: r.code ? MONO : undefined,
      size: extra.size,
      color: r.link ? '1F4E79' : extra.color,
      underline: r.link ? {} : undefined,
      rightToLeft: r.rtl ?? ctx.rtl,
      language: lang ? { value: lang, bidirectional: r.rtl ?? ctx.rtl ? lang : undefined } : undefined,
    });
    return r.link ? new ExternalHyperlink({ link: r.link, children: [run] }) : run;
  });
}

function para(children: ParagraphChild[], ctx: Ctx, options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  const box = ctx.callout;
  return new Paragraph({
    ...options,
    children,
    bidirectional: ctx.rtl,
    ...(box
      ? {
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: box.color, space: 6 }, top: { style: BorderStyle.SINGLE, size: 4, color: box.color, space: 2 }, bottom: { style: BorderStyle.SINGLE, size: 4, color: box.color, space: 2 }, right: { style: BorderStyle.SINGLE, size: 4, color: box.color, space: 6 } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: box.fill },
          indent: { left: 240, right: 240 },
        }
      : {}),
  });
}

function withDirection(el: Element, ctx: Ctx): Ctx {
  const dir = el.properties?.dir;
  const lang = el.properties?.lang;
  if (dir !== 'rtl' && dir !== 'ltr' && typeof lang !== 'string') return ctx;
  return { ...ctx, rtl: dir === 'rtl' ? true : dir === 'ltr' ? false : ctx.rtl, lang: typeof lang === 'string' && lang ? lang : ctx.lang };
}

function image(el: Element, ctx: Ctx): Paragraph | undefined {
  const src = String(el.properties?.src ?? '');
  const found = dataUrl(src);
  const alt = String(el.properties?.alt ?? '');
  if (!found) return alt ? para([new TextRun({ text: `[${alt}]`, italics: true })], ctx) : undefined;
  const size = imageSize(found.mime, found.data) ?? { width: 600, height: 400 };
  const width = Math.min(560, size.width);
  const height = Math.round((size.height / size.width) * width);
  const altText = { name: alt || 'image', title: alt, description: alt };
  const type = found.mime === 'image/png' ? 'png' : found.mime === 'image/jpeg' ? 'jpg' : found.mime === 'image/gif' ? 'gif' : found.mime === 'image/svg+xml' ? 'svg' : undefined;
  if (!type) return alt ? para([new TextRun({ text: `[${alt}]`, italics: true })], ctx) : undefined;
  const run =
    type === 'svg'
      ? new ImageRun({ type: 'svg', data: found.data, fallback: { type: 'png', data: TRANSPARENT_PNG }, transformation: { width, height }, altText })
      : new ImageRun({ type, data: found.data, transformation: { width, height }, altText });
  return para([run], ctx, { alignment: AlignmentType.CENTER });
}

/** A 1×1 transparent PNG: the fallback Word asks for beside an SVG (Word 2016+ and LibreOffice draw the SVG). */
const TRANSPARENT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

function list(el: Element, ctx: Ctx, level: number, out: Block[]): void {
  const ordered = el.tagName === 'ol';
  const instance = ordered ? ++ctx.lists.n : 0;
  for (const li of el.children) {
    if (li.type !== 'element' || li.tagName !== 'li') continue;
    const inner = withDirection(li, ctx);
    // The item's own text: its inline content and paragraphs; nested lists follow at the next level.
    const own: Element = { ...li, children: li.children.filter((c) => !(c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol' || c.tagName === 'blockquote'))) };
    const runs = runsOf(own);
    out.push(para(textRuns(runs, inner), inner, ordered ? { numbering: { reference: 'ordered', level: Math.min(level, 8), instance } } : { bullet: { level: Math.min(level, 8) } }));
    for (const c of li.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'ul' || c.tagName === 'ol') list(c, inner, level + 1, out);
      else if (c.tagName === 'blockquote') out.push(...blocks(c, { ...inner }).map((b) => b));
    }
  }
}

function table(el: Element, ctx: Ctx): Table | undefined {
  const rows = findAll(el, (e) => e.tagName === 'tr');
  if (rows.length === 0) return undefined;
  const width = Math.max(...rows.map((r) => r.children.filter((c) => c.type === 'element').length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: ctx.rtl,
    rows: rows.map(
      (tr) =>
        new TableRow({
          tableHeader: tr.children.some((c) => c.type === 'element' && c.tagName === 'th') && tr === rows[0],
          children: tr.children
            .filter((c): c is Element => c.type === 'element')
            .map((cell) => {
              const inner = withDirection(cell, ctx);
              return new TableCell({ children: [para(textRuns(runsOf(cell), inner, { bold: cell.tagName === 'th' }), inner)], columnSpan: Number(cell.properties?.colSpan ?? 1) || 1 });
            })
            .concat(Array.from({ length: 0 })),
        }),
    ),
    columnWidths: Array.from({ length: width }, () => Math.floor(9000 / width)),
  });
}

/** A unit's header as a card: a one-column table holding the kicker, objectives and facts. */
function unitCard(el: Element, ctx: Ctx, primary: string): Block[] {
  const out: Block[] = [];
  const heading = findFirst(el, (e) => /^h[1-6]$/.test(e.tagName));
  if (heading) out.push(headingPara(heading, ctx));
  const cell: Paragraph[] = [];
  const kicker = findFirst(el, (e) => hasClass(e, 'tp-unit-kicker'));
  if (kicker) cell.push(para(textRuns(runsOf(kicker), ctx, { bold: true, color: hex(primary) }), ctx));
  for (const part of findAll(el, (e) => hasClass(e, 'tp-objectives') || hasClass(e, 'tp-unit-facts') || hasClass(e, 'tp-fallback') || hasClass(e, 'tp-stale'))) {
    for (const b of blocks(part, ctx)) if (b instanceof Paragraph) cell.push(b);
  }
  if (cell.length === 0) return out;
  const line = { style: BorderStyle.SINGLE, size: 8, color: hex(primary) };
  out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, visuallyRightToLeft: ctx.rtl, rows: [new TableRow({ children: [new TableCell({ children: cell, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F5F7' }, borders: { top: line, bottom: line, left: line, right: line }, margins: { top: 100, bottom: 100, left: 140, right: 140 } })] })] }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const;

function headingPara(el: Element, ctx: Ctx): Paragraph {
  const level = Number(el.tagName[1]) - 1;
  const inner = withDirection(el, ctx);
  return para(textRuns(runsOf(el), inner), inner, { heading: HEADINGS[Math.max(0, Math.min(level, 5))] });
}

/** The blocks of an element's children. */
function blocks(el: Element | Root, ctx: Ctx, primary = '#1f4e79'): Block[] {
  const out: Block[] = [];
  // Inline content directly in a block container becomes one paragraph.
  let inline: Element['children'] = [];
  const flush = () => {
    if (inline.length === 0) return;
    const runs = runsOf({ type: 'element', tagName: 'span', properties: {}, children: inline });
    if (runs.length) out.push(para(textRuns(runs, ctx), ctx));
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      if (child.value.trim()) inline.push(child);
      continue;
    }
    if (child.type !== 'element' || skipped(child)) continue;
    const c = withDirection(child, ctx);
    const tag = child.tagName;
    if (['a', 'strong', 'em', 'b', 'i', 'code', 'span', 'bdi', 'kbd', 'del', 's', 'sup', 'sub', 'br', 'small', 'abbr', 'mark'].includes(tag)) {
      inline.push(child);
      continue;
    }
    flush();
    const cls = classes(child);
    if (/^h[1-6]$/.test(tag)) out.push(headingPara(child, c));
    else if (tag === 'p') {
      const imgs = child.children.filter((x): x is Element => x.type === 'element' && x.tagName === 'img');
      if (imgs.length === 1 && textOf(child) === '') {
        const img = image(imgs[0]!, c);
        if (img) out.push(img);
      } else {
        const label = cls.includes('tp-label') || cls.includes('tp-block-title') || cls.includes('tp-card-label') || cls.includes('tp-slide-label');
        const runs = runsOf(child);
        if (runs.length) out.push(para(textRuns(runs, c, { bold: label }), c));
      }
    } else if (tag === 'img') {
      const img = image(child, c);
      if (img) out.push(img);
    } else if (tag === 'ul' || tag === 'ol') list(child, c, 0, out);
    else if (tag === 'table') {
      const t = table(child, c);
      if (t) out.push(t, new Paragraph({ children: [] }));
    } else if (tag === 'pre') out.push(para([new TextRun({ text: textOf(child), font: MONO })], c));
    else if (tag === 'hr') out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'C4CCD4', space: 1 } } }));
    else if (tag === 'header' && cls.includes('tp-unit-header')) out.push(...unitCard(child, c, primary));
    else if (tag === 'dl') {
      for (const d of child.children) {
        if (d.type !== 'element') continue;
        if (d.tagName === 'div') out.push(...blocks(d, c, primary));
        else if (d.tagName === 'dt') out.push(para(textRuns(runsOf(d), c, { bold: true }), c));
        else if (d.tagName === 'dd') out.push(...(d.children.some((x) => x.type === 'element' && ['ul', 'ol', 'p'].includes(x.tagName)) ? blocks(d, c, primary) : [para(textRuns(runsOf(d), c), c)]));
      }
    } else if (tag === 'blockquote') out.push(...blocks(child, { ...c, callout: c.callout ?? { color: '8A8A8A', fill: 'FFFFFF' } }, primary));
    else {
      const kind = cls.find((x) => CALLOUTS[x]);
      out.push(...blocks(child, kind && cls.includes('tp-block') ? { ...c, callout: CALLOUTS[kind] } : c, primary));
    }
  }
  flush();
  return out;
}

/** Write a Word document. */
export async function writeDocx(input: DocxInput): Promise<Buffer> {
  const ctx: Ctx = { rtl: input.rtl, lang: input.language, lists: { n: 0 } };
  const body = findFirst(input.page, (e) => e.tagName === 'main') ?? findFirst(input.page, (e) => e.tagName === 'body') ?? input.page;
  const [before, after] = input.pageOfPages.split('{page}');
  const [middle, end] = (after ?? '').split('{pages}');
  const primary = hex(input.primary);
  const children: Block[] = [
    para([new TextRun({ text: input.title })], ctx, { heading: HeadingLevel.TITLE }),
    para([new TextRun({ text: input.kind, color: hex(input.accent), size: 28 })], ctx),
  ];
  if (input.contents) children.push(para([new TextRun({ text: input.contents, bold: true, size: 28 })], ctx), new TableOfContents(input.contents, { hyperlink: true, headingStyleRange: '1-3' }) as unknown as Paragraph);
  children.push(...blocks(body, ctx, input.primary));
  const heading = (size: number) => ({ run: { color: primary, font: input.font, size, bold: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true } });
  const doc = new Document({
    title: input.title,
    subject: input.kind,
    creator: 'trainpack',
    lastModifiedBy: 'trainpack',
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: input.font, size: 21 }, paragraph: { spacing: { after: 100 } } },
        title: { run: { color: primary, font: input.font, size: 48, bold: true } },
        heading1: heading(36),
        heading2: heading(30),
        heading3: heading(26),
        heading4: heading(23),
        heading5: heading(22),
      },
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: level % 2 ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [para([new TextRun({ text: `${input.title} · ${input.kind}`, size: 16, color: '525252' })], ctx)] }) },
        footers: {
          default: new Footer({
            children: [
              para([new TextRun({ text: before ?? '', size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: middle ?? '', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }), new TextRun({ text: end ?? '', size: 16 })], ctx, { alignment: AlignmentType.CENTER }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
