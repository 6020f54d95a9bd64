// 人工录入: evaluators enter what no crawl can see (occurrences, points, a level) against a rubric row or an extra target.
import { Hono, type Context } from 'hono';
import { addManualEntries, listManualEntries } from '../../store/index.ts';
import { extraTargets, manualEntryProblems, manualRowsForUnit } from '../../scoring/index.ts';
import type { AuthEnv } from './auth.ts';
import { unitName } from './data.ts';
import { csrfOf, formNumber, formText } from './page-kit.ts';
import { EVALUATORS } from './roles.ts';
import { manualPage } from './views/pages.ts';
import type { WebDeps } from './web-deps.ts';

export function manualRoutes({ ctx, kit, role }: WebDeps): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  const unitOptions = (): [string, string][] => ctx.config.units.map((x) => [x.id, x.name]);
  const manualTargets = (): [string, string][] => {
    const rows = new Map<string, string>();
    for (const unit of ctx.config.units)
      for (const row of manualRowsForUnit(ctx.rubric, unit)) rows.set(row.id, `${row.level2} ${row.level3}`.trim());
    for (const x of extraTargets(ctx.rubric)) rows.set(x.target, x.label);
    return [...rows];
  };
  const page = (c: Context<AuthEnv>) => {
    const entries = listManualEntries(ctx.store, { year: ctx.config.year }).reverse();
    return manualPage(entries, unitOptions(), manualTargets(), csrfOf(c), (id) => unitName(ctx, id));
  };

  r.get('/manual', role(EVALUATORS), (c) => kit.render(c, '人工录入', page(c)));
  r.post('/manual', role(EVALUATORS), async (c) => {
    const f = await formText(c);
    const entry = {
      year: ctx.config.year,
      unitId: f.unitId ?? '',
      target: f.target ?? '',
      occurrences: formNumber(f.occurrences),
      points: formNumber(f.points),
      levelId: f.levelId?.trim() || null,
      value: formNumber(f.value),
      note: (f.note ?? '').trim(),
      by: c.get('user').displayName,
      source: 'web',
    };
    const problems = manualEntryProblems(entry, { config: ctx.config, rubric: ctx.rubric });
    if (problems.length) return kit.render(c, '人工录入', page(c), 400, problems.map((p) => `${p.column}：${p.message}`).join('；'));
    addManualEntries(ctx.store, [entry]);
    return c.redirect('/manual?ok=manual', 303);
  });
  return r;
}
