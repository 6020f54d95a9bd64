// The workspace under attack: password guessing (login form and API Basic auth), oversized bodies, open
// redirects, wrong JSON types, attacker text in ?error=, cross-scheme CSRF, and a unit flooding the 自查 queue.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { parseCountyConfig } from '../config/index.ts';
import { authenticate, createSession, createUser, listRechecks, updateRecheck, UserInputError, type Store } from '../store/index.ts';
import { createApp, createServiceContext } from '../service/index.ts';
import { addRun, CONFIG_YAML, finding, tempStore } from './fixtures/scoring/helpers.ts';

const PASSWORD = 'correct-horse-1';
const HOST = '127.0.0.1:8080';

let store: Store;
let dir: string;
let now: Date;
let app: ReturnType<typeof createApp>;

beforeEach(() => {
  ({ store, dir } = tempStore());
  now = new Date('2024-01-10T02:00:00Z');
  const config = parseCountyConfig(CONFIG_YAML, 'test.yaml');
  const ctx = createServiceContext(
    { dbPath: '', config, configPath: 'test.yaml', outDir: dir, now: () => now, log: () => undefined },
    store,
  );
  app = createApp(ctx, { secureCookies: false });
  createUser(store, { username: 'pingshen', role: 'evaluator', password: PASSWORD });
  createUser(store, { username: 'shenhe2', role: 'evaluator', password: PASSWORD });
  createUser(store, { username: 'yishi', role: 'unit', unitId: 'yishi', password: PASSWORD });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const login = (username: string, password: string, address = '10.0.0.1', next = '') =>
  app.request(
    '/login',
    {
      method: 'POST',
      headers: { host: HOST, origin: `http://${HOST}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password, next }).toString(),
    },
    from(address),
  );
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('login rate limits', () => {
  it('200 wrong guesses at one account cost a few hashes, not 200: growing delays, Retry-After, the right password waits too', async () => {
    const t0 = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await login('pingshen', `guess-${i}-x`)).status);
    const elapsed = performance.now() - t0;
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
    expect(elapsed).toBeLessThan(2000); // unthrottled: 200 × ~30 ms of scrypt
    const refused = await login('pingshen', PASSWORD, '10.9.9.9'); // another address: the account itself waits
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('登录失败次数过多');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // the delays grow: one second after the 6th failure, two after the 7th
    now = new Date(now.getTime() + 1_100);
    expect((await login('pingshen', 'wrong-again-1')).status).toBe(401);
    expect((await login('pingshen', PASSWORD, '10.9.9.9')).status).toBe(429);
    now = new Date(now.getTime() + 1_100);
    expect((await login('pingshen', PASSWORD, '10.9.9.9')).status).toBe(429);
    now = new Date(now.getTime() + 1_000);
    const ok = await login('pingshen', PASSWORD, '10.9.9.9');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toContain('zwgk_session=');
  });

  it('one address guessing many accounts is slowed down per address; other addresses are not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`nobody${i}`, 'guess-guess-1', '10.6.6.6')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(21).every((s) => s === 429)).toBe(true);
    expect((await login('shenhe2', PASSWORD, '10.6.6.6')).status).toBe(429);
    expect((await login('shenhe2', PASSWORD, '10.7.7.7')).status).toBe(303);
  });

  it('behind a reverse proxy on loopback, the forwarded address counts; a remote peer cannot choose its address', async () => {
    const viaProxy = (username: string, password: string, forwardedFor: string, peer = '127.0.0.1') =>
      app.request(
        '/login',
        {
          method: 'POST',
          headers: {
            host: HOST,
            origin: `http://${HOST}`,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': forwardedFor,
          },
          body: new URLSearchParams({ username, password }).toString(),
        },
        from(peer),
      );
    for (let i = 0; i < 22; i++) await viaProxy(`ghost${i}`, 'guess-guess-1', '203.0.113.9');
    expect((await viaProxy('ghost99', 'guess-guess-1', '203.0.113.9')).status).toBe(429);
    expect((await viaProxy('shenhe2', PASSWORD, '198.51.100.7')).status).toBe(303); // another office behind the same proxy
    for (let i = 0; i < 22; i++) await viaProxy(`spoof${i}`, 'guess-guess-1', `192.0.2.${i}`, '10.1.1.1');
    expect((await viaProxy('spoof99', 'guess-guess-1', '192.0.2.200', '10.1.1.1')).status).toBe(429);
  });

  it('API Basic auth shares the limits and answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await app.request('/api/me', { headers: { authorization: basic('pingshen', `nope-${i}-x`) } }, from('10.0.0.2'))).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await app.request('/api/me', { headers: { authorization: basic('pingshen', PASSWORD) } }, from('10.0.0.3'));
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await last.json()) as { error: string }).error).toContain('失败次数过多');
  });
});

describe('password policy', () => {
  it.each([
    ['12345678', '字母、数字、符号中的至少两类'],
    ['abcdefgh', '字母、数字、符号中的至少两类'],
    ['abcdefgh1', '连续'],
    ['1a1a1a1a', '重复'],
    ['Password1', '常见'],
    ['woaini1314', '常见'],
    ['zhangsan-2024', '用户名'],
    ['short1!', '至少 8 个字符'],
    [`${'ab1'.repeat(43)}`, '最多 128 个字符'],
  ])('refuses %s with a Chinese reason', (password, reason) => {
    expect(() => createUser(store, { username: 'zhangsan', role: 'evaluator', password })).toThrow(UserInputError);
    expect(() => createUser(store, { username: 'zhangsan', role: 'evaluator', password })).toThrow(reason);
  });
  it('accepts a reasonable password', () => {
    expect(createUser(store, { username: 'lisi', role: 'evaluator', password: '春天-来了-is-here' }).username).toBe('lisi');
    expect(createUser(store, { username: 'wangwu', role: 'evaluator', password: 'tq7-mb2-kx9' }).username).toBe('wangwu');
  });
});

describe('request bodies and password length are capped', () => {
  it('an unauthenticated 200 MiB POST /login is refused with 413 before it is read; a chunked one too', async () => {
    const server: ServerType = await new Promise((r) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s));
    });
    const port = (server.address() as AddressInfo).port;
    try {
      const before = process.memoryUsage().rss;
      const post = (headers: Record<string, string | number>, totalBytes: number): Promise<{ status: number; sent: number }> =>
        new Promise((resolveReq, reject) => {
          const req = httpRequest({
            host: '127.0.0.1',
            port,
            path: '/login',
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          });
          let sent = 0;
          const chunk = Buffer.alloc(1 << 20, 'a');
          req.on('response', (res) => {
            res.resume();
            resolveReq({ status: res.statusCode ?? 0, sent });
            req.destroy();
          });
          req.on('error', (err) => (sent > 0 ? resolveReq({ status: -1, sent }) : reject(err)));
          const pump = (): void => {
            while (sent < totalBytes) {
              sent += chunk.length;
              if (!req.write(chunk)) {
                req.once('drain', pump);
                return;
              }
            }
            req.end();
          };
          pump();
        });
      const big = await post({ 'content-length': 200 * 1024 * 1024 }, 200 * 1024 * 1024);
      expect(big.status).toBe(413);
      const chunked = await post({ 'transfer-encoding': 'chunked' }, 8 * 1024 * 1024);
      expect([413, -1]).toContain(chunked.status);
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 30_000);

  it('a megabyte password is refused without hashing it', () => {
    const t0 = performance.now();
    expect(authenticate(store, 'pingshen', 'x'.repeat(1 << 20))).toBeNull();
    expect(performance.now() - t0).toBeLessThan(15);
  });
});

describe('redirects, error messages, JSON types, CSRF origin', () => {
  it.each([
    ['/\t/evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/%0a/evil.example', '/%0a/evil.example'],
    ['/\n/evil.example', '/'],
    ['/queue?unit=yishi', '/queue?unit=yishi'],
  ])('next=%j after login goes to %s', async (next, expected) => {
    const res = await login('pingshen', PASSWORD, '10.0.0.1', next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(expected);
  });

  it('?error= shows only our own messages, never attacker text', async () => {
    const s = createSession(store, 1, 3_600_000, now);
    const page = await app.request(`/queue?error=${encodeURIComponent('您的账号已冻结，请拨打 400-000-0000')}`, {
      headers: { cookie: `zwgk_session=${s.token}` },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain('400-000-0000');
    const known = await (await app.request('/reports?error=no-run', { headers: { cookie: `zwgk_session=${s.token}` } })).text();
    expect(known).toContain('还没有完成的全覆盖检查');
  });

  it('wrong JSON types in the decision API answer 400 with a Chinese message, not 500', async () => {
    const f = finding({ unitId: 'yishi', checkId: 'column.blank', indicator: 'notice.monthly', column: 'deptInfo', subject: 'deptInfo' });
    addRun(store, { asOf: '2024-01-05', findings: [f] });
    const decide = (body: string) =>
      app.request(
        `/api/findings/${f.id}/decision`,
        {
          method: 'POST',
          headers: { authorization: basic('pingshen', PASSWORD), 'content-type': 'application/json' },
          body,
        },
        from('10.0.0.8'),
      );
    for (const body of [
      '{"action":"dismiss","reason":{"x":1}}',
      '{"action":["confirm"]}',
      '{"action":"adjust","reason":"r","points":"-1"}',
      '[]',
      '"confirm"',
      'null',
    ]) {
      const res = await decide(body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await decide('{"action":"confirm"}')).status).toBe(200);
  });

  it('the CSRF Origin check compares scheme and port, not only the host name', async () => {
    const s = createSession(store, 1, 3_600_000, now);
    const post = (origin: string) =>
      app.request('/logout', {
        method: 'POST',
        headers: { host: HOST, origin, cookie: `zwgk_session=${s.token}`, 'x-csrf-token': s.csrfToken },
      });
    expect((await post(`https://${HOST}`)).status).toBe(403);
    expect((await post('http://127.0.0.1:8081')).status).toBe(403);
    expect((await post('http://127.0.0.1')).status).toBe(403);
    expect((await post(`http://${HOST}`)).status).toBe(303);
  });
});

describe('a unit user’s 自查 has its own limits', () => {
  it('one queued or running at a time, and a daily budget', async () => {
    const unit = createSession(store, 3, 48 * 3_600_000, now);
    const ask = () =>
      app.request('/unit/selfcheck', {
        method: 'POST',
        headers: { host: HOST, origin: `http://${HOST}`, cookie: `zwgk_session=${unit.token}`, 'x-csrf-token': unit.csrfToken },
      });
    expect((await ask()).headers.get('location')).toBe('/unit/selfcheck?ok=selfcheck');
    expect((await ask()).headers.get('location')).toBe('/unit/selfcheck?error=selfcheck-busy');
    for (let i = 0; i < 2; i++) {
      const queued = listRechecks(store, { unitId: 'yishi' }).find((r) => r.state === 'queued')!;
      updateRecheck(store, queued.id, { state: 'done', finishedAt: now.toISOString() });
      expect((await ask()).headers.get('location')).toBe('/unit/selfcheck?ok=selfcheck');
    }
    updateRecheck(store, listRechecks(store, { unitId: 'yishi' })[0].id, { state: 'done', finishedAt: now.toISOString() });
    const refused = await ask();
    expect(refused.headers.get('location')).toBe('/unit/selfcheck?error=selfcheck-limit');
    const page = await app.request('/unit/selfcheck?error=selfcheck-limit', { headers: { cookie: `zwgk_session=${unit.token}` } });
    expect(await page.text()).toContain('今天的自查次数已用完');
    expect(listRechecks(store, { unitId: 'yishi' })).toHaveLength(3);
    // the next day (Beijing time) the budget is back
    now = new Date('2024-01-10T16:30:00Z');
    expect((await ask()).headers.get('location')).toBe('/unit/selfcheck?ok=selfcheck');
  });
});
