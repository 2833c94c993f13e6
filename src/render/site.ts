/**
 * One connected site: what the top bar of every page (index, guide,
 * handout, decks) links to — the edition's home, guide, handout, decks,
 * PDFs and the other editions — as links relative to the page, so they
 * work from `file://`, from `trainpack dev` and from inside a pack's zip
 * (templates/partials/topbar.hbs draws it, templates/css/site.css styles it).
 */

interface SiteInput {
  pdf: boolean;
  editions: { id: string; title: string; language: string; current: boolean }[];
}

export interface SiteModule {
  id: string;
  number: number;
  title: string;
}

/** The top bar's links for a page `prefix` away from the edition folder (`''` or `'../'`); `deck` names the current deck. */
export function siteOf(common: SiteInput, modules: SiteModule[], prefix: string, deck?: string) {
  return {
    prefix,
    home: `${prefix}index.html`,
    guide: `${prefix}facilitator-guide.html`,
    handout: `${prefix}participant-handout.html`,
    pdf: common.pdf,
    guidePdf: `${prefix}facilitator-guide.pdf`,
    handoutPdf: `${prefix}participant-handout.pdf`,
    decks: modules.map((m) => ({
      number: m.number,
      title: m.title,
      href: `${prefix}slides/${m.id}.html`,
      pdf: `${prefix}slides/${m.id}.pdf`,
      current: m.id === deck,
    })),
    editions: common.editions.length > 1 ? common.editions.map((e) => ({ ...e, href: `${prefix}../${e.id}/index.html` })) : [],
  };
}

interface Neighbour {
  id: string;
  number: string;
  title: string;
}

/** Give each unit the one before and after it in the edition (the previous/next links at the end of a unit). */
export function addNeighbours(modules: { units: (Neighbour & { prev?: Neighbour; next?: Neighbour })[] }[]): void {
  const all = modules.flatMap((m) => m.units);
  const pick = (u: Neighbour | undefined) => (u ? { id: u.id, number: u.number, title: u.title } : undefined);
  all.forEach((u, i) => {
    u.prev = pick(all[i - 1]);
    u.next = pick(all[i + 1]);
  });
}
