import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { discoverColumns, discoverSubColumns, loadColumnSynonyms } from '../crawler/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');
const byKey = (cols: { key: string; url: string; label: string }[]) => Object.fromEntries(cols.map((c) => [c.key, c.url]));

describe('discoverColumns: TRS 海云 unit page (mega menu + 更多栏目 dropdown)', () => {
  const base = 'https://www.example.gov.cn/zwgk/bm/fgw/';
  const cols = byKey(discoverColumns(fixture('discover-trs-hyun.html'), base));

  it("finds the unit's own columns", () => {
    expect(cols).toMatchObject({
      guide: `${base}zfxxgkzn/`,
      functions: `${base}jgzn/`,
      deptInfo: `${base}gzdt/`,
      budget: `${base}czyjs/`,
      annualReport: `${base}zfxxgknb/`,
      majorProjects: `${base}zdxm/`,
      keyFields: `${base}zdly/`,
    });
  });

  it('prefers the 双公示 hub over its 行政许可 part', () => {
    expect(cols.shuanggongshi).toBe(`${base}sgs/`);
  });

  it('gives 政策文件解读 to interpretations, not policies, and ignores the county header menu', () => {
    expect(cols.interpretations).toBe(`${base}zcwjjd/`);
    expect(cols.policies).toBeUndefined();
    expect(cols.consultation).toBeUndefined();
  });

  it('is not fooled by 办事指南 or a 统计 年度报告', () => {
    expect(cols.guide).not.toContain('bszn');
    expect(cols.annualReport).toBe(`${base}zfxxgknb/`);
  });
});

describe('discoverColumns: 邯郸-style left nav with malformed comments and a mega footer', () => {
  const cols = byKey(discoverColumns(fixture('discover-handan.html'), 'http://www.example.gov.cn/xxgk/'));

  it('reads the sideMenu tree', () => {
    expect(cols).toMatchObject({
      guide: 'http://www.example.gov.cn/xxgk/gkzn/',
      functions: 'http://www.example.gov.cn/xxgk/jgzz/',
      majorProjects: 'http://www.example.gov.cn/xxgk/zdjsxm/',
      annualReport: 'http://www.example.gov.cn/xxgk/nb/',
      budget: 'http://www.example.gov.cn/ztzl/czyjs/',
    });
  });

  it('does not take the link left inside the broken comment for a better match', () => {
    expect(cols.functions).not.toContain('old_jgzz');
  });

  it('takes 行政许可 as the 双公示 column when there is no hub', () => {
    expect(cols.shuanggongshi).toBe('http://www.example.gov.cn/xxgk/xzxk/');
  });
});

describe('discoverColumns: home page with column blocks ("更多>>" links) and plain link rows', () => {
  const base = 'https://www.example.gov.cn/xxgk/zhen/';
  const cols = byKey(discoverColumns(fixture('discover-blocks.html'), base));

  it('names a 更多>> link by its block heading', () => {
    expect(cols.deptInfo).toBe(`${base}gzdt/`);
  });

  it('separates 领导信箱 (consultation) from 领导信息 (functions)', () => {
    expect(cols.consultation).toBe(`${base}ldxx/`);
    expect(cols.functions).toBe(`${base}ldxx2/`);
  });

  it('prefers the column link to a dated article about it, and the unit link to the county header', () => {
    expect(cols.guide).toBe(`${base}gkzn/`);
  });

  it('reads short exact names (年报, 解读) and the catalog', () => {
    expect(cols).toMatchObject({
      annualReport: `${base}nb/`,
      interpretations: `${base}zcjd/`,
      catalog: `${base}bzml/`,
      budget: `${base}bmyjs/`,
      policies: `${base}zcwj/`,
      majorProjects: `${base}zdxm/`,
    });
  });
});

describe('discoverSubColumns', () => {
  it('finds the eight 重大建设项目 categories under the hub, not the site menu', () => {
    const base = 'https://www.example.gov.cn/zwgk/bm/zjj/zdxm/';
    const subs = discoverSubColumns(fixture('hub-major-projects.html'), base, 'majorProjects');
    expect(subs.map((s) => s.key).sort()).toEqual(
      ['批准服务', '批准结果', '招标投标', '征收土地', '重大设计变更', '施工', '质量安全监督', '竣工']
        .map((c) => `majorProjects:${c}`)
        .sort(),
    );
    expect(byKey(subs)['majorProjects:招标投标']).toBe(`${base}zbtb/`);
    expect(byKey(subs)['majorProjects:施工']).toBe(`${base}sg/`);
  });

  it('finds key fields in a 重点领域 hub, without 养老保险 as 养老服务', () => {
    const subs = byKey(discoverSubColumns(fixture('hub-key-fields.html'), 'https://www.example.gov.cn/zwgk/bm/mzj/zdly/', 'keyFields'));
    expect(subs).toEqual({
      'keyField:社会救助': 'https://www.example.gov.cn/zwgk/bm/mzj/zdly/shjz/',
      'keyField:养老服务': 'https://www.example.gov.cn/zwgk/bm/mzj/zdly/ylfw/',
      'keyField:其他栏目': 'https://www.example.gov.cn/zwgk/bm/mzj/zdly/qt/',
      'keyField:稳岗就业': 'https://www.example.gov.cn/zwgk/bm/mzj/zdly/jy/',
    });
  });

  it('finds 行政许可 and 行政处罚 inside a 双公示 hub', () => {
    const html = `<a href="/sgs/">双公示</a><ul><li><a href="/sgs/xzxk/">行政许可</a></li><li><a href="/sgs/xzcf/">行政处罚</a></li></ul>`;
    const subs = byKey(discoverSubColumns(html, 'http://www.example.gov.cn/sgs/', 'shuanggongshi'));
    expect(subs).toEqual({
      'shuanggongshi:行政许可': 'http://www.example.gov.cn/sgs/xzxk/',
      'shuanggongshi:行政处罚': 'http://www.example.gov.cn/sgs/xzcf/',
    });
  });

  it('finds decision sub-columns', () => {
    const html = `<a href="mulu/">重大行政决策事项目录</a><a href="yq/">决策预公开</a><a href="jg/">决策结果</a>`;
    const subs = byKey(discoverSubColumns(html, 'http://www.example.gov.cn/jc/', 'decisions'));
    expect(Object.keys(subs).sort()).toEqual(['decisions:结果', 'decisions:目录', 'decisions:预公开'].sort());
  });

  it('does not match hub-only words on a unit home page', () => {
    const html = `<a href="/u/sg/">施工</a><a href="/u/qt/">其他</a><a href="/u/ylfw/">养老服务</a>`;
    const cols = byKey(discoverColumns(html, 'http://www.example.gov.cn/u/'));
    expect(cols).toEqual({ 'keyField:养老服务': 'http://www.example.gov.cn/u/ylfw/' });
  });
});

describe('loadColumnSynonyms', () => {
  it('reads every column key of the contract with a source note in the YAML', () => {
    const s = loadColumnSynonyms();
    const keys = s.columns.map((c) => c.key);
    for (const k of [
      'guide',
      'functions',
      'deptInfo',
      'majorProjects',
      'budget',
      'shuanggongshi',
      'decisions',
      'policies',
      'interpretations',
      'consultation',
      'annualReport',
      'catalog',
    ]) {
      expect(keys).toContain(k);
    }
    expect(keys.filter((k) => k.startsWith('keyField:'))).toHaveLength(11);
    expect(keys.filter((k) => k.startsWith('majorProjects:'))).toHaveLength(8);
    const raw = readFileSync(new URL('../config/columns.yaml', import.meta.url), 'utf8');
    expect(raw.match(/source:/g)?.length).toBeGreaterThanOrEqual(keys.length);
  });

  it('lets a caller pass its own synonyms', () => {
    const s = loadColumnSynonyms();
    const custom = {
      ...s,
      columns: s.columns.map((c) => (c.key === 'guide' ? { ...c, synonyms: [{ text: '公开须知', exact: false, hubOnly: false }] } : c)),
    };
    const cols = byKey(discoverColumns('<a href="/u/xz/">信息公开须知</a>', 'http://www.example.gov.cn/u/', { synonyms: custom }));
    expect(cols.guide).toBe('http://www.example.gov.cn/u/xz/');
  });
});
