// What the test setup built is what children download: a production build with nothing of this machine in it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_APP_DIR, STAFF_APP_DIR } from '../../api/node/web-apps.ts';

async function scripts(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith('.js')).map((name) => path.join(dir, name));
}

describe('the built web apps', () => {
  it.each([
    ['child', CHILD_APP_DIR],
    ['staff', STAFF_APP_DIR],
  ])('the %s app is a production build that names no source file or path on this machine', async (_name, dir) => {
    const files = await scripts(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(path.resolve('.'));
      expect(text, file).not.toMatch(/lineNumber:\d+,columnNumber:/);
    }
  });
});
