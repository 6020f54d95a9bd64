// A column of a fixed key (政策解读 here) whose link goes straight to one article, with no list rows, is that article:
// not blank, and dated by the date the page shows (a TRS WCM detail page: body in .TRS_Editor, 发布日期 label). A twin whose column page is an empty list is still blank.
import { describe, expect, it } from 'vitest';
import { unitHome, useUnitPortal } from './helpers/unit-portal.ts';

const site = useUnitPortal();

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>《试点乡2023年农村人居环境整治实施方案》政策解读</title></head>
<body><div class="position">当前位置：首页 &gt; 政策解读</div><h1>《试点乡2023年农村人居环境整治实施方案》政策解读</h1>
<div class="info">发布日期：2023-11-02　来源：试点乡人民政府</div><div class="TRS_Editor"><p>一、制定背景。为持续改善农村人居环境，
根据县委县政府部署，结合我乡实际制定本方案。</p><p>二、主要内容。方案明确了垃圾治理、污水治理和村容村貌提升三项重点任务。</p></div></body></html>`;
const EMPTY_LIST = `<!doctype html><html><head><meta charset="utf-8"><title>政策解读</title></head><body><div class="position">当前位置：首页 &gt; 政策解读</div>
<div class="list"><ul></ul><p>暂无信息</p></div></body></html>`;

const home = unitHome([['政策解读', '/u/zcjd/']]);

describe('a fixed-key column that links straight to an article', () => {
  it('is read as that article: status ok, one item dated 2023-11-02 from the page, no column.blank', async () => {
    const { obs, findings } = await site.inspect({ '/u/': home, '/u/zcjd/': ARTICLE }, { year: 2023, asOf: '2023-12-15' });
    const col = obs.columns.find((c) => c.columnKey === 'interpretations');
    expect(col).toMatchObject({ status: 'ok' });
    expect(col?.items.map((i) => [i.date, i.dateSource])).toEqual([['2023-11-02', 'detail']]);
    expect(findings.filter((f) => f.checkId === 'column.blank')).toEqual([]);
  });

  it('an empty list in the same place is still blank', async () => {
    const { obs, findings } = await site.inspect({ '/u/': home, '/u/zcjd/': EMPTY_LIST }, { year: 2023, asOf: '2023-12-15' });
    expect(obs.columns.find((c) => c.columnKey === 'interpretations')?.status).toBe('blank');
    expect(findings.filter((f) => f.checkId === 'column.blank').map((f) => f.subject)).toHaveLength(1);
  });
});
