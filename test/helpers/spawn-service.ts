/** Runs `api/server.ts` as a real child process, as `npm start` does, and waits for it to print its address. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type SpawnedService = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (`kill -9`: no clean-up of any kind), then the signal it died of. */
  kill(): Promise<NodeJS.Signals | null>;
};

export function runServer(env: Record<string, string>, script = 'api/server.ts'): ChildProcess {
  return runCommand([process.execPath, '--import', 'tsx', script], env);
}

/** Any command line from the repository root (the container's CMD), with only PATH and HOME inherited. */
export function runCommand([command, ...args]: readonly string[], env: Record<string, string>): ChildProcess {
  if (!command) throw new Error('empty command line');
  return spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function waitForExit(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

export async function spawnService(env: Record<string, string>, command?: readonly string[]): Promise<SpawnedService> {
  const child = command ? runCommand(command, { PORT: '0', ...env }) : runServer({ PORT: '0', ...env });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Heard is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return (await exited).code;
    },
    kill: async () => {
      child.kill('SIGKILL');
      return (await exited).signal;
    },
  };
}
