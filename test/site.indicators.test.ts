import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadIndicatorTable, parseIndicatorTable, parseCountyConfig } from '../config/index.ts';
import { runSiteChecks, SITE_CHECK_IDS } from '../checks/index.ts';
import { scoreSite19 } from '../scoring/index.ts';
import { probesOver, siteInput } from './helpers/site-input.ts';

const BUILTIN = new URL('../config/indicators/19hao.yaml', import.meta.url);

describe('19号 indicator table as data', () => {
  it('loads the built-in table: vetoes, 100-point 扣分 and 30-point 加分 parts, check ids and manual items', () => {
    const t = loadIndicatorTable('builtin:19hao');
    expect(t.vetoes.map((v) => v.name)).toContain('站点无法访问');
    expect(t.deductions.reduce((s, d) => s + d.weight.value, 0)).toBe(100);
    expect(t.bonuses.reduce((s, d) => s + d.weight.value, 0)).toBe(30);
    expect(t.deductions.find((d) => d.id === 'D-service')?.mode).toBe('manual');
    const fed = new Set([...t.vetoes, ...t.deductions].flatMap((i) => i.checks));
    for (const id of SITE_CHECK_IDS) expect(fed, id).toContain(id);
  });

  it('names the file and the place of a bad value, and refuses weights that do not add up', () => {
    const text = readFileSync(BUILTIN, 'utf8');
    expect(() => parseIndicatorTable(text.replace('vetoShare: { value: 0.05', 'vetoShare: { value: "五"'), 'local.yaml')).toThrow(
      /local\.yaml: vetoes\[1\]\.thresholds\.vetoShare\.value/,
    );
    const bad = text.replace(
      'name: 搜索功能\n    rule: 首页无站内搜索的扣分\n    conf: ◐\n    source: domain-rules §3 D4\n    weight: { value: 5',
      'name: 搜索功能\n    rule: 首页无站内搜索的扣分\n    conf: ◐\n    source: domain-rules §3 D4\n    weight: { value: 6',
    );
    expect(bad).not.toBe(text);
    try {
      parseIndicatorTable(bad, 'local.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems[0]).toMatchObject({ path: 'deductions' });
      expect((e as ConfigError).message).toContain('合计 101');
    }
  });

  it('a stricter copy (veto at 3 % instead of 5 %) changes the verdict without code', () => {
    const input = siteInput({ probes: probesOver('2023-11-24', 140, 5) }); // 3.6 %
    const builtin = runSiteChecks(input).find((f) => f.checkId === 'site.availability');
    expect(builtin?.effect).toBe('warning');
    const file = join(tmpdir(), 'province-19hao.yaml');
    writeFileSync(
      file,
      readFileSync(BUILTIN, 'utf8')
        .replace('vetoShare: { value: 0.05', 'vetoShare: { value: 0.03')
        .replace('warnShare: { value: 0.03', 'warnShare: { value: 0.02'),
    );
    const strict = loadIndicatorTable(file);
    const local = runSiteChecks({ ...input, table: strict }).find((f) => f.checkId === 'site.availability');
    expect(local?.effect).toBe('veto');
    expect(
      scoreSite19({
        table: strict,
        findings: [local!],
        siteId: 'portal',
        siteName: 'x',
        kind: '门户',
        month: '2023-11',
        asOf: '2023-11-24',
      }).verdict,
    ).toBe('不合格');
  });

  it('labels ⚠ values as 未核实 in the result', () => {
    const input = siteInput({
      observation: siteInput().observation && { ...siteInput().observation!, facts: { ...siteInput().observation!.facts!, search: null } },
    });
    const findings = runSiteChecks(input);
    const r = scoreSite19({
      table: input.table,
      findings,
      siteId: 'portal',
      siteName: 'x',
      kind: '门户',
      month: '2023-11',
      asOf: '2023-11-24',
    });
    expect(r.deductions.find((d) => d.id === 'D-search')).toMatchObject({ deducted: 5 });
    expect(r.deductionScore).toBe(95);
    expect(r.unverified.some((u) => u.includes('搜索功能') && u.includes('未核实'))).toBe(true);
  });

  it('the county config takes site: with its home, kind and indicator table', () => {
    const c = parseCountyConfig(
      `county: 某县\nyear: 2023\nsite: { home: 'https://www.mx.gov.cn/', kind: 门户, indicators: ./province.yaml, probes: { perDay: 24, referenceUrls: ['https://www.gov.cn/'] } }\nunits:\n  - { id: a, name: 甲局, class: B, home: 'https://a.mx.gov.cn/', site: { kind: 部门 } }\n`,
      'c.yaml',
    );
    expect(c.site).toMatchObject({ id: 'portal', kind: '门户', indicators: './province.yaml' });
    expect(c.units[0].site?.kind).toBe('部门');
    expect(() =>
      parseCountyConfig(
        'county: 某县\nyear: 2023\nsite: { home: x, kind: 网站 }\nunits: [{ id: a, name: 甲, class: B, home: "https://a.gov.cn/" }]\n',
        'c.yaml',
      ),
    ).toThrow(/site\.home[\s\S]*site\.kind/);
  });
});
