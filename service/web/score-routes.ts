// Score drafts: the county table and grades for evaluators, one unit's draft for that unit (and the evaluators).
import { Hono } from 'hono';
import type { ScoresFile } from '../../scoring/index.ts';
import { canAccessUnit, type AuthEnv } from './auth.ts';
import { EVALUATORS, EVERYONE } from './roles.ts';
import { gradesPage, scoresPage, unitScorePage } from './views/scores.ts';
import type { WebDeps } from './web-deps.ts';

export function scoreRoutes({ kit, role }: WebDeps, scores: () => ScoresFile): Hono<AuthEnv> {
  const r = new Hono<AuthEnv>();
  r.get('/scores', role(EVALUATORS), (c) => kit.render(c, '评分草稿', scoresPage(scores())));
  r.get('/scores/:unit', role(EVERYONE), (c) => {
    const unitId = c.req.param('unit');
    if (!canAccessUnit(c.get('user'), unitId)) return kit.notFound(c);
    const s = scores().units.find((x) => x.unitId === unitId);
    if (!s) return kit.notFound(c);
    return kit.render(c, `${s.unitName} 评分草稿`, unitScorePage(s));
  });
  r.get('/grades', role(EVALUATORS), (c) => kit.render(c, '等次总览', gradesPage(scores())));
  return r;
}
