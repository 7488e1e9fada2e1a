/** Reads a seed file (YAML or JSON; JSON is YAML) from disk. Node only. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseSeed, SeedFileError, type SeedData } from './seed.ts';

export const DEFAULT_SEED_FILE = fileURLToPath(new URL('./partnership.yaml', import.meta.url));

export async function loadSeedFile(file: string = DEFAULT_SEED_FILE): Promise<SeedData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedFileError(`SEED_FILE ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new SeedFileError(`${file} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return parseSeed(raw, file);
}
