/**
 * Resolve stage: the base curriculum or an overlay chain -> one edition,
 * the single thing later stages read. (Overlays: see overlays.ts.)
 */
import type { Curriculum, Module, Theme, Workshop } from '../model.js';
import { direction } from '../render/locale.js';

/** One edition: the base or an overlay chain, merged. */
export interface Edition {
  /** `base` or the overlay id. */
  id: string;
  title: string;
  language: string;
  dir: 'ltr' | 'rtl';
  country?: string;
  /** Layer ids, base first. */
  chain: string[];
  vars: Record<string, string>;
  stringOverrides: Record<string, string>;
  theme?: Theme;
  /** The workshop day: the curriculum's, with each overlay's `workshop:` keys over it. */
  workshop?: Workshop;
  /** Digits of page numbers, contents, slide counters and agenda: `native` is the language's own. */
  numbers: 'latin' | 'native';
  /** Content typography by locale (on unless `typography: false`). */
  typography: boolean;
  modules: Module[];
  curriculum: Curriculum;
  /** Template folders that override the built-in ones, most specific first. */
  templateDirs: string[];
}

/** Text direction of a BCP 47 language tag, from its script (render/locale.ts). */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return direction(language);
}

/** The base edition of a curriculum. */
export function baseEdition(curriculum: Curriculum): Edition {
  return {
    id: 'base',
    title: curriculum.title,
    language: curriculum.language,
    dir: directionOf(curriculum.language),
    chain: ['base'],
    vars: { ...curriculum.vars },
    stringOverrides: {},
    theme: curriculum.theme,
    workshop: curriculum.workshop,
    numbers: curriculum.numbers ?? 'latin',
    typography: curriculum.typography ?? true,
    modules: curriculum.modules,
    curriculum,
    templateDirs: [`${curriculum.root}/templates`],
  };
}
