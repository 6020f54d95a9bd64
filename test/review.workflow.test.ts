import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerReview } from '../cli/review.ts';
import { registerScore } from '../cli/score.ts';
import { listTrackedFindings, openStore, reviewHistory, type TrackedFinding } from '../store/index.ts';
import type { ScoresFile } from '../scoring/index.ts';
import { addRun, finding, runCli, tempStore, writeConfig } from './fixtures/scoring/helpers.ts';

const H = 'https://example.gov.cn';

describe('review workflow across two inspections', () => {
  it('keeps decisions, links new evidence, marks a fixed gap rectified only when its page was fetched OK', async () => {
    const { store, dbPath, dir } = tempStore();
    const config = writeConfig(dir);
    const cli = (args: string[]) => runCli([registerReview, registerScore], [...args, '--db', dbPath]);

    const a = finding({
      unitId: 'yishi',
      checkId: 'functions.incomplete',
      indicator: 'functions',
      column: 'functions',
      subject: '办公地址',
      suggestedPoints: -2,
    });
    const b = finding({
      unitId: 'yishi',
      checkId: 'column.blank',
      indicator: 'notice.monthly',
      column: 'deptInfo',
      subject: 'deptInfo',
      monthly: true,
    });
    const c = finding({ unitId: 'yishi', checkId: 'guide.incomplete', indicator: 'guide', column: 'guide', subject: '查阅场所' });
    const d = finding({
      unitId: 'niudu',
      checkId: 'budget.missing',
      indicator: 'budget',
      column: 'budget',
      subject: '预算',
      suggestedPoints: -4,
    });
    const e = finding({
      unitId: 'niudu',
      checkId: 'link.broken',
      indicator: 'notice.monthly',
      subject: `${H}/niudu/list.html`,
      monthly: true,
      occurrences: 2,
    });
    const g = finding({
      unitId: 'niudu',
      checkId: 'catalog.item-missing',
      indicator: 'catalog',
      subject: '财政预决算',
      suggestedPoints: -0.5,
    });
    const run1 = addRun(store, {
      asOf: '2023-03-10',
      findings: [a, b, c, d, e, g],
      pages: [
        ['yishi', 'home', null, `${H}/yishi/`, true],
        ['niudu', 'home', null, `${H}/niudu/`, true],
      ],
    });

    await cli(['review', 'confirm', a.id, '--by', '张三']);
    await cli(['review', 'confirm', b.id, '--by', '张三', '--reason', '栏目空白属实']);
    await cli(['review', 'dismiss', c.id, '--by', '李四', '--reason', '指南在附件中，已写明查阅场所']);
    const out = await cli([
      'review',
      'adjust',
      d.id,
      '--by',
      '李四',
      '--reason',
      '决算已公开，只缺预算',
      '--points',
      '-4',
      '--config',
      config,
    ]);
    expect(out).toContain('待审核 → 已调整');
    expect(await cli(['review', 'notices', '--run', String(run1)])).toContain('通报 1 个单位：yishi');

    // run 2: a and c again (new evidence); b gone and yishi's deptInfo list fetched OK; d gone but niudu's site is down;
    // e gone, niudu's home is down too
    const a2 = { ...a, evidence: [{ url: `${H}/yishi/jgzn-2.html`, excerpt: '机构职能（四月）', snapshot: 'abc' }] };
    const run2 = addRun(store, {
      asOf: '2023-04-10',
      findings: [a2, c],
      pages: [
        ['yishi', 'home', null, `${H}/yishi/`, true],
        ['yishi', 'list', 'deptInfo', `${H}/yishi/bmxx/`, true],
        ['yishi', 'list', 'functions', `${H}/yishi/jgzn/`, true],
        ['yishi', 'list', 'guide', `${H}/yishi/zn/`, true],
        ['niudu', 'home', null, `${H}/niudu/`, false],
      ],
    });
    // a failed run 3 sees nothing: it must not rectify anything
    addRun(store, {
      asOf: '2023-04-20',
      status: 'failed',
      findings: [],
      pages: [
        ['yishi', 'home', null, `${H}/yishi/`, true],
        ['yishi', 'list', 'functions', `${H}/yishi/jgzn/`, true],
        ['yishi', 'list', 'guide', `${H}/yishi/zn/`, true],
      ],
    });

    const list = JSON.parse(await cli(['review', 'list', '--json', '--config', config])) as TrackedFinding[];
    const byId = new Map(list.map((f) => [f.id, f]));
    const fa = byId.get(a.id)!;
    expect(fa.status).toBe('confirmed');
    expect(fa.lifecycle).toMatchObject({ phase: 'repeated', runs: [run1, run2] });
    expect(fa.evidence[0].url).toBe(`${H}/yishi/jgzn-2.html`);
    expect(fa.evidenceHistory.map((h) => h.runId)).toEqual([run1, run2]);
    expect(fa.unitName).toBe('猗氏镇政府');

    const fb = byId.get(b.id)!;
    expect(fb.status).toBe('rectified');
    expect(fb.lifecycle).toMatchObject({ phase: 'rectified', rectifiedRunId: run2 });
    expect(fb.review.status).toBe('confirmed'); // the decision stays in the history

    expect(byId.get(c.id)!.status).toBe('dismissed');
    expect(byId.get(c.id)!.lifecycle.phase).toBe('repeated');
    expect(byId.get(d.id)!.status).toBe('adjusted'); // unreachable page never counts as fixed
    expect(byId.get(d.id)!.lifecycle.phase).toBe('new');
    expect(byId.get(e.id)!.status).toBe('pending');
    expect(byId.get(g.id)!.status).toBe('pending'); // niudu's home was down in run 2: not fixed

    const rectified = await cli(['review', 'list', '--status', '已整改']);
    expect(rectified).toContain(b.id);
    expect(rectified).toContain('共 1 条');
    const onlyNiudu = await cli(['review', 'list', '--unit', 'niudu']);
    expect(onlyNiudu).toContain('共 3 条');

    // the annual score: a −2 (confirmed, still open), b is rectified but March stays 通报, d −4, c dismissed
    const outDir = join(dir, 'out');
    await cli(['score', '--config', config, '--year', '2023', '--as-of', '2023-12-15', '--out', outDir]);
    const scores = JSON.parse(readFileSync(join(outDir, 'scores.json'), 'utf8')) as ScoresFile;
    const yishi = scores.units.find((u) => u.unitId === 'yishi')!;
    const ind = (u: typeof yishi, id: string) => u.indicators.find((i) => i.rowId === id)!;
    expect(ind(yishi, 'functions').deduction).toBe(2);
    expect(ind(yishi, 'functions').basis[0]).toMatchObject({ findingId: a.id, url: `${H}/yishi/jgzn-2.html`, status: 'confirmed' });
    expect(ind(yishi, 'guide').deduction).toBe(0);
    expect(ind(yishi, 'notice.monthly').deduction).toBe(1);
    expect(ind(yishi, 'notice.monthly').basis[0].text).toContain('2023-03');
    const niudu = scores.units.find((u) => u.unitId === 'niudu')!;
    expect(ind(niudu, 'budget').deduction).toBe(4);
    expect(ind(niudu, 'notice.monthly').pendingDeduction).toBe(1); // e is pending: March would be 通报 if confirmed
    expect(niudu.totalIfPendingConfirmed).toBe(niudu.total - 1.5); // e's month and g's −0.5
    expect(scores.year).toBe(2023);
    expect(scores.grades.A.total).toBe(2);
    store.close();
  });

  it('the review log is append-only and the history shows before/after', async () => {
    const { store, dbPath } = tempStore();
    const a = finding({ unitId: 'yishi', checkId: 'guide.incomplete', indicator: 'guide', subject: '网址' });
    addRun(store, { asOf: '2023-05-01', findings: [a] });
    await runCli([registerReview], ['review', 'dismiss', a.id, '--by', '张三', '--reason', '误报', '--db', dbPath]);
    await runCli([registerReview], ['review', 'confirm', a.id, '--by', '王五', '--reason', '复核后确认', '--db', dbPath]);
    const s2 = openStore({ dbPath });
    const history = reviewHistory(s2, a.id);
    expect(history.map((h) => [h.before.status, h.after.status, h.by])).toEqual([
      ['pending', 'dismissed', '张三'],
      ['dismissed', 'confirmed', '王五'],
    ]);
    expect(() => s2.db.prepare('UPDATE review_log SET reason = ?').run('改写')).toThrow(/append-only/);
    expect(() => s2.db.prepare('DELETE FROM review_log').run()).toThrow(/append-only/);
    expect(listTrackedFindings(s2)[0].status).toBe('confirmed');
    const shown = await runCli([registerReview], ['review', 'history', a.id, '--db', dbPath]);
    expect(shown).toContain('已驳回 → 已确认');
    s2.close();
    store.close();
  });
});
