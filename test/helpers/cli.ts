import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real CLI as a user would (through tsx), returning its exit code and output. */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${ROOT}/node_modules/tsx/dist/cli.mjs`, `${ROOT}/cli/main.ts`, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, CI: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process: for a CLI that talks to a server the test runs itself. */
export function runCliAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}/node_modules/tsx/dist/cli.mjs`, `${ROOT}/cli/main.ts`, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, CI: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
