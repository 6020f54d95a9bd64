// Bad input is found before the first request and every error names its place.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { main } from '../cli/main.ts';
import { ConfigError, loadCountyConfig, loadRubric, parseCountyConfig } from '../config/index.ts';
import { importReviewDecisions, manualEntryProblems, manualRowsForUnit, TableReadError } from '../scoring/index.ts';
import { openStore } from '../store/index.ts';
import { tempStore } from './fixtures/scoring/helpers.ts';

let server: Server;
let origin: string;
let requests = 0;
let dir: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html><head><title>试点乡</title></head><body><p>首页</p></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'zwgk-preflight-'));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const county = (extra: string) => `county: 试点县
year: 2023
politeness: { concurrencyPerHost: 1, delayMs: 0 }
crawl: { retries: 0, browser: { screenshots: false } }
${extra}
units:
  - id: shidian
    name: 试点乡政府
    class: A
    home: ${origin}/u/
    newMedia: [{ platform: wechat, account: 试点发布 }]
`;

/** Runs the CLI in-process; returns the exit code and what it wrote to stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const we = process.stderr.write.bind(process.stderr);
  const wo = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((c: string | Uint8Array) => {
    err.push(String(c));
    return true;
  }) as typeof process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  }) as typeof process.stdout.write;
  const before = process.exitCode;
  try {
    const code = await main(args);
    return { code, stderr: err.join(''), stdout: out.join('') };
  } finally {
    process.stderr.write = we;
    process.stdout.write = wo;
    process.exitCode = before;
  }
}

describe('inspect validates everything before its first request', () => {
  it.each([
    ['a missing rubric file', 'rubric: ./no-such-rubric.yaml', /rubric[\s\S]*no-such-rubric\.yaml[\s\S]*不存在/],
    ['a bad rules: key', 'rules: { noSuchSetting: 3 }', /rules[\s\S]*noSuchSetting/],
  ])(
    '%s: exit 2, the place named, no page fetched',
    async (_name, extra, message) => {
      const file = join(dir, `c-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, county(extra));
      requests = 0;
      const r = await cli(['inspect', '--config', file, '--as-of', '2023-12-15', '--db', join(dir, 'a.db'), '--out', join(dir, 'out')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(file);
      expect(requests).toBe(0);
    },
    60_000,
  );

  it('an --out that is a file is refused before crawling (findings.json could not be written)', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, county(''));
    const out = join(dir, 'not-a-dir');
    writeFileSync(out, 'x');
    requests = 0;
    const r = await cli(['inspect', '--config', file, '--as-of', '2023-12-15', '--db', join(dir, 'b.db'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是目录');
    expect(requests).toBe(0);
  }, 60_000);
});

describe('config errors with their place', () => {
  it('a YAML alias bomb is refused with its line, quickly', () => {
    const lines = ['county: 试点县', 'year: 2023', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const p = String.fromCharCode(97 + i);
      const n = String.fromCharCode(98 + i);
      lines.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
    }
    const t0 = performance.now();
    let error: unknown;
    try {
      parseCountyConfig(lines.join('\n'), 'bomb.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/bomb\.yaml: 第4行第\d+列.*别名/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a rubric file with an alias bomb is refused the same way', () => {
    const file = join(dir, 'bomb-rubric.yaml');
    const lines = ['a: &a [1,1,1,1,1,1,1,1,1,1]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    writeFileSync(file, lines.join('\n'));
    expect(() => loadRubric(file, 2023)).toThrow(/第2行.*别名/);
  });

  it('a config path that is a directory is a config error naming it', () => {
    const d = join(dir, 'conf.d');
    mkdirSync(d, { recursive: true });
    expect(() => loadCountyConfig(d)).toThrow(ConfigError);
    expect(() => loadCountyConfig(d)).toThrow(/conf\.d.*目录/);
  });

  it('a bad time zone is refused at schedule.timezone', () => {
    expect(() => parseCountyConfig(county('schedule: { timezone: Asia/Shangai }'), 't.yaml')).toThrow(
      /schedule\.timezone.*Asia\/Shangai.*时区/,
    );
    expect(parseCountyConfig(county('schedule: { timezone: Asia/Urumqi }'), 't.yaml').schedule.timezone).toBe('Asia/Urumqi');
  });
});

describe('imported tables name the line', () => {
  it('an unclosed quote in a review CSV names the file and the line it opens on', async () => {
    const { store } = tempStore();
    const file = join(dir, 'review.csv');
    writeFileSync(file, '问题编号,决定,审核人,理由\nabc,确认,张三,属实\n"def,驳回,李四,未闭合\nghi,确认,王五,属实\n');
    let error: unknown;
    try {
      await importReviewDecisions(store, file);
    } catch (err) {
      error = err;
    }
    store.close();
    expect(error).toBeInstanceOf(TableReadError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('第 3 行');
  });

  it('import-posts: line numbers stay right after a bad row; an unclosed quote names its line', async () => {
    const cfg = join(dir, 'posts.yaml');
    writeFileSync(cfg, county(''));
    const csv = join(dir, 'posts.csv');
    writeFileSync(csv, 'account,title,publishedAt\n试点发布,一,2023-12-01\n试点发布,二,昨天\n陌生账号,三,2023-12-03\n');
    const r = await cli(['import-posts', csv, '--config', cfg, '--db', join(dir, 'p.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 3 行: 发布时间“昨天”');
    expect(r.stderr).toContain('第 4 行: 账号“陌生账号”');
    writeFileSync(csv, 'account,title,publishedAt\n试点发布,"一,2023-12-01\n试点发布,二,2023-12-02\n');
    const q = await cli(['import-posts', csv, '--config', cfg, '--db', join(dir, 'p.db')]);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('第 2 行');
    expect(q.stderr).toContain('引号');
  });

  it('import-posts decodes a GBK CSV (as Excel in Chinese saves it) and matches its account', async () => {
    const cfg = join(dir, 'gbk.yaml');
    writeFileSync(cfg, county(''));
    const csv = join(dir, 'gbk.csv');
    writeFileSync(csv, iconv.encode('账号,标题,发布时间\r\n试点发布,冬季供暖通知,2023-12-01\r\n', 'gbk'));
    const db = join(dir, 'g.db');
    const r = await cli(['import-posts', csv, '--config', cfg, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = openStore({ dbPath: db });
    const rows = store.db.prepare('SELECT unit_id, account, title FROM imported_posts').all();
    store.close();
    expect(rows).toEqual([{ unit_id: 'shidian', account: '试点发布', title: '冬季供暖通知' }]);
    expect(readFileSync(csv).includes(Buffer.from('试点', 'utf8'))).toBe(false); // really GBK bytes
  });
});

describe('impossible manual counts', () => {
  const config = parseCountyConfig(
    county('')
      .replace('${origin}', 'http://127.0.0.1:9')
      .replace(/undefined\/u\//, 'http://127.0.0.1:9/u/'),
    't.yaml',
  );
  const rubric = loadRubric('builtin:2023', 2023);
  const unit = config.units[0];
  const rows = manualRowsForUnit(rubric, unit);
  const once = rows.find((r) => r.rule.type === 'once');
  const per = rows.find((r) => r.rule.type === 'perOccurrence');
  const entry = (target: string, occurrences: number) => ({
    year: 2023,
    unitId: unit.id,
    target,
    occurrences,
    points: null,
    levelId: null,
    value: null,
    note: '材料',
    by: '张三',
  });

  it.each([
    [2.5, '整数'],
    [1e308, '超出可能范围'],
    [2, '0 或 1'],
  ])('occurrences %s on a once-only indicator is refused (%s)', (n, message) => {
    expect(once).toBeDefined();
    const problems = manualEntryProblems(entry(once!.id, n), { config, rubric });
    expect(problems.map((p) => `${p.column}：${p.message}`).join('；')).toContain(message);
  });
  it('a whole count on a per-occurrence indicator is fine; 2.5 is not', () => {
    expect(per).toBeDefined();
    expect(manualEntryProblems(entry(per!.id, 3), { config, rubric })).toEqual([]);
    expect(manualEntryProblems(entry(per!.id, 2.5), { config, rubric })[0]?.message).toContain('整数');
    expect(manualEntryProblems({ ...entry(per!.id, 1), occurrences: null, points: -1e308 }, { config, rubric })[0]?.message).toContain(
      '超出可能范围',
    );
  });
});
