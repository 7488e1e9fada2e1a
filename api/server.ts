/** Node entry: `npm start`. Reads the environment once, starts the service, stops cleanly on SIGINT/SIGTERM. */
import { ConfigError, parseConfig } from './config.ts';
import { createJsonLogger, describeError } from './log.ts';
import { bufferedStdout } from './node/buffered-stdout.ts';
import { DEMO_ACCOUNTS } from './node/demo-accounts.ts';
import { startService } from './node/start.ts';
import { SeedFileError } from './seed/seed.ts';

const log = createJsonLogger(bufferedStdout());

try {
  const config = parseConfig(process.env);
  const service = await startService(config, log);
  log({ msg: 'started', url: service.url, database: service.engine, blobStore: service.blobStore });
  process.stdout.write(
    [
      '',
      `  Heard is running at ${service.url}`,
      `    readiness:  ${service.url}/readyz`,
      `    data:       ${service.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
      `    blobs:      ${service.blobStore === 'filesystem' ? `files in ${config.dataDir}/blobs` : `S3 bucket ${config.s3?.bucket}`}`,
      `    children's app: ${service.url}/`,
      `    staff app:      ${service.url}/staff/`,
      ...(service.devSignIn
        ? [
            `      development sign-in provider at ${service.devSignIn.issuer} (not for real use). Demo accounts, any password:`,
            ...DEMO_ACCOUNTS.map((account) => `        ${account.login.padEnd(10)} ${account.roles.join(', ')}`),
          ]
        : []),
      '',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'stopping', signal });
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof SeedFileError) {
    process.stderr.write(`heard: ${error.message}\n`);
  } else {
    process.stderr.write(`heard: could not start: ${describeError(error).errorMessage}\n`);
    log({ level: 'error', msg: 'start-up failed', ...describeError(error) });
  }
  process.exit(1);
}
