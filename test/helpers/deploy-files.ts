/** Reads the deploy kit as Docker and Compose would: the Dockerfile's runtime stage, and compose.yaml interpolated from .env.example. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const deployDir = fileURLToPath(new URL('../../deploy/', import.meta.url));

export type RuntimeStage = { env: Record<string, string>; entrypoint: string[]; cmd: string[]; user: string | undefined };

/** The last stage of deploy/Dockerfile: its ENV, USER, and the exec-form ENTRYPOINT and CMD. */
export function readRuntimeStage(text = readFileSync(`${deployDir}Dockerfile`, 'utf8')): RuntimeStage {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lastFrom = instructions.findLastIndex((line) => /^FROM\s/i.test(line));
  const stage: RuntimeStage = { env: {}, entrypoint: [], cmd: [], user: undefined };
  for (const line of instructions.slice(lastFrom)) {
    const [, keyword = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (keyword.toUpperCase()) {
      case 'ENV':
        for (const [, name = '', value = ''] of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) stage.env[name] = value.replace(/^"|"$/g, '');
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = execForm(rest, 'ENTRYPOINT');
        break;
      case 'CMD':
        stage.cmd = execForm(rest, 'CMD');
        break;
      case 'USER':
        stage.user = rest.trim();
        break;
    }
  }
  return stage;
}

function execForm(rest: string, keyword: string): string[] {
  const parsed: unknown = JSON.parse(rest);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${keyword} must be in exec (JSON array) form`);
  return parsed;
}

/** KEY=value lines of deploy/.env.example. */
export function readEnvExample(text = readFileSync(`${deployDir}.env.example`, 'utf8')): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error} and $$; a missing required name throws, as `docker compose` refuses. */
export function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (whole, name?: string, operator?: string, argument?: string) => {
    if (whole === '$$') return '$';
    const value = values[name!];
    if (value !== undefined && value !== '') return value;
    if (operator === ':?') throw new Error(`compose.yaml: ${name} is required (${argument})`);
    return operator === ':-' ? argument ?? '' : '';
  });
}

export type ComposeFile = { services: Record<string, { environment?: Record<string, string | number | boolean | null>; image?: string; [key: string]: unknown }> };

export function readCompose(values: Record<string, string> = readEnvExample()): ComposeFile {
  return parse(interpolate(readFileSync(`${deployDir}compose.yaml`, 'utf8'), values)) as ComposeFile;
}

/** A service's environment as strings (what the process sees). */
export function serviceEnvironment(compose: ComposeFile, service: string): Record<string, string> {
  const environment = compose.services[service]?.environment;
  if (!environment) throw new Error(`compose.yaml has no environment for ${service}`);
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value === null ? '' : String(value)]));
}
