/**
 * Reuse of the last build in the output folder: which pages and PDFs are
 * kept (same key, file untouched), which whole pages are spliced from the
 * last build's, and what this build records for the next one.
 *
 * The build asks `reuse.edition(id)` for each edition before rendering it,
 * hands its `keep`/`previous` to render, and its `links()`/`record()` to
 * the staging area; the PDF stage gets `reuse.forPdf()`.
 */
import path from 'node:path';
import type { PdfReuse } from '../pdf/index.js';
import type { RenderedEdition } from '../render/pages.js';
import { LastBuild, type Recorded, type Staging } from './atomic.js';

type Kept = NonNullable<ReturnType<LastBuild['kept']>>;

/** One edition's view of the last build: what render may keep and splice. */
export class EditionReuse {
  /** Pages kept from the last build: output path -> the last build's file. */
  readonly links = new Map<string, string>();
  private readonly keptFrom = new Map<string, Kept>();
  /** Given to render: true (and the page linked) when the last build's page of this key is still there. */
  readonly keep?: (rel: string, key: string) => boolean;
  /** Given to render: the last build's whole page with its slots, for splicing. */
  readonly previous?: (rel: string) => ReturnType<LastBuild['previous']>;

  constructor(readonly last: LastBuild | undefined) {
    if (!last) return;
    this.keep = (rel, key) => {
      const found = last.kept(rel, key);
      if (found) {
        this.links.set(rel, found.file);
        this.keptFrom.set(rel, found);
      }
      return found !== undefined;
    };
    this.previous = (rel) => last.previous(rel);
  }

  /** What the staging area records for the next build: every page's key, with the whole pages' skeletons and slots. */
  record(page: Pick<RenderedEdition, 'keys' | 'slotted'>): Map<string, Recorded> {
    const recorded = new Map<string, Recorded>(page.keys);
    for (const [rel, { skeleton, slots }] of page.slotted) recorded.set(rel, { key: page.keys.get(rel)!, skeleton, slots });
    // A kept page keeps its slots for the build after this one.
    for (const [rel, { skeleton, slots }] of this.keptFrom) if (skeleton && slots) recorded.set(rel, { key: page.keys.get(rel)!, skeleton, slots });
    return recorded;
  }
}

/** The reuse of one build, across its editions. */
export class Reuse {
  /** Per edition: the last build and this build's page keys, for keeping PDFs. */
  private readonly editions = new Map<string, { last: LastBuild; keys: Map<string, string> }>();

  /** `enabled` is false when the persistent cache is off: nothing is kept then. */
  constructor(
    private readonly staging: Staging,
    private readonly enabled: boolean,
  ) {}

  /** Read the last build of an edition from the output folder (when reuse is on). */
  async edition(id: string): Promise<EditionReuse> {
    return new EditionReuse(this.enabled ? await LastBuild.read(path.join(this.staging.out, id)) : undefined);
  }

  /** After an edition is written: remember its page keys for the PDF stage. */
  written(id: string, edition: EditionReuse, keys: Map<string, string>): void {
    if (edition.last) this.editions.set(id, { last: edition.last, keys });
  }

  /** What the PDF stage keeps of the last build's PDFs, and where it records theirs. */
  forPdf(): PdfReuse {
    return {
      htmlKey: (id, rel) => this.editions.get(id)?.keys.get(rel),
      keep: (id, rel, key) => this.editions.get(id)?.last.kept(rel, key),
      record: (id, keys) => this.staging.record(id, keys),
    };
  }
}
