// Columns of a unit's navigation that no fixed key names (通知公告, 人事信息): 19号 counts every column of the site
// (栏目不更新 by kind: 通知公告/政策文件 6 个月, 人事/规划计划 1 年; 空白栏目). Which units carry them goes by unit
// index; the gap plan makes one stale, one blank and one late-looking but in time.
import type { Column, Item } from '../model.ts';
import type { Rng } from '../prng.ts';
import { addDays } from '../dates.ts';
import { place } from './rows.ts';
import type { GapPlan } from './plan.ts';

interface NavColumnSpec {
  label: string;
  slug: string;
  /** Update period of its kind (V4/V5), for the ground truth. */
  periodDays: number;
  titles: string[];
  gapDays: [number, number];
}

export const NAV_COLUMN_SPECS: NavColumnSpec[] = [
  {
    label: '通知公告',
    slug: 'tzgg',
    periodDays: 183,
    titles: [
      '关于做好{y}年冬季安全生产工作的通知',
      '关于调整办事大厅窗口设置的公告',
      '关于开展政务服务满意度调查的通知',
      '关于元旦期间值班安排的通知',
    ],
    gapDays: [9, 25],
  },
  {
    label: '人事信息',
    slug: 'rsxx',
    periodDays: 365,
    titles: ['{s}{y}年公开招聘工作人员拟聘用人员公示', '{s}干部任前公示', '{s}关于工作人员职务调整的通知'],
    gapDays: [60, 120],
  },
];

interface NavColumnDeps {
  rng: Rng;
  asOf: string;
  short: string;
  newColumn(key: string, label: string, slug: string): Column;
  newItem(title: string, date: string, extra: Partial<Item>): Item;
}

type NavColumnPlan = Pick<GapPlan, 'navStale' | 'navBlank' | 'navInTime'>;

/** The newest row's age: fresh by default; stale or late-but-in-time when planned. */
function newestAge(spec: NavColumnSpec, plan: NavColumnPlan, rng: Rng): number {
  if (plan.navStale?.includes(spec.label)) return spec.periodDays + rng.int(30, 60);
  if (plan.navInTime?.includes(spec.label)) return 240 + rng.int(0, 40);
  return rng.int(5, spec.periodDays === 183 ? 40 : 120);
}

export function navColumns(deps: NavColumnDeps, plan: NavColumnPlan): Column[] {
  return NAV_COLUMN_SPECS.map((spec) => {
    const col = deps.newColumn(`nav:${spec.label}`, spec.label, spec.slug);
    if (plan.navBlank?.includes(spec.label)) {
      col.placeholder = '暂无信息';
      return col;
    }
    let date = addDays(deps.asOf, -newestAge(spec, plan, deps.rng));
    const items: Item[] = [];
    for (let i = 0; i < 6; i++) {
      const title = deps.rng.pick(spec.titles).replaceAll('{s}', deps.short).replaceAll('{y}', date.slice(0, 4));
      items.push(deps.newItem(title, date, { body: [`${title.replace(/的(通知|公告|公示)$/, '')}，现予公布。`, '特此公告。'] }));
      date = addDays(date, -deps.rng.int(...spec.gapDays));
    }
    place(col, items);
    return col;
  });
}
