/**
 * Links and images. Relative paths resolve against the unit file and must
 * stay inside the curriculum folder. Images are inlined as data URIs so a
 * page is one self-contained file; other linked files are copied to
 * `assets/` beside the page; links to another unit's `.md` file become
 * anchors to that unit. Remote images are a warning: the output must work
 * offline.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import mime from 'mime-types';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { relPath } from '../load/files.js';
import { closest } from '../load/validate.js';
import { realInside } from '../load/inside.js';
import { fileSignature } from './context.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Images larger than this are a warning: each page that shows one carries it whole. */
export const LARGE_IMAGE = 5 * 1024 * 1024;

/** The name in the same folder closest to a missing file's, for "did you mean". */
function nearbyName(abs: string): string | undefined {
  try {
    const name = path.basename(abs);
    return name.length > 80 ? undefined : closest(name, readdirSync(path.dirname(abs)));
  } catch {
    return undefined;
  }
}

/** Resolve a relative URL of a unit to a file inside the curriculum, trying the base location too. */
function resolveLocal(url: string, file: VFile): { abs: string; inside: boolean; found: boolean } | undefined {
  const { unit, root, basePath } = file.data.trainpack!;
  let clean: string;
  try {
    clean = decodeURIComponent(url.split(/[?#]/)[0]!);
  } catch {
    return undefined; // A malformed percent escape (`%FF`): reported by the caller.
  }
  const candidates = [path.resolve(path.dirname(unit.source.path), clean), path.resolve(path.dirname(basePath), clean)];
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  for (const abs of candidates) {
    if (!inside(abs)) continue;
    file.data.trainpack!.deps.set(abs, fileSignature(abs));
    // A symbolic link leaving the curriculum is outside, wherever it sits (load/inside.ts).
    if (existsSync(abs)) return realInside(abs, root).inside ? { abs, inside: true, found: true } : { abs, inside: false, found: false };
  }
  return { abs: candidates[0]!, inside: inside(candidates[0]!), found: false };
}

export default function rehypeLinks() {
  return (tree: Root, file: VFile) => {
    const ctx = file.data.trainpack!;
    const prefix = `${ctx.unit.id}--`;
    const problem = (reason: string, el: Element, ruleId: string, fatal: boolean) => {
      const m = file.message(reason, { place: el.position, ruleId, source: 'trainpack' });
      m.fatal = fatal;
    };
    visit(tree, 'element', (el: Element) => {
      const props = (el.properties ??= {});
      // remark-rehype's footnote ids are the same in every unit: make them unique on a shared page.
      if (typeof props.id === 'string' && props.id.startsWith('user-content-')) props.id = prefix + props.id.slice(13);
      const attr = el.tagName === 'img' ? 'src' : el.tagName === 'a' ? 'href' : undefined;
      if (!attr) return;
      const url = props[attr];
      if (typeof url !== 'string' || url === '') return;
      if (url.startsWith('#')) {
        const frag = url.slice(1);
        props[attr] = `#${frag.startsWith('user-content-') ? prefix + frag.slice(13) : prefix + frag}`;
        return;
      }
      if (SCHEME.test(url) || url.startsWith('//')) {
        if (el.tagName === 'img') problem(`Remote image ${url} will not show offline`, el, 'remote-asset', false);
        return;
      }
      const target = resolveLocal(url, file);
      if (!target) {
        // `[x](%FF.pdf)`: a malformed percent escape is the author's, not an internal error.
        problem(`"${url.length > 80 ? `${url.slice(0, 77)}…` : url}" has a malformed percent escape (% must be followed by two hex digits of UTF-8; write %25 for a literal %)`, el, 'bad-url', true);
        delete props[attr];
        return;
      }
      if (!target.inside) {
        problem(`"${url}" points outside the curriculum folder`, el, 'outside-path', true);
        delete props[attr];
        return;
      }
      if (!target.found || !statSync(target.abs).isFile()) {
        const guess = nearbyName(target.abs);
        problem(`"${url}" does not exist (looked for ${relPath(ctx.root, target.abs)})${guess ? `: did you mean "${guess}"?` : ''}`, el, 'missing-asset', true);
        return;
      }
      const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
      if (el.tagName === 'a' && target.abs.endsWith('.md')) {
        const id = ctx.unitsByPath.get(target.abs);
        if (!id) {
          // The unit exists but this edition (exclude) or workshop selection leaves it out: keep the text, drop the dead link.
          problem(`"${url}" links to a unit this edition or selection leaves out; shown as plain text`, el, 'missing-asset', false);
          el.tagName = 'span';
          delete props.href;
          return;
        }
        props.href = hash ? `#${id}--${hash}` : `#unit-${id}`;
        return;
      }
      if (el.tagName === 'img') {
        const size = statSync(target.abs).size;
        if (size > LARGE_IMAGE) problem(`Image "${url}" is ${(size / 1048576).toFixed(1)} MB; it is inlined into every page that shows it`, el, 'large-asset', false);
        const type = mime.lookup(target.abs) || 'application/octet-stream';
        props.src = `data:${type};base64,${readFileSync(target.abs).toString('base64')}`;
        return;
      }
      const rel = relPath(ctx.root, target.abs);
      const out = rel.startsWith('assets/') ? rel : `assets/${rel}`;
      ctx.assets.set(out, target.abs);
      props.href = out + (hash ? `#${hash}` : '');
    });
  };
}
