import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { runCli, ROOT } from './helpers/cli.ts';
import { durationZh, estimateLeft } from '../cli/progress.ts';

/** A loopback port with nothing listening (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('inspect tells the user what happened in plain words', () => {
  it('exits 1 and points at the config or the network when no unit could be opened', async () => {
    const port = await closedPort();
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-unreach-'));
    const config = join(dir, 'county.yaml');
    writeFileSync(
      config,
      `county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, checkLinks: false, browser: { screenshots: false } }
units:
  - { id: a, name: 甲乡政府, class: A, home: "http://127.0.0.1:${port}/a/" }
  - { id: b, name: 乙局, class: B, home: "http://127.0.0.1:${port}/b/" }
`,
    );
    const r = runCli(['inspect', '--config', config, '--as-of', '2023-12-15', '--db', join(dir, 'z.db'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('全部 2 个单位的首页都无法打开');
    expect(r.stderr).toContain('配置中的网址有误');
    expect(r.stdout).toContain('检查完成：2 个单位，其中 0 个单位的网站正常打开。');
    expect(r.stdout).toContain('下一步：审核检查结果');
  }, 120_000);

  it('on Ctrl-C says how to go on with --resume', async () => {
    const slow = createHttpServer((_req, res) => {
      setTimeout(() => res.end('<html><body>slow</body></html>'), 20_000).unref();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-sigint-'));
    const config = join(dir, 'county.yaml');
    writeFileSync(
      config,
      `county: 试点县
year: 2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, browser: { screenshots: false } }
units:
  - { id: a, name: 甲乡政府, class: A, home: "http://127.0.0.1:${port}/a/" }
`,
    );
    const child = spawn(
      process.execPath,
      [
        `${ROOT}/node_modules/tsx/dist/cli.mjs`,
        `${ROOT}/cli/main.ts`,
        'inspect',
        '--config',
        config,
        '--db',
        join(dir, 'z.db'),
        '--out',
        join(dir, 'out'),
      ],
      {
        env: { ...process.env, CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    // wait until the request reached the server, then interrupt
    await new Promise<void>((resolve) => slow.once('request', () => resolve()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    slow.closeAllConnections();
    slow.close();
    expect(code).toBe(130);
    expect(stderr).toContain('检查已中断');
    expect(stderr).toContain(`zwgk inspect --config ${config} --db ${join(dir, 'z.db')} --out ${join(dir, 'out')} --resume`);
  }, 60_000);

  it('estimates the time left from the pace so far, in Chinese', () => {
    expect(estimateLeft(0, 10_000, 0, 5)).toBeNull();
    expect(estimateLeft(0, 10_000, 2, 4)).toBe(20);
    expect(durationZh(45)).toBe('45 秒');
    expect(durationZh(200)).toBe('3 分 20 秒');
    expect(durationZh(3900)).toBe('1 小时 5 分');
  });
});
