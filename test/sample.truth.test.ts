import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chineseDays from 'chinese-days';
import { CHECK_IDS } from '../checks/index.ts';
import { buildSampleSite, computeGroundTruth, feedGaps, nearMisses, startSamplePortal, writeGroundTruth } from '../sample/index.ts';

const { isWorkday } = chineseDays;
const site = buildSampleSite();
const truth = computeGroundTruth(site);
const entry = (unitId: string, checkId: string) => truth.find((e) => e.unitId === unitId && e.checkId === checkId);
const RANGED = ['decisions.catalog', 'decisions.precomment', 'keyfield.coverage'];

describe('sample ground truth', () => {
  it('plants every check id of CHECK_IDS, deductions on several units while most units stay clean', () => {
    for (const id of CHECK_IDS)
      expect(
        truth.some((e) => e.checkId === id && (e.count > 0 || (e.value ?? 0) < 3)),
        id,
      ).toBe(true);
    const deductionUnits = new Set(
      truth
        .filter((e) => !RANGED.includes(e.checkId) && !['consultation.timely', 'interpretation.multiform'].includes(e.checkId))
        .map((e) => e.unitId),
    );
    expect(deductionUnits.size).toBeLessThan(41);
    for (const id of CHECK_IDS.filter((c) => !RANGED.includes(c) && c !== 'site.unreachable')) {
      const perCheck = truth.filter((e) => e.checkId === id).length;
      expect(perCheck, id).toBeGreaterThanOrEqual(2);
      if (id !== 'consultation.timely') expect(perCheck, id).toBeLessThan(20);
    }
  });

  it('gives ranged checks a value for every reachable B unit they apply to, +max included', () => {
    const bUnits = site.units.filter((u) => u.cls === 'B' && !u.unreachable).map((u) => u.id);
    for (const id of ['decisions.catalog', 'decisions.precomment']) {
      const units = truth
        .filter((e) => e.checkId === id)
        .map((e) => e.unitId)
        .sort();
      expect(units, id).toEqual([...bUnits].sort());
      expect(truth.filter((e) => e.checkId === id).every((e) => [3, 0, -3].includes(e.value!))).toBe(true);
    }
    const kf = truth.filter((e) => e.checkId === 'keyfield.coverage');
    expect(kf.map((e) => e.unitId).sort()).toEqual([
      'caizheng',
      'gongke',
      'jiaoyu',
      'minzheng',
      'minzheng',
      'nongye',
      'renshe',
      'shichang',
      'wenlv',
    ]);
    expect(kf.find((e) => e.unitId === 'gongke')!.value).toBe(4); // three parts present (+2 each), one absent (−2)
    expect(kf.find((e) => e.unitId === 'renshe')!.value).toBe(-3);
    expect(kf.find((e) => e.unitId === 'caizheng')!.value).toBe(3);
    expect(truth.some((e) => e.unitId === 'xinfang' && RANGED.includes(e.checkId))).toBe(false);
  });

  it('keeps only site.unreachable and newmedia.stale for the unreachable unit', () => {
    const x = truth
      .filter((e) => e.unitId === 'xinfang')
      .map((e) => e.checkId)
      .sort();
    expect(x).toEqual(['newmedia.stale', 'site.unreachable']);
  });

  it('counts consultation replies in working days across the 2023 国庆 holiday', () => {
    // 09-28 → 10-08 is 10 calendar days but the 2nd working day (10-07/10-08 were 调休 workdays): in time.
    expect(isWorkday('2023-10-08')).toBe(true);
    expect(isWorkday('2023-10-04')).toBe(false);
    const shichang = site.units.find((u) => u.id === 'shichang')!.columns.find((c) => c.key === 'consultation')!;
    expect(shichang.items.some((i) => i.question?.asked === '2023-09-28' && i.question.replied === '2023-10-08')).toBe(true);
    expect(entry('shichang', 'consultation.late')).toBeUndefined();
    // 09-26 → 10-11: deadline is 10-09 (5th working day), so late.
    expect(entry('sunji', 'consultation.late')?.count).toBe(1);
    // An unanswered question of 12-13 is not yet due at asOf 12-15.
    expect(entry('caizheng', 'consultation.late')).toBeUndefined();
    expect(entry('minzheng', 'consultation.late')?.count).toBe(2);
  });

  it('matches the planted content of stale columns, pinned rows and interpretations', () => {
    expect(entry('dongzhang', 'column.stale')?.count).toBe(1); // 20 days > 14
    expect(entry('dongzhang', 'deptinfo.stale')).toBeUndefined(); // 20 days ≤ 30
    expect(entry('jiaotong', 'deptinfo.stale')?.count).toBe(1); // a recent 置顶 row does not count
    expect(entry('ziranziyuan', 'interpretation.missing')).toBeUndefined(); // 09-28 → 10-07 is the 1st working day
    expect(entry('fagai', 'interpretation.missing')?.count).toBe(2);
    expect(entry('jiaoyu', 'interpretation.multiform')?.count).toBe(3);
    expect(entry('gongan', 'guide.incomplete')?.count).toBe(2);
  });

  it('counts new-media gaps between windowStart, posts and asOf', () => {
    expect(feedGaps(['2023-01-10', '2023-01-20'], '2023-01-01', '2023-02-10', 14)).toBe(1);
    expect(feedGaps([], '2023-01-01', '2023-01-10', 14)).toBe(0);
    expect(entry('gongke', 'newmedia.stale')?.count).toBe(2);
    expect(entry('yibao', 'newmedia.stale')).toBeUndefined(); // failing feed: a warning, not a gap
  });

  it('judges a 标准目录 item by the column its cell links to: rows under other titles publish it, 暂无信息 does not', () => {
    const catalogs = site.units.filter((u) => u.cls === 'A').map((u) => u.columns.find((c) => c.key === 'catalog')!);
    expect(catalogs.every((c) => c.catalog!.every((r) => r.href))).toBe(true);
    const places = catalogs.flatMap((c) => c.places ?? []);
    const withRows = places.filter((p) => p.items.length > 0);
    expect(withRows.length).toBeGreaterThan(10);
    for (const p of withRows)
      expect(
        p.items.some((i) => i.title.includes(p.label)),
        p.label,
      ).toBe(false);
    expect(entry('sunji', 'catalog.item-missing')?.count).toBe(2);
    expect(entry('sunji', 'column.blank')?.note).toContain('catalog:宅基地审批');
    expect(entry('niudu', 'catalog.item-missing')).toBeUndefined();
  });

  it('lists near-misses beside the truth: none is planted, every look-alike gap is', () => {
    const list = nearMisses(site);
    expect(new Set(list.map((e) => e.checkId)).size).toBeGreaterThanOrEqual(20);
    for (const e of list) expect(e.modelledOn.length, `${e.unitId} ${e.checkId}`).toBeGreaterThan(0);
    for (const e of list.filter((x) => x.kind === 'look-alike-gap')) {
      const t = truth.filter((x) => x.unitId === e.unitId && x.checkId === e.checkId);
      expect(
        t.some((x) => x.count > 0 && (x.value === undefined || x.value < 3 || RANGED.includes(x.checkId))),
        `${e.unitId} ${e.checkId}`,
      ).toBe(true);
      if (e.subject && ['guide.incomplete', 'budget.missing', 'majorprojects.missing'].includes(e.checkId))
        expect(t.map((x) => x.note).join(''), `${e.unitId} ${e.checkId}`).toContain(e.subject);
    }
    for (const e of list.filter(
      (x) => x.kind === 'near-miss' && x.subject && ['guide.incomplete', 'catalog.item-missing'].includes(x.checkId),
    ))
      expect(entry(e.unitId, e.checkId)?.note ?? '', `${e.unitId} ${e.subject}`).not.toContain(e.subject);
    expect(entry('weijianti', 'decisions.catalog')?.value).toBe(0); // last year's 目录 republished this year
    expect(entry('minzheng', 'decisions.catalog')?.value).toBe(3); // 目录 without a year in its title, dated this year
    expect(entry('miaoshang', 'guide.incomplete')?.note).toContain('联系电话');
  });

  it('writes ground-truth.json', async () => {
    const portal = await startSamplePortal();
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'zwgk-sample-')), 'ground-truth.json');
      writeGroundTruth(portal, file);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { unitId: string; checkId: string; count: number; note: string }[];
      expect(parsed).toEqual(portal.groundTruth);
      expect(parsed.every((e) => typeof e.note === 'string' && e.note.length > 0)).toBe(true);
    } finally {
      await portal.close();
    }
  });
});
