/**
 * Resolve stage: the base curriculum or an overlay chain -> one edition,
 * the single thing later stages read. (Overlays: see overlays.ts.)
 */
import type { Curriculum, Module, Theme } from '../model.js';

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
  modules: Module[];
  curriculum: Curriculum;
  /** Template folders that override the built-in ones, most specific first. */
  templateDirs: string[];
}

const RTL = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Text direction of a BCP 47 language tag. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
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
    modules: curriculum.modules,
    curriculum,
    templateDirs: [`${curriculum.root}/templates`],
  };
}
