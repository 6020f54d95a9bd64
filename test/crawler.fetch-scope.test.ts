import { describe, expect, it } from 'vitest';
import { countyConfigSchema } from '../config/index.ts';
import { parseRobots } from '../crawler/robots.ts';
import { createScopeGuard, createScopeGuardFromHosts } from '../crawler/scope.ts';
import { testFetcherOptions, useTestServer } from './helpers/test-server.ts';

const net = useTestServer();

describe('scope guard', () => {
  const config = countyConfigSchema.parse({
    county: '临猗县',
    year: 2023,
    extraHosts: ['cdn.linyi.gov.cn', '*.yuncheng.gov.cn'],
    units: [
      {
        id: 'yishi',
        name: '猗氏镇政府',
        class: 'A',
        home: 'http://www.linyi.gov.cn/zwgk/yishi/',
        columns: { guide: 'https://XXGK.linyi.gov.cn/guide/' },
        newMedia: [{ platform: 'wechat', account: '猗氏镇发布', feed: 'https://feeds.example.org/yishi.xml' }],
      },
    ],
  });
  const guard = createScopeGuard(config);

  it('collects hosts from unit homes, column overrides, feeds and extraHosts', () => {
    expect(guard.hosts).toEqual(
      ['*.yuncheng.gov.cn', 'cdn.linyi.gov.cn', 'feeds.example.org', 'www.linyi.gov.cn', 'xxgk.linyi.gov.cn'].sort(),
    );
    expect(guard.check('http://www.linyi.gov.cn/anything?x=1').allowed).toBe(true);
    expect(guard.check('https://xxgk.linyi.gov.cn/').allowed).toBe(true);
    expect(guard.check('https://a.b.yuncheng.gov.cn/').allowed).toBe(true);
  });

  it('refuses other hosts, non-http schemes and unnamed private addresses', () => {
    expect(guard.check('http://www.baidu.com/')).toMatchObject({ allowed: false, reason: 'out_of_scope' });
    expect(guard.check('http://linyi.gov.cn/')).toMatchObject({ allowed: false, reason: 'out_of_scope' });
    expect(guard.check('file:///etc/passwd')).toMatchObject({ allowed: false, reason: 'unsupported_scheme' });
    expect(guard.check('data:text/html,<p>x</p>')).toMatchObject({ allowed: false, reason: 'unsupported_scheme' });
    expect(guard.check('javascript:void(0)')).toMatchObject({ allowed: false, reason: 'unsupported_scheme' });
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost:8080/',
      'http://10.1.2.3/',
      'http://192.168.0.1/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://2130706433/',
    ]) {
      const d = guard.check(url);
      expect(d.allowed, url).toBe(false);
      if (!d.allowed) expect(d.message).toMatch(/内网|本机|不在/);
    }
  });

  it('a private address is allowed only when named exactly, never through a wildcard', () => {
    const g = createScopeGuardFromHosts(['192.168.1.10', '*.internal']);
    expect(g.check('http://192.168.1.10:8080/').allowed).toBe(true);
    expect(g.check('http://192.168.1.11/').allowed).toBe(false);
  });
});

describe('fetcher refuses out-of-scope URLs without a request', () => {
  it('out-of-scope host, file: and data: URLs, private address not in config', async () => {
    const server = await net.serve((_req, res) => res.writeHead(200).end('should not be asked'));
    const fetcher = net.fetcher(testFetcherOptions({ scope: createScopeGuardFromHosts(['www.linyi.gov.cn']) }));
    const local = await fetcher.fetch(`${server.origin}/`);
    expect(local).toMatchObject({ ok: false, errorClass: 'out_of_scope', permanent: true, attempts: 0, status: null });
    expect((await fetcher.fetch('file:///etc/passwd')).errorClass).toBe('unsupported_scheme');
    expect((await fetcher.fetch('data:text/html,hi')).errorClass).toBe('unsupported_scheme');
    expect((await fetcher.fetch('http://www.example.com/')).errorClass).toBe('out_of_scope');
    expect(server.requests.length).toBe(0);
    expect(fetcher.stats().requests).toBe(0);
  });
});

describe('robots.txt', () => {
  const robots = 'User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n';

  it('a disallowed URL gets robots_disallowed without being requested; robots.txt is read once per host', async () => {
    const server = await net.serve((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
      else res.writeHead(200).end('page');
    });
    const fetcher = net.fetcher(testFetcherOptions({ respectRobots: true }));
    const blocked = await fetcher.fetch(`${server.origin}/private/report.html`);
    expect(blocked).toMatchObject({ ok: false, errorClass: 'robots_disallowed', permanent: true });
    const allowed = await Promise.all([fetcher.fetch(`${server.origin}/public/a.html`), fetcher.fetch(`${server.origin}/public/b.html`)]);
    expect(allowed.every((r) => r.ok)).toBe(true);
    const paths = server.requests.map((r) => r.path);
    expect(paths.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(paths).not.toContain('/private/report.html');
    expect(server.requests[0].headers['user-agent']).toMatch(/^zwgk-inspector\/0\.1/);
  });

  it('respectRobots:false fetches the disallowed page and does not read robots.txt', async () => {
    const server = await net.serve((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(200).end('User-agent: *\nDisallow: /\n');
      else res.writeHead(200).end('page');
    });
    const fetcher = net.fetcher(testFetcherOptions({ respectRobots: false }));
    const res = await fetcher.fetch(`${server.origin}/private/report.html`);
    expect(res.ok).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/private/report.html']);
  });

  it('a missing or failing robots.txt restricts nothing', async () => {
    const server = await net.serve((req, res) => {
      if (req.url === '/robots.txt') res.writeHead(404).end();
      else res.writeHead(200).end('page');
    });
    const fetcher = net.fetcher(testFetcherOptions({ respectRobots: true }));
    expect((await fetcher.fetch(`${server.origin}/x`)).ok).toBe(true);
    expect(fetcher.stats().errors).toEqual({});
  });

  it('parseRobots: own group beats *, longest match wins, Allow wins ties, wildcards and $', () => {
    const r = parseRobots(
      'User-agent: *\nDisallow: /\n\nUser-agent: zwgk-inspector\nDisallow: /admin\nAllow: /admin/public\nDisallow: /*.pdf$\n',
      'zwgk-inspector',
    );
    expect(r.isAllowed('http://h/zwgk/index.html')).toBe(true);
    expect(r.isAllowed('http://h/admin/x')).toBe(false);
    expect(r.isAllowed('http://h/admin/public/y')).toBe(true);
    expect(r.isAllowed('http://h/files/a.pdf')).toBe(false);
    expect(r.isAllowed('http://h/files/a.pdf?x=1')).toBe(true);
    const star = parseRobots('User-agent: *\nDisallow: /p\nAllow: /p\n', 'zwgk-inspector');
    expect(star.isAllowed('http://h/p/1')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow:\n', 'zwgk-inspector').isAllowed('http://h/a')).toBe(true);
  });
});

describe('scope guard: ports (issue 15)', () => {
  const config = countyConfigSchema.parse({
    county: '临猗县',
    year: 2023,
    extraHosts: ['cdn.linyi.gov.cn', '10.0.0.5:8443'],
    units: [
      { id: 'a', name: '甲', class: 'A', home: 'http://127.0.0.1:8080/a/' },
      { id: 'b', name: '乙', class: 'B', home: 'http://www.linyi.gov.cn/b/' },
    ],
  });
  const guard = createScopeGuard(config);

  it('a link to another port of a configured host is out of scope unless the config names that port', () => {
    expect(guard.check('http://127.0.0.1:8080/x').allowed).toBe(true);
    const ssh = guard.check('http://127.0.0.1:22/');
    expect(ssh).toMatchObject({ allowed: false, reason: 'out_of_scope' });
    if (!ssh.allowed) expect(ssh.message).toContain('端口 22');
    expect(guard.check('http://127.0.0.1/').allowed).toBe(false);
    expect(guard.check('http://www.linyi.gov.cn:8081/').allowed).toBe(false);
    expect(guard.check('http://cdn.linyi.gov.cn:6379/').allowed).toBe(false);
    expect(guard.check('http://10.0.0.5:8443/').allowed).toBe(true);
    expect(guard.check('http://10.0.0.5/').allowed).toBe(false);
  });

  it('a host named without a port is reached on http and https', () => {
    expect(guard.check('http://www.linyi.gov.cn/b/').allowed).toBe(true);
    expect(guard.check('https://www.linyi.gov.cn/b/').allowed).toBe(true);
    expect(guard.check('https://cdn.linyi.gov.cn/x.js').allowed).toBe(true);
  });

  it('naming the port brings it into scope', () => {
    const g = createScopeGuard(countyConfigSchema.parse({ ...config, extraHosts: ['127.0.0.1:22'] }));
    expect(g.check('http://127.0.0.1:22/').allowed).toBe(true);
  });
});
