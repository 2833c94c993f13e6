/**
 * A module's deck, from its units' slide fragments: the cover, then each
 * unit's slides in order (a unit that adds no slide of its own gets a
 * title slide), each slide tagged with its unit so the presenter window can
 * set time spent against the unit's planned minutes and the deck can link
 * back to the unit in the guide.
 */
import type { Fragments, SlideFragment } from './fragments.js';

/** What the deck template gets for one slide. */
export interface DeckSlide extends Partial<Omit<SlideFragment, 'kind'>> {
  number: number;
  kind: 'cover' | 'unit' | SlideFragment['kind'];
  title: string;
  /** The unit's header (render/pages.ts unitHeader()). */
  unit?: { id: string; title: string; duration: number };
  /** Planned seconds of an activity's countdown. */
  seconds?: number;
}

/** How many slides a unit adds to its module's deck (its own or generated, else one title slide). */
export function deckSlideCount(f: Pick<Fragments, 'slides'>): number {
  return f.slides.length + (f.slides.some((s) => s.kind === 'content') ? 0 : 1);
}

/** Every slide of a module's deck, numbered from 1 (the cover). */
export function deckSlides(title: string, units: { header: { id: string; title: string; duration: number }; fragments: Fragments }[]): DeckSlide[] {
  const deck: DeckSlide[] = [{ number: 1, kind: 'cover', title }];
  for (const { header, fragments } of units) {
    const unit = header;
    if (!fragments.slides.some((s) => s.kind === 'content')) deck.push({ number: deck.length + 1, kind: 'unit', title: header.title, unit });
    for (const s of fragments.slides) {
      deck.push({ ...s, number: deck.length + 1, unit, seconds: s.minutes ? s.minutes * 60 : undefined });
    }
  }
  return deck;
}
