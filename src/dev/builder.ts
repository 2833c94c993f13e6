/**
 * A dev session's builds: the first one, then one per batch of changed
 * files. A saved unit is read alone, parsed alone (the other units keep
 * their parse and fragments) and only the pages that hold it are rendered
 * again (deps.ts). A build with errors changes nothing that is served: the
 * last good pages stay, and the errors go to the terminal and the browser.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { diag, Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { ParseCache, parseEdition, type PreparedEdition } from '../pipeline.js';
import { renderEdition } from '../render/pages.js';
import { BUILTIN_TEMPLATES, type Templates } from '../render/templates.js';
import { resolveEditions } from '../resolve/overlays.js';
import { classify, pagesToRender, type ChangedInput } from './deps.js';
import { DevModel } from './model.js';
import { reparseEdition } from './parse.js';
import { VERSION_SLOT, type PageStore } from './store.js';
import type { FileChange } from './watch.js';

/** What one build did. */
export interface BuildReport {
  ok: boolean;
  /** Inputs that changed, relative to the curriculum (trainpack's own templates prefixed `trainpack:`). */
  inputs: string[];
  /** Output paths whose content changed (empty after a failed build: nothing served changed). */
  pages: string[];
  /** Units parsed (not found in the parse cache). */
  parsed: number;
  /** Every diagnostic of the edition as it now stands, errors first to read. */
  diagnostics: Diagnostic[];
  ms: number;
  /** Build number of the served pages. */
  version: number;
}

/** The markup every dev page gets: the overlay style and the reload script (never in build output). */
export function devInject(templates: Templates): string {
  return `<style>${templates.read('css/dev-overlay.css')}</style>\n<script data-tp-version="${VERSION_SLOT}">${templates.read('js/reload.js')}</script>`;
}

export class DevBuilder {
  /** One cache for the session: an unchanged unit is never parsed twice. In memory only: dev writes nothing. */
  readonly cache = new ParseCache();
  readonly root: string;
  private model?: DevModel;
  /** The latest edition, even if it had errors: the next save starts from it. */
  private current?: PreparedEdition;
  /** The edition the served pages were rendered from. */
  private good?: PreparedEdition;
  /** Set when a build failed before the model was whole: the next one reads the folder again. */
  private stale = true;
  private inject = '';

  constructor(dir: string, private readonly overlay: string | undefined, private readonly store: PageStore) {
    this.root = path.resolve(dir);
  }

  /** The edition the served pages came from. */
  get served(): PreparedEdition | undefined {
    return this.good;
  }

  /** Build after `changes` (none: the first build). Undefined when no change concerns the edition. */
  async build(changes: FileChange[] = []): Promise<BuildReport | undefined> {
    const started = performance.now();
    const misses = this.cache.misses;
    const chain = this.current?.edition.chain;
    const inputs = changes
      .map((c) => classify(c.event, c.path, this.root, BUILTIN_TEMPLATES))
      .filter((i) => i.kind !== 'ignore' && !(i.overlay && chain && !chain.includes(i.overlay)));
    if (changes.length > 0 && inputs.length === 0) return undefined;
    const diags = new Diagnostics();
    let pages: string[] = [];
    try {
      const next = await this.prepare(inputs, diags);
      if (next && diags.errors.length === 0) pages = this.render(next);
    } catch (err) {
      this.stale = true;
      if (err instanceof TrainpackError) for (const d of err.diagnostics) diags.add(d);
      else diags.add(failure(err, inputs, this.root));
    }
    const ok = diags.errors.length === 0;
    return {
      ok,
      inputs: inputs.map((i) => nameOf(i.path, this.root)),
      pages,
      parsed: this.cache.misses - misses,
      diagnostics: diags.list,
      ms: performance.now() - started,
      version: this.store.version,
    };
  }

  /** Bring the model up to date and parse the edition; undefined when it cannot be resolved. */
  private async prepare(inputs: ChangedInput[], diags: Diagnostics): Promise<PreparedEdition | undefined> {
    const kinds = new Set(inputs.map((i) => i.kind));
    const units = inputs.filter((i) => i.kind === 'unit');
    const reload = this.stale || !this.model || kinds.has('structure') || units.some((u) => !this.model!.unitAt(u.path));
    if (reload) this.model = await DevModel.load(this.root);
    else for (const u of units) this.model = await this.model!.reloadUnit(u.path);
    for (const d of this.model!.diagnostics) diags.add(d);
    const edition = (await resolveEditions(this.model!.curriculum, { overlays: this.overlay ? [this.overlay] : [], all: false }, diags))[0];
    this.stale = false;
    if (!edition) return undefined;
    const prev = this.current;
    const force = readersOf(prev, inputs.filter((i) => i.kind === 'asset').map((i) => i.path));
    const templates = kinds.has('templates');
    const next = prev && !reload && !templates
      ? await reparseEdition(prev, edition, this.cache, diags, force)
      : keepWarm(prev, await parseEdition(edition, this.cache, diags), templates);
    if (!prev || next.templates !== prev.templates) this.inject = devInject(next.templates);
    this.current = next;
    return next;
  }

  /** Render what changed since the served pages and swap it in; returns the changed output paths. */
  private render(next: PreparedEdition): string[] {
    const pages = pagesToRender(this.good, next);
    const copies = new Map<string, string>();
    for (const p of next.parsed.values()) for (const [k, v] of p.assets) copies.set(k, v);
    const { edition, parsed, strings, templates } = next;
    const files = pages !== 'all' && pages.size === 0
      ? new Map<string, string>()
      : renderEdition({
        edition, parsed, strings, templates, pdf: false, inject: this.inject,
        editions: [{ id: edition.id, title: edition.title, language: edition.language }],
        only: pages === 'all' ? undefined : pages,
      }).files;
    const changed = this.store.update(files, copies, pages === 'all');
    this.good = next;
    return changed;
  }
}

/**
 * The units that read one of these files when parsed (an inlined image, a
 * copied file, one looked for and missing): the parse records them, which
 * makes this the asset half of the dependency map.
 */
function readersOf(prev: PreparedEdition | undefined, files: string[]): Set<string> {
  const readers = new Set<string>();
  if (!prev || files.length === 0) return readers;
  for (const p of prev.parsed.values()) if (files.some((f) => p.deps.has(f))) readers.add(p.unit.source.path);
  return readers;
}

/**
 * After a full parse, keep the previous templates and strings objects when
 * nothing they hold changed: the render stage caches fragments by the
 * strings object, and keeping it spares re-rendering every unit.
 */
function keepWarm(prev: PreparedEdition | undefined, next: PreparedEdition, templatesChanged: boolean): PreparedEdition {
  if (!prev) return next;
  const sameDirs = prev.edition.templateDirs.join('\n') === next.edition.templateDirs.join('\n');
  const templates = !templatesChanged && sameDirs ? prev.templates : next.templates;
  const strings = JSON.stringify(prev.strings) === JSON.stringify(next.strings) ? prev.strings : next.strings;
  return { ...next, templates, strings };
}

/** How the terminal and the browser name an input. */
function nameOf(file: string, root: string): string {
  const inBuiltin = path.relative(BUILTIN_TEMPLATES, file);
  if (!inBuiltin.startsWith('..')) return `trainpack:templates/${inBuiltin.split(path.sep).join('/')}`;
  return path.relative(root, file).split(path.sep).join('/');
}

/** An unexpected failure (a template that does not compile, a file gone mid-read) as a diagnostic. */
function failure(err: unknown, inputs: ChangedInput[], root: string): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const template = inputs.find((i) => i.kind === 'templates');
  const file = template ? nameOf(template.path, root) : (inputs[0] ? nameOf(inputs[0].path, root) : '');
  return diag('error', 'internal', message, { file }, template ? 'Fix the template you saved; the last good pages are still served.' : undefined);
}
