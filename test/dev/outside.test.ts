/**
 * `trainpack dev` serves nothing outside the curriculum (issue 13, item 4):
 * a linked file that is (or becomes, after the build) a symbolic link to a
 * file outside the curriculum folder is not served.
 */
import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDev } from '../../src/dev/index.js';
import { copyFixture, tempDir } from '../helpers.js';

const SECRET = 'OUTSIDE-DEV-SECRET-91c2';

async function outsideFile(): Promise<string> {
  const file = path.join(await tempDir(), 'secret.txt');
  await writeFile(file, SECRET);
  return file;
}

describe('trainpack dev: links leaving the curriculum', () => {
  it('does not serve a linked file swapped for a link to outside after the build', async () => {
    const dir = await copyFixture('dev-assets');
    const server = await startDev({ dir, port: 0 });
    try {
      const before = await fetch(`${server.url}assets/form.txt`);
      expect(before.status).toBe(200);
      await rm(path.join(dir, 'assets/form.txt'));
      await symlink(await outsideFile(), path.join(dir, 'assets/form.txt'));
      const res = await fetch(`${server.url}assets/form.txt`);
      expect(await res.text()).not.toContain(SECRET);
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('does not serve a file that was a link to outside from the start', async () => {
    const dir = await copyFixture('dev-assets');
    await rm(path.join(dir, 'assets/form.txt'));
    await symlink(await outsideFile(), path.join(dir, 'assets/form.txt'));
    const server = await startDev({ dir, port: 0 });
    try {
      const res = await fetch(`${server.url}assets/form.txt`);
      expect(await res.text()).not.toContain(SECRET);
      expect(res.status).toBe(404);
      const guide = await (await fetch(`${server.url}facilitator-guide.html`)).text();
      expect(guide).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });
});
