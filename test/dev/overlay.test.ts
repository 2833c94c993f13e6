/**
 * `trainpack dev --overlay sn` on the three-layer fixture (base <- fr <- sn):
 * saves in any layer of the chain reach the served edition (replace, patch,
 * fallback), files of overlays outside the chain start no rebuild, and an
 * overlay.yml error shows like any other.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../src/dev/index.js';
import { copyFixture } from '../helpers.js';
import { page, rebuild } from './helpers.js';

let dir: string;
let server: DevServer;
const edit = async (rel: string, from: string, to: string) => {
  const file = path.join(dir, rel);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
};

beforeAll(async () => {
  dir = await copyFixture('overlays');
  server = await startDev({ dir, overlay: 'sn', port: 0 });
});
afterAll(async () => server?.close());

describe('trainpack dev: overlay editions', () => {
  it('serves the overlay edition', async () => {
    expect(server.initial.ok).toBe(true);
    const guide = await page(server.url, 'facilitator-guide.html');
    expect(guide).toContain('FR-INTRO-TEXT');
    expect(guide).toContain('SN-LEGAL');
    expect(guide).toContain('DAKAR');
  });

  it('takes a save of a replacing file in a lower overlay of the chain', async () => {
    const report = await rebuild(server, () => edit('overlays/fr/modules/01-core/01-intro.md', 'FR-INTRO-TEXT', 'FR-INTRO-EDITED'));
    expect(report.ok).toBe(true);
    expect(report.parsed).toBe(1);
    expect(await page(server.url, 'facilitator-guide.html')).toContain('FR-INTRO-EDITED');
  });

  it('takes a save of a base unit the patch applies to', async () => {
    const report = await rebuild(server, () => edit('modules/01-core/02-practice.md', 'BASE-TASK.', 'BASE-TASK-EDITED.'));
    expect(report.ok).toBe(true);
    const guide = await page(server.url, 'facilitator-guide.html');
    expect(guide).toContain('BASE-TASK-EDITED');
    expect(guide).toContain('SN-BEFORE-TASK');
  });

  it('starts no rebuild for an overlay outside the chain', async () => {
    const settled = server.nextBuild(600).then(() => 'rebuilt', () => 'no rebuild');
    await edit('overlays/ar/modules/02-more/01-more.md', 'title:', 'title: (edited)');
    expect(await settled).toBe('no rebuild');
  });

  it('shows a patch naming a missing section as an error, and recovers', async () => {
    const report = await rebuild(server, () => edit('overlays/sn/modules/01-core/02-practice.patch.md', 'section="closing"', 'section="no-such-section"'));
    expect(report.ok).toBe(false);
    expect(report.diagnostics.find((d) => d.severity === 'error')?.file).toBe('overlays/sn/modules/01-core/02-practice.patch.md');
    expect(await page(server.url, 'facilitator-guide.html')).toContain('SN-AFTER-CLOSING');
    expect((await rebuild(server, () => edit('overlays/sn/modules/01-core/02-practice.patch.md', 'section="no-such-section"', 'section="closing"'))).ok).toBe(true);
  });

  it('reloads every page when overlay.yml changes a var', async () => {
    const report = await rebuild(server, () => edit('overlays/sn/overlay.yml', 'city: DAKAR', 'city: THIES'));
    expect(report.ok).toBe(true);
    expect(await page(server.url, 'participant-handout.html')).toContain('THIES');
  });
});
