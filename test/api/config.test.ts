import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../api/config.ts';

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives embedded defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      s3: undefined,
      publicUrl: 'http://localhost:3000',
      nodeEnv: 'development',
    });
  });

  it('reads PostgreSQL and S3 settings', () => {
    const config = parseConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://heard:secret@db.internal:5432/heard',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'heard-media',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      PUBLIC_URL: 'https://heard.example.org/',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://heard:secret@db.internal:5432/heard');
    expect(config.publicUrl).toBe('https://heard.example.org');
    expect(config.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'heard-media',
      region: 'auto',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', S3_BUCKET: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/heard' }, 'DATABASE_URL'],
    [{ S3_BUCKET: 'Bad_Bucket' }, 'S3_BUCKET'],
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'heard', S3_ACCESS_KEY_ID: 'only-half' }, 'S3_SECRET_ACCESS_KEY'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'PUBLIC_URL'],
    [{ S3_FORCE_PATH_STYLE: 'maybe', S3_BUCKET: 'heard' }, 'S3_FORCE_PATH_STYLE'],
  ])('names the bad variable in %j', (source, variable) => {
    expect(problemsOf(source)).toContain(variable);
  });

  it('reports every bad variable at once in one line', () => {
    const error = (() => {
      try {
        parseConfig({ PORT: 'x', DATABASE_URL: 'mysql://y' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/PORT .*DATABASE_URL|DATABASE_URL .*PORT/);
  });

  it('never echoes a secret value back in its message', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://user:hunter2@host/db' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
      return;
    }
    throw new Error('expected a ConfigError');
  });
});

describe('parseConfig for the edge Worker', () => {
  it('needs no sign-in settings in production, where the Node server does', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://heard.example.org' };
    expect(() => parseConfig(production)).toThrow(/OIDC_ISSUER/);
    expect(parseConfig(production, { staff: false }).nodeEnv).toBe('production');
  });
});
