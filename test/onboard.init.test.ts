import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCountyConfig } from '../config/index.ts';
import { navEntriesOf, runInit, type InitOutcome } from '../onboard/index.ts';
import { DECOY_ENTRIES, FORMER_NAME_PATH, NEW_MEDIA_PATH, startSamplePortal, type SamplePortal } from '../sample/index.ts';
import { runCli, runCliAsync } from './helpers/cli.ts';
import { sharedPath } from './helpers/shared-material.ts';

const PLAN = sharedPath('seeds/2023-assessment-plan.txt');

describe.skipIf(PLAN === null)('zwgk init on the sample portal (附件1 text → config)', () => {
  let portal: SamplePortal;
  let outcome: InitOutcome;
  let dir: string;
  beforeAll(async () => {
    portal = await startSamplePortal();
    dir = mkdtempSync(join(tmpdir(), 'init-'));
    outcome = await runInit({
      portal: `${portal.origin}/`,
      unitsFile: PLAN!,
      out: join(dir, 'county.yaml'),
      politeness: { concurrencyPerHost: 4, delayMs: 0 },
      today: '2023-12-15',
    });
  });
  afterAll(() => portal.close());

  it('matches all 41 units of the plan to their own homes', () => {
    expect(outcome.rows).toHaveLength(41);
    const byName = new Map(portal.units.map((u) => [u.name, `${portal.origin}/zwgk/${u.id}/`]));
    for (const row of outcome.rows) {
      expect(row.status, row.name).toBe('matched');
      expect(row.url, row.name).toBe(byName.get(row.name));
      expect(row.reason.length).toBeGreaterThan(0);
    }
    expect(outcome.exitCode).toBe(0);
    expect(outcome.county).toBe('临猗县');
  });

  it('reports the decoys and the former name as entries outside the plan, not as units', () => {
    const left = outcome.leftovers.map((l) => new URL(l.entry.url).pathname);
    for (const [, path] of DECOY_ENTRIES) expect(left).toContain(path);
    expect(left).toContain(FORMER_NAME_PATH);
    const former = outcome.leftovers.find((l) => l.entry.url.endsWith(FORMER_NAME_PATH))!;
    expect(former.nearest).toMatchObject({ unit: '应急管理局' });
    expect(former.nearest!.reason).toContain('旧称');
  });

  it('reads the navigation of every style: link lists, the 部门 page, the select box, the script-built list', () => {
    const yaml = readFileSync(join(dir, 'county.yaml'), 'utf8');
    for (const how of ['页面链接', '下拉框', '脚本生成的列表']) expect(yaml).toContain(how);
    expect(outcome.walk.pages.map((p) => p.role)).toEqual(['门户首页', '政府信息公开平台', '单位导航页', '政务新媒体页']);
  });

  it('writes a config in the foundation shape with a comment on every unit and the accounts of the 政务新媒体 page', () => {
    const text = readFileSync(join(dir, 'county.yaml'), 'utf8');
    const config = parseCountyConfig(text, 'county.yaml');
    expect(config.units).toHaveLength(41);
    expect(config.year).toBe(2023);
    const lines = text.split('\n');
    for (const u of config.units) {
      const at = lines.findIndex((l) => l === `  - id: ${u.id}`);
      const above = lines
        .slice(0, at)
        .reverse()
        .find((l) => !l.startsWith('  # 政务新媒体') && !l.startsWith('  # 其他较弱'))!;
      expect(above, u.name).toMatch(new RegExp(`^  # ${u.name}：见 .*得分 \\d\\.\\d\\d：`));
    }
    const yishi = config.units.find((u) => u.name === '猗氏镇政府')!;
    expect(yishi.newMedia).toEqual([{ platform: 'wechat', account: '猗氏镇发布', feed: `${portal.origin}/feeds/yishi.xml` }]);
    expect(outcome.otherAccounts.map((r) => r.cells[0])).toEqual(['中共临猗县委宣传部']);
    expect(parse(text).units).toHaveLength(41);
  });

  it('writes under each home the required columns found there (with the link text) and those that were not, as a columns: template', () => {
    const text = readFileSync(join(dir, 'county.yaml'), 'utf8');
    const block = (id: string) => {
      const lines = text.split('\n');
      const at = lines.indexOf(`  - id: ${id}`);
      const end = lines.findIndex((l, i) => i > at && /^ {2}(- |# )/.test(l));
      return lines.slice(at, end).join('\n');
    };
    // the same planted gaps zwgk doctor names (test/onboard.doctor.test.ts)
    expect(block('niudu')).toMatch(/# 未找到 \d+ 个：[^\n]*政府信息公开年报/);
    expect(block('niudu')).toContain('    #   annualReport: 待填写   # 政府信息公开年报');
    expect(block('zhujian')).toMatch(/# {3}shuanggongshi: 待填写/);
    expect(block('renshe')).toContain('#   "keyField:稳岗就业": 待填写');
    expect(block('yishi')).not.toContain('未找到');
    expect(block('yishi')).toMatch(/# 必查栏目 (\d+) 个，主页上找到 \1 个：[^\n]*政府信息公开指南（链接“[^”]*指南[^”]*”）/);
    expect(block('xinfang')).toContain('# 必查栏目未核对：主页无法读取');
    const niudu = outcome.rows.find((r) => r.id === 'niudu')!;
    expect(niudu.columns!.found).toBeLessThan(niudu.columns!.required);
    expect(outcome.rows.find((r) => r.id === 'xinfang')!.columns).toBeNull();
    // the template reads back as the config's own columns: once filled in and uncommented
    const filled = text
      .replace(/^ {4}# columns:$/gm, '    columns:')
      .replace(/^ {4}# {3}(\S+): 待填写 .*$/gm, '      $1: https://example.gov.cn/filled/');
    const config = parseCountyConfig(filled, 'county.yaml');
    expect(config.units.find((u) => u.id === 'niudu')!.columns).toMatchObject({ annualReport: 'https://example.gov.cn/filled/' });
  });

  it('leaves an unlisted unit to a person: file still written, unit commented out with candidates, exit 1', async () => {
    const units = join(dir, 'units.csv');
    writeFileSync(units, '名称,类别\n猗氏镇政府,A\n临猗镇政府,A\n应急管理局,B\n');
    const out = join(dir, 'partial.yaml');
    const r = await runCliAsync(['init', '--portal', `${portal.origin}/`, '--units', units, '--out', out, '--year', '2023']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('需人工确认');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# 需人工确认：临猗镇政府（第 3 行）—— 门户导航中没有找到名称相符的链接');
    expect(text).toContain('#   name: 临猗镇政府');
    const config = parseCountyConfig(text, out);
    expect(config.units.map((u) => u.name)).toEqual(['猗氏镇政府', '应急管理局']);
  });
});

describe('zwgk init arguments', () => {
  it('exits 2 naming the bad row of the unit list, and on a bad portal address', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    const file = join(dir, 'units.csv');
    writeFileSync(file, '名称,类别\n发改局,X\n');
    const r = runCli(['init', '--portal', 'http://127.0.0.1:9/', '--units', file, '--out', join(dir, 'c.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 2 行 B2');
    const bad = runCli(['init', '--portal', 'www.sxly.gov.cn', '--units', file, '--out', join(dir, 'c.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--portal');
  });
});

describe('navigation entries of one page', () => {
  it('finds units in links, select options and script data, and skips page furniture', () => {
    const html = `<a href="/">首页</a><a href="/zwgk/">政府信息公开</a><a href="/a/">猗氏镇人民政府信息公开</a>
      <select><option value="">请选择</option><option value="/b/">县医保局</option></select>
      <script>var d=[{"name":"县工科局","url":"/c/"}];document.write('<a href="/d/">县审计局</a>');</script>`;
    const entries = navEntriesOf(html, 'http://x.gov.cn/zwgk/');
    expect(entries.map((e) => [e.text, new URL(e.url).pathname, e.how])).toEqual([
      ['猗氏镇人民政府信息公开', '/a/', '页面链接'],
      ['县医保局', '/b/', '下拉框'],
      ['县工科局', '/c/', '脚本生成的列表'],
      ['县审计局', '/d/', '脚本生成的列表'],
    ]);
  });

  it('the new-media page path is the one the portal links', () => {
    expect(NEW_MEDIA_PATH).toBe('/zwgk/zwxmt/');
  });
});
