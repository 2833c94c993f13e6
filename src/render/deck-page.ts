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


type LangAttrs = { lang?: string; dir?: string };

/** Every slide of a module's deck, numbered from 1 (the cover); `attrs` are the lang and dir of content in another language than the edition's. */
export function deckSlides(
  cover: { title: string } & LangAttrs,
  units: { header: { id: string; title: string; duration: number }; fragments: Fragments; attrs: LangAttrs }[],
): (DeckSlide & LangAttrs)[] {
  const deck: (DeckSlide & LangAttrs)[] = [{ number: 1, kind: 'cover', ...cover }];
  for (const { header, fragments, attrs } of units) {
    const unit = header;
    if (!fragments.slides.some((s) => s.kind === 'content')) deck.push({ number: deck.length + 1, kind: 'unit', title: header.title, unit, ...attrs });
    for (const s of fragments.slides) {
      deck.push({ ...s, number: deck.length + 1, unit, seconds: s.minutes ? s.minutes * 60 : undefined, ...attrs });
    }
  }
  return deck;
}
