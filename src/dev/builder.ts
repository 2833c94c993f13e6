/**
 * A dev session's builds: the first one, then one per batch of changed
 * files. A saved unit is read alone, parsed alone (the other units keep
 * their parse and fragments) and only the pages that hold it are rendered
 * again (deps.ts). A build with errors changes nothing that is served: the
 * last good pages stay, and the errors go to the terminal and the browser.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import { ParseCache, type PreparedEdition } from '../pipeline.js';
import { renderEdition } from '../render/pages.js';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import { resolveEditions } from '../resolve/overlays.js';
import { classify, deckOf, GUIDE, HANDOUT, INDEX, pagesToRender, readersOf, type ChangedInput } from './deps.js';
import { DevModel } from './model.js';
import { parseDevEdition } from './parse.js';
import { failure, nameOf } from './report.js';
import { devInject, type PageStore } from './store.js';
import type { FileChange } from './watch.js';

/** What one build did. */
export interface BuildReport {
  ok: boolean;
  /** Inputs that changed, relative to the curriculum (trainpack's own templates prefixed `trainpack:`). */
  inputs: string[];
  /**
   * Output paths whose content changed, or may have: pages no browser has
   * open are rendered when requested. Empty after a failed build.
   */
  pages: string[];
  /** How many of `pages` were left to render when requested. */
  deferred: number;
  /** Units parsed (not found in the parse cache). */
  parsed: number;
  /** Every diagnostic of the edition as it now stands, errors first to read. */
  diagnostics: Diagnostic[];
  ms: number;
  /** Build number of the served pages. */
  version: number;
}

/** The builds of one dev session, over the page store it fills. */
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

  /**
   * @param open the pages some browser has open now: they render at once,
   *   the others when requested (on 1,000 units the guide and handout take
   *   tens of milliseconds each, for nobody if they are not open).
   */
  constructor(dir: string, private readonly overlay: string | undefined, private readonly store: PageStore, private readonly open: () => Set<string> = () => new Set()) {
    this.root = path.resolve(dir);
  }

  /** Render pages of the last good edition (the store calls this for pages left for later). */
  renderPages(pages: Set<string>): Map<string, string> {
    if (!this.good || pages.size === 0) return new Map();
    const { edition, parsed, strings, templates } = this.good;
    const editions = [{ id: edition.id, title: edition.title, language: edition.language }];
    // Without `keep`, pages come back as text (slots and splicing are for builds that write).
    const { files } = renderEdition({ edition, parsed, strings, templates, pdf: false, inject: this.inject, editions, only: pages, memoize: true });
    return new Map([...files].map(([rel, content]) => [rel, content.toString()]));
  }

  /** Build after `changes` (none: the first build). Undefined when no change concerns the edition. */
  async build(changes: FileChange[] = []): Promise<BuildReport | undefined> {
    const started = performance.now();
    const misses = this.cache.misses;
    const chain = this.current?.edition.chain;
    const inputs = changes
      .map((c) => classify(c.event, c.path, this.root, BUILTIN_TEMPLATES))
      .filter((i) => i.kind !== 'ignore' && !(i.overlay && chain && !chain.includes(i.overlay)))
      // A file no unit read (looked for included) cannot change a page.
      .filter((i) => i.kind !== 'asset' || !this.current || readersOf(this.current, [i.path]).size > 0);
    if (changes.length > 0 && inputs.length === 0) return undefined;
    const diags = new Diagnostics();
    let pages: string[] = [];
    let deferred = 0;
    // The first build and a template change render every page: a broken layout must show now.
    const eager = !this.good || inputs.some((i) => i.kind === 'templates');
    try {
      const next = await this.prepare(inputs, diags);
      if (next && diags.errors.length === 0) ({ pages, deferred } = this.render(next, eager));
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
      deferred,
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
    const next = await parseDevEdition(edition, this.cache, diags, { prev, force, templatesChanged: kinds.has('templates') });
    if (!prev || next.templates !== prev.templates) this.inject = devInject(next.templates);
    this.current = next;
    return next;
  }

  /** Render what changed since the served pages (the open ones now) and swap it in. */
  private render(next: PreparedEdition, eager: boolean): { pages: string[]; deferred: number } {
    const diff = pagesToRender(this.good, next);
    const every = [INDEX, GUIDE, HANDOUT, ...next.edition.modules.map(deckOf)];
    const wanted = diff === 'all' ? every : [...diff];
    const open = eager ? new Set(wanted) : this.open();
    const later = wanted.filter((p) => !open.has(p));
    this.good = next;
    const files = this.renderPages(new Set(wanted.filter((p) => open.has(p))));
    const copies = new Map<string, string>();
    for (const p of next.parsed.values()) for (const [k, v] of p.assets) copies.set(k, v);
    return { pages: this.store.update({ every, files, later, copies }), deferred: later.length };
  }
}
