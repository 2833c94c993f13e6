/**
 * PowerPoint decks (`slides/<module>.pptx`) from the rendered deck pages,
 * written with pptxgenjs into native objects, never pictures of slides:
 * a title and text boxes with real bullets, tables, images (beside the text
 * for `image-left` / `image-right`, two text boxes for `columns`, a large
 * title for `section`), the generated activity and quiz slides, speaker
 * notes in the notes pane, 16:9, the theme's colours, font and logo on a
 * slide master with slide numbers, right-to-left paragraphs in right-to-left
 * editions, and each text's language.
 */
import PptxGenJSImport from 'pptxgenjs';
import type { Element, Root } from 'hast';
import { classes, dataUrl, findAll, findFirst, hasClass, imageSize, runsOf, textOf } from './html.js';

// pptxgenjs ships CommonJS and ESM builds whose default export differs in shape under Node.
type PptxGenJSTypes = import('pptxgenjs').default;
const PptxGenJS = ((PptxGenJSImport as unknown as { default?: unknown }).default ?? PptxGenJSImport) as unknown as new () => PptxGenJSTypes;
type Slide = import('pptxgenjs').default.Slide;
type TextProps = import('pptxgenjs').default.TextProps;
type SlideMasterProps = import('pptxgenjs').default.SlideMasterProps;

/** What a deck needs besides its page. */
export interface PptxInput {
  page: Root;
  title: string;
  /** The curriculum's title (cover subtitle, document properties). */
  curriculum: string;
  language: string;
  rtl: boolean;
  primary: string;
  accent: string;
  font: string;
  /** The theme's logo as a data: URL. */
  logo?: string;
}

const W = 10;
const H = 5.625;
const M = 0.5;
const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

interface Dir {
  rtl: boolean;
  lang: string;
}

function dirOf(el: Element, inherited: Dir): Dir {
  const lang = typeof el.properties?.lang === 'string' && el.properties.lang ? el.properties.lang : inherited.lang;
  const d = el.properties?.dir;
  return { lang, rtl: d === 'rtl' ? true : d === 'ltr' ? false : inherited.rtl };
}

/** A body's text as pptxgenjs text runs: paragraphs and list items (real bullets, levels). */
function bodyText(el: Element, dir: Dir, size: number): TextProps[] {
  const out: TextProps[] = [];
  const paragraph = (node: Element, d: Dir, options: Record<string, unknown>) => {
    const runs = runsOf(node);
    if (runs.length === 0) return;
    runs.forEach((r, i) => {
      const last = i === runs.length - 1;
      out.push({
        text: r.text,
        options: {
          bold: r.bold,
          italic: r.italics,
          strike: r.strike ? 'sngStrike' : undefined,
          fontFace: r.code ? 'Noto Sans Mono' : undefined,
          hyperlink: r.link ? { url: r.link } : undefined,
          lang: r.lang ?? d.lang,
          rtlMode: r.rtl ?? d.rtl,
          fontSize: size,
          ...(i === 0 ? options : {}),
          ...(last ? { breakLine: true } : {}),
        } as TextProps['options'],
      });
    });
  };
  const walk = (node: Element, d: Dir, level: number) => {
    for (const c of node.children) {
      if (c.type !== 'element') continue;
      if (['script', 'style', 'button', 'img', 'figure', 'table', 'aside'].includes(c.tagName) && !hasClass(c, 'tp-callout')) continue;
      const cd = dirOf(c, d);
      if (c.tagName === 'ul' || c.tagName === 'ol') {
        for (const li of c.children) {
          if (li.type !== 'element' || li.tagName !== 'li') continue;
          const own: Element = { ...li, children: li.children.filter((x) => !(x.type === 'element' && (x.tagName === 'ul' || x.tagName === 'ol'))) };
          paragraph(own, dirOf(li, cd), { bullet: c.tagName === 'ol' ? { type: 'number' } : true, indentLevel: level, paraSpaceAfter: 4 });
          for (const x of li.children) if (x.type === 'element' && (x.tagName === 'ul' || x.tagName === 'ol')) walk({ ...li, children: [x] }, cd, level + 1);
        }
      } else if (/^(p|h[1-6]|blockquote|pre)$/.test(c.tagName)) {
        if (c.tagName === 'blockquote') walk(c, cd, level);
        else paragraph(c, cd, { paraSpaceAfter: 6, bold: /^h/.test(c.tagName) || hasClass(c, 'tp-label') || undefined });
      } else walk(c, cd, level);
    }
  };
  walk(el, dir, 0);
  return out;
}

function addImage(slide: Slide, img: Element, box: { x: number; y: number; w: number; h: number }): boolean {
  const found = dataUrl(String(img.properties?.src ?? ''));
  if (!found || !/^image\/(png|jpeg|gif|svg\+xml)$/.test(found.mime)) return false;
  const size = imageSize(found.mime, found.data) ?? { width: 4, height: 3 };
  const scale = Math.min(box.w / size.width, box.h / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  slide.addImage({ data: `${found.mime};base64,${found.data.toString('base64')}`, x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h, altText: String(img.properties?.alt ?? '') });
  return true;
}

function addTable(slide: Slide, table: Element, dir: Dir, box: { x: number; y: number; w: number }): void {
  const rows = findAll(table, (e) => e.tagName === 'tr').map((tr) =>
    tr.children
      .filter((c): c is Element => c.type === 'element')
      .map((cell) => ({ text: textOf(cell), options: { bold: cell.tagName === 'th', rtlMode: dir.rtl, lang: dir.lang } })),
  );
  if (rows.length) slide.addTable(rows, { ...box, fontSize: 12, border: { type: 'solid', pt: 0.75, color: 'C4CCD4' }, autoPage: false });
}

/** Write the deck of one module. */
export async function writePptx(input: PptxInput): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.rtlMode = input.rtl;
  pptx.title = input.title;
  pptx.subject = input.curriculum;
  pptx.author = 'trainpack';
  pptx.company = '';
  pptx.theme = { headFontFace: input.font, bodyFontFace: input.font };
  const primary = hex(input.primary);
  const objects: NonNullable<SlideMasterProps['objects']> = [{ rect: { x: 0, y: H - 0.32, w: W, h: 0.32, fill: { color: primary } } }];
  const logo = input.logo ? dataUrl(input.logo) : undefined;
  if (logo && /^image\/(png|jpeg|gif|svg\+xml)$/.test(logo.mime)) {
    const size = imageSize(logo.mime, logo.data) ?? { width: 1, height: 1 };
    const h = 0.22;
    const w = Math.min(1.6, (size.width / size.height) * h);
    objects.push({ image: { x: input.rtl ? W - M - w : M, y: H - 0.29, w, h, data: `${logo.mime};base64,${logo.data.toString('base64')}` } });
  }
  pptx.defineSlideMaster({
    title: 'TRAINPACK',
    background: { color: 'FFFFFF' },
    objects,
    slideNumber: { x: input.rtl ? 0.2 : W - 0.8, y: H - 0.3, w: 0.6, h: 0.28, color: 'FFFFFF', fontSize: 10, fontFace: input.font },
  });
  const root: Dir = { rtl: input.rtl, lang: input.language };
  const align = (d: Dir) => (d.rtl ? 'right' : 'left');

  for (const section of findAll(input.page, (e) => e.tagName === 'section' && hasClass(e, 'tp-slide'))) {
    const slide = pptx.addSlide({ masterName: 'TRAINPACK' });
    const dir = dirOf(section, root);
    const cls = classes(section);
    const kind = cls.find((c) => /^tp-slide-(cover|unit|activity|question|content)$/.test(c))?.slice('tp-slide-'.length) ?? 'content';
    const layout = cls.find((c) => c.startsWith('tp-layout-'))?.slice('tp-layout-'.length);
    const heading = findFirst(section, (e) => /^h[12]$/.test(e.tagName));
    const titleText = heading ? textOf(heading) : '';
    const titleDir = heading ? dirOf(heading, dir) : dir;
    const kicker = findFirst(section, (e) => hasClass(e, 'tp-slide-kicker'));
    const notes = findFirst(section, (e) => hasClass(e, 'tp-speaker-notes'));
    if (notes) slide.addNotes(findAll(notes, (e) => /^(p|li|h[1-6])$/.test(e.tagName)).map(textOf).join('\n') || textOf(notes));

    if (kind === 'cover' || layout === 'section') {
      slide.background = { color: primary };
      slide.addText(titleText, { x: M, y: 1.6, w: W - 2 * M, h: 1.4, fontSize: 36, bold: true, color: 'FFFFFF', align: 'center', valign: 'middle', fit: 'shrink', rtlMode: titleDir.rtl, lang: titleDir.lang, fontFace: input.font });
      const sub = kind === 'cover' ? input.curriculum : '';
      const kick = kicker ? textOf(kicker) : '';
      if (kick) slide.addText(kick, { x: M, y: 1.0, w: W - 2 * M, h: 0.5, fontSize: 16, color: 'FFFFFF', align: 'center', rtlMode: dir.rtl, lang: dir.lang });
      if (sub) slide.addText(sub, { x: M, y: 3.1, w: W - 2 * M, h: 0.6, fontSize: 18, color: 'FFFFFF', align: 'center', rtlMode: dir.rtl, lang: dir.lang });
      const body = findFirst(section, (e) => hasClass(e, 'tp-slide-body'));
      if (body && layout === 'section') {
        const text = bodyText(body, dir, 18).map((t) => ({ ...t, options: { ...t.options, color: 'FFFFFF' } }));
        if (text.length) slide.addText(text, { x: M, y: 3.1, w: W - 2 * M, h: 1.6, align: 'center', valign: 'top', fit: 'shrink' });
      }
      continue;
    }

    let top = M;
    if (kicker) {
      slide.addText(textOf(kicker), { x: M, y: 0.25, w: W - 2 * M, h: 0.35, fontSize: 12, bold: true, color: hex(input.accent), align: align(dir), rtlMode: dir.rtl, lang: dir.lang });
      top = 0.55;
    }
    slide.addText(titleText, { x: M, y: top, w: W - 2 * M, h: 0.8, fontSize: 28, bold: true, color: primary, align: align(titleDir), valign: 'middle', fit: 'shrink', rtlMode: titleDir.rtl, lang: titleDir.lang, fontFace: input.font });
    const y = top + 0.95;
    const area = { x: M, y, w: W - 2 * M, h: H - 0.45 - y };

    const columns = findFirst(section, (e) => hasClass(e, 'tp-slide-columns'));
    const media = findFirst(section, (e) => hasClass(e, 'tp-slide-media'));
    const bodies = findAll(section, (e) => hasClass(e, 'tp-slide-body') || hasClass(e, 'tp-slide-objectives') || (e.tagName === 'p' && hasClass(e, 'tp-slide-label')));
    const img = (media && findFirst(media, (e) => e.tagName === 'img')) ?? (bodies.length ? bodies.map((b) => findFirst(b, (e) => e.tagName === 'img')).find(Boolean) : undefined);
    const tableEl = bodies.map((b) => findFirst(b, (e) => e.tagName === 'table')).find(Boolean);

    if (columns) {
      const cols = columns.children.filter((c): c is Element => c.type === 'element');
      const w = (area.w - 0.3) / 2;
      cols.slice(0, 2).forEach((col, i) => {
        const text = bodyText(col, dir, 18);
        const x = dir.rtl ? area.x + (1 - i) * (w + 0.3) : area.x + i * (w + 0.3);
        if (text.length) slide.addText(text, { x, y: area.y, w, h: area.h, valign: 'top', fit: 'shrink', align: align(dir), rtlMode: dir.rtl });
      });
      continue;
    }
    // Everything but the picture: the unit slide's objectives with their label, or the slide's body.
    const text: TextProps[] = [];
    for (const b of bodies) {
      if (b.tagName === 'p') text.push(...bodyText({ type: 'element', tagName: 'div', properties: {}, children: [b] }, dir, 16));
      else if (b.tagName === 'ul') text.push(...bodyText({ type: 'element', tagName: 'div', properties: {}, children: [b] }, dir, 20));
      else text.push(...bodyText(b, dir, 20));
    }
    if (kind === 'activity') {
      const countdown = findFirst(section, (e) => hasClass(e, 'tp-countdown-time'));
      if (countdown) text.push({ text: `⏱ ${textOf(countdown)}`, options: { bold: true, fontSize: 22, color: hex(input.accent), breakLine: true } as TextProps['options'] });
    }
    const side = img && (layout === 'image-left' || layout === 'image-right' || text.length > 0);
    if (img && side) {
      const half = (area.w - 0.3) / 2;
      const imageFirst = (layout === 'image-left') !== dir.rtl;
      const imgBox = { x: imageFirst ? area.x : area.x + half + 0.3, y: area.y, w: half, h: area.h };
      const textBox = { x: imageFirst ? area.x + half + 0.3 : area.x, y: area.y, w: half, h: area.h };
      addImage(slide, img, imgBox);
      if (text.length) slide.addText(text, { ...textBox, valign: 'top', fit: 'shrink', align: align(dir), rtlMode: dir.rtl });
    } else if (img) {
      addImage(slide, img, area);
    } else if (tableEl) {
      const textH = text.length ? Math.min(1.2, area.h / 3) : 0;
      if (text.length) slide.addText(text, { x: area.x, y: area.y, w: area.w, h: textH, valign: 'top', fit: 'shrink', align: align(dir), rtlMode: dir.rtl });
      addTable(slide, tableEl, dir, { x: area.x, y: area.y + textH, w: area.w });
    } else if (text.length) {
      slide.addText(text, { ...area, valign: 'top', fit: 'shrink', align: align(dir), rtlMode: dir.rtl });
    }
  }
  const out = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return Buffer.from(out);
}
