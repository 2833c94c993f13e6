/**
 * The curriculum model of a dev session, kept between rebuilds. Re-reading
 * a 1,000-unit folder costs a few hundred milliseconds, most of a rebuild's
 * budget, so a saved unit is read alone (`loadUnit`) and swapped into the
 * model; every other unit keeps its object, hence its parse and fragments.
 */
import { Diagnostics, type Diagnostic } from '../errors.js';
import { checkDuplicateIds, loadCurriculum, loadUnit } from '../load/curriculum.js';
import { relPath } from '../load/files.js';
import type { Curriculum, Unit } from '../model.js';

/** The model and the diagnostics the load stage found for it, by file. */
export class DevModel {
  private constructor(
    readonly curriculum: Curriculum,
    private loadDiagnostics: Diagnostic[],
  ) {}

  /** Read the whole folder. Throws TrainpackError only for an unusable curriculum.yml. */
  static async load(dir: string): Promise<DevModel> {
    const diags = new Diagnostics();
    const { curriculum } = await loadCurriculum(dir, diags, { strict: false });
    return new DevModel(curriculum, diags.list);
  }

  /** What loading found, for every file. */
  get diagnostics(): Diagnostic[] {
    return this.loadDiagnostics;
  }

  /** The base unit read from `file`, if the model has it. */
  unitAt(file: string): Unit | undefined {
    for (const m of this.curriculum.modules) for (const u of m.units) if (u.source.path === file) return u;
    return undefined;
  }

  /**
   * Re-read one base unit that the model has. A unit whose front matter no
   * longer validates keeps its last good version in the model: the errors
   * block the build, and the order of the module is still known when it is fixed.
   */
  async reloadUnit(file: string): Promise<DevModel> {
    const old = this.unitAt(file);
    if (!old) throw new Error(`${file} is not a unit of the model`);
    const diags = new Diagnostics();
    const loaded = await loadUnit(file, this.curriculum.root, old.moduleId, diags);
    const unit = loaded ? { ...loaded, language: old.language, typography: old.typography } : old;
    const modules = this.curriculum.modules.map((m) =>
      m.id === old.moduleId && m.units.includes(old) ? { ...m, units: m.units.map((u) => (u === old ? unit : u)) } : m,
    );
    const curriculum = { ...this.curriculum, modules };
    // Keep the other files' problems; ids are checked again across the new set.
    const rel = relPath(this.curriculum.root, file);
    for (const d of this.loadDiagnostics) if (d.file !== rel && d.rule !== 'duplicate-id') diags.add(d);
    checkDuplicateIds(modules, diags);
    return new DevModel(curriculum, diags.list);
  }
}
