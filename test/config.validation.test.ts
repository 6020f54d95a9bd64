import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCountyConfig, parseCountyConfig, ConfigError } from '../config/index.ts';
import { runCli, ROOT } from './helpers/cli.ts';
import { sharedPath } from './helpers/shared-material.ts';

const GOOD = `
county: 测试县
year: 2023
rubric: builtin:2023
politeness: { concurrencyPerHost: 2, delayMs: 0 }
units:
  - id: yishi
    name: 猗氏镇政府
    class: A
    home: https://example.gov.cn/zwgk/yishi/
    columns:
      budget: https://example.gov.cn/zwgk/yishi/czyjs/
    newMedia:
      - platform: wechat
        account: 猗氏发布
        feed: https://example.gov.cn/feeds/yishi.xml
  - id: caizheng
    name: 财政局
    class: B
    home: https://example.gov.cn/zwgk/caizheng/
`;

function problemsOf(text: string): ConfigError {
  try {
    parseCountyConfig(text, 'county.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('county config validation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-config-'));
  });

  it('accepts the documented shape and fills defaults', () => {
    const c = parseCountyConfig(GOOD, 'county.yaml');
    expect(c.units).toHaveLength(2);
    expect(c.units[0].columns?.budget).toBe('https://example.gov.cn/zwgk/yishi/czyjs/');
    expect(c.respectRobots).toBe(true);
    expect(c.crawl.maxRedirects).toBeGreaterThan(0);
  });

  it('accepts any class name (the rubric names its classes; inspect checks them against it before crawling)', () => {
    expect(parseCountyConfig(GOOD.replace('class: B', 'class: 街道'), 'county.yaml').units[1].class).toBe('街道');
  });

  it('names the place of a bad URL inside newMedia', () => {
    const e = problemsOf(GOOD.replace('feed: https://example.gov.cn/feeds/yishi.xml', 'feed: ftp//nope'));
    expect(e.message).toContain('units[0].newMedia[0].feed');
    expect(e.message).toContain('http(s)');
  });

  it('refuses a duplicate unit id and points at both places', () => {
    const e = problemsOf(GOOD.replace('id: caizheng', 'id: yishi'));
    expect(e.message).toContain('units[1].id');
    expect(e.message).toContain('units[0]');
  });

  it('refuses an impossible window date', () => {
    const e = problemsOf(GOOD.replace('units:', 'window: { start: 2023-02-30, end: 2023-12-31 }\nunits:'));
    expect(e.message).toContain('window.start');
  });

  it('reports YAML syntax errors with line numbers', () => {
    const e = problemsOf('county: [unclosed\nunits: 3');
    expect(e.message).toMatch(/YAML/);
    expect(e.message).toMatch(/line \d+/);
  });

  const plan = sharedPath('seeds/2023-assessment-plan.txt');
  it.skipIf(plan === null)('ships both configs with all 41 units of 附件1 (14 A, 27 B), names exact', () => {
    const seed = readFileSync(plan!, 'utf8');
    const a = seed
      .match(/A 类\(14 个\):\s*\n\s*\n?(.+)/)![1]
      .split('、')
      .map((s) => s.trim());
    const b = seed
      .match(/B 类\(27 个\):\s*\n\s*\n?(.+)/)![1]
      .split('、')
      .map((s) => s.trim());
    expect(a).toHaveLength(14);
    expect(b).toHaveLength(27);
    for (const file of ['config/linyi-2023.yaml', 'config/sample.yaml']) {
      const c = loadCountyConfig(join(ROOT, file));
      expect(c.units.filter((u) => u.class === 'A').map((u) => u.name)).toEqual(a);
      expect(c.units.filter((u) => u.class === 'B').map((u) => u.name)).toEqual(b);
    }
  });

  describe('zwgk inspect exits 2 naming the place', () => {
    it('for a config file that does not exist', () => {
      const r = runCli(['inspect', '--config', 'config/nonexistent.yaml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('config/nonexistent.yaml');
      expect(r.stderr).toContain('不存在');
    });

    it.each([
      ['wrong class', (t: string) => t.replace('class: B', 'class: Z'), 'units[1].class'],
      ['bad URL', (t: string) => t.replace('home: https://example.gov.cn/zwgk/caizheng/', 'home: not a url'), 'units[1].home'],
      ['duplicate unit id', (t: string) => t.replace('id: caizheng', 'id: yishi'), 'units[1].id'],
      ['bad date', (t: string) => t.replace('units:', 'window: { start: 2023-13-01, end: 2023-12-31 }\nunits:'), 'window.start'],
    ])('for a config with a %s', (_name, mutate, place) => {
      const file = join(dir, `${place.replace(/\W/g, '_')}.yaml`);
      writeFileSync(file, mutate(GOOD));
      const r = runCli(['inspect', '--config', file, '--db', join(dir, 'x.db')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(place);
    });

    it('for a bad --as-of date', () => {
      const file = join(dir, 'good.yaml');
      writeFileSync(file, GOOD);
      const r = runCli(['inspect', '--config', file, '--as-of', '2023-02-30', '--db', join(dir, 'x.db')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--as-of');
    });

    it('for an unknown option', () => {
      const r = runCli(['inspect', '--config', 'config/sample.yaml', '--bogus']);
      expect(r.code).toBe(2);
    });
  });
});
