// 站点无法访问 (19号 V2): share of failed availability probes over the monitoring week.
import { vetoThreshold } from '../config/index.ts';
import type { ProbeRecord } from '../store/index.ts';
import { makeSiteFinding, shanghaiDay, unverifiedNotes } from './site-finding.ts';
import type { SiteCheckInput, SiteFinding } from './site-types.ts';
import { errorLabel } from './site.ts';

/** The monitoring window ending with asOf (Asia/Shanghai days), as ISO instants [from, to). */
export function availabilityWindow(asOf: string, days: number): { from: string; to: string } {
  const end = Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000;
  return { from: new Date(end - days * 86_400_000).toISOString(), to: new Date(end).toISOString() };
}

export interface AvailabilityShare {
  probes: number; // probes run (source 'probe') in the window
  counted: number; // excluding those our own network could not make
  failed: number;
  networkDown: number;
  unverifiedFailures: number; // failures with no reference address asked
  share: number; // failed / counted (0 when nothing counted)
  perDay: Record<string, number>; // counted probes per Shanghai day
  level: 'veto' | 'warning' | 'ok' | 'none';
}

export function availabilityShare(
  probes: readonly ProbeRecord[],
  window: { from: string; to: string },
  vetoShare: number,
  warnShare: number,
): AvailabilityShare {
  const inWindow = probes.filter((p) => p.source === 'probe' && p.at >= window.from && p.at < window.to);
  const counted = inWindow.filter((p) => !p.networkDown);
  const failed = counted.filter((p) => !p.ok);
  const perDay: Record<string, number> = {};
  for (const p of counted) perDay[shanghaiDay(p.at)] = (perDay[shanghaiDay(p.at)] ?? 0) + 1;
  const share = counted.length ? failed.length / counted.length : 0;
  // Compared in whole probes, so that 5 % of 100 is 5 failures exactly, not a float just below it.
  const atLeast = (limit: number) => failed.length * 1e6 >= Math.round(limit * 1e6) * counted.length;
  const level = counted.length === 0 ? 'none' : atLeast(vetoShare) ? 'veto' : atLeast(warnShare) && failed.length > 0 ? 'warning' : 'ok';
  return {
    probes: inWindow.length,
    counted: counted.length,
    failed: failed.length,
    networkDown: inWindow.length - counted.length,
    unverifiedFailures: failed.filter((p) => !p.referenceChecked).length,
    share,
    perDay,
    level,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function checkAvailability(input: SiteCheckInput): SiteFinding[] {
  const { table, site, asOf } = input;
  const t = {
    monitorDays: vetoThreshold(table, 'site.availability', 'monitorDays'),
    probesPerDay: vetoThreshold(table, 'site.availability', 'probesPerDay'),
    vetoShare: vetoThreshold(table, 'site.availability', 'vetoShare'),
    warnShare: vetoThreshold(table, 'site.availability', 'warnShare'),
  };
  const window = availabilityWindow(asOf, t.monitorDays.value);
  const s = availabilityShare(input.probes, window, t.vetoShare.value, t.warnShare.value);
  const fullDays = Object.values(s.perDay).filter((n) => n >= t.probesPerDay.value).length;
  const coverageComplete = fullDays >= t.monitorDays.value;
  const summary =
    `${shanghaiDay(window.from)} 至 ${asOf} 共探测 ${s.probes} 次，计入 ${s.counted} 次，失败 ${s.failed} 次（${pct(s.share)}）` +
    `${s.networkDown ? `；另有 ${s.networkDown} 次因本机网络中断（参照地址也无法访问）未计入` : ''}` +
    `${s.unverifiedFailures ? `；${s.unverifiedFailures} 次失败未能用参照地址排除本机网络原因` : ''}`;
  const coverage = coverageComplete
    ? ''
    : `监测不足：达到每天 ${t.probesPerDay.value} 次的只有 ${fullDays} 天（要求 ${t.monitorDays.value} 天），结论需人工确认。`;
  if (s.level === 'none') {
    return [
      makeSiteFinding(site, table, {
        checkId: 'site.availability',
        effect: 'info',
        subject: site.home,
        title: `${site.name}本周无可用性探测记录`,
        detail: `${shanghaiDay(window.from)} 至 ${asOf} 没有计入的探测，无法判断"站点无法访问"；请运行 zwgk serve 或由系统定时任务执行 zwgk probe --once。`,
        confidence: 'low',
        evidence: [],
      }),
    ];
  }
  if (s.level === 'ok') {
    if (coverageComplete) return [];
    // No failure seen, but too few probes to show the site meets 19号: say so rather than stay silent.
    return [
      makeSiteFinding(site, table, {
        checkId: 'site.availability',
        effect: 'info',
        subject: `监测不足:${site.home}`,
        title: `${site.name}可用性探测次数不足，尚不能证明"站点无法访问"达标`,
        detail: `${summary}。${coverage}请保持 zwgk serve 运行，或由系统定时任务每天至少 ${t.probesPerDay.value} 次执行 zwgk probe --once。`,
        confidence: 'low',
        evidence: [],
      }),
    ];
  }
  const failures = input.probes.filter((p) => p.source === 'probe' && !p.ok && !p.networkDown && p.at >= window.from && p.at < window.to);
  const classes = new Map<string, number>();
  for (const p of failures) classes.set(errorLabel(p.errorClass, p.status), (classes.get(errorLabel(p.errorClass, p.status)) ?? 0) + 1);
  const byClass = [...classes].map(([k, n]) => `${k} ${n} 次`).join('，');
  const veto = s.level === 'veto';
  return [
    makeSiteFinding(site, table, {
      checkId: 'site.availability',
      effect: veto ? 'veto' : 'warning',
      subject: veto ? site.home : `预警:${site.home}`,
      title: veto ? `${site.name}首页无法访问比例达到单项否决线` : `${site.name}首页无法访问比例接近单项否决线（预警）`,
      detail: `${summary}。失败原因：${byClass}。19号"站点无法访问"：首页超过 ${vetoThreshold(table, 'site.availability', 'timeoutSeconds').value} 秒打不开即为失败，失败占比达 ${pct(t.vetoShare.value)} 单项否决${veto ? '' : `；已达预警线 ${pct(t.warnShare.value)}`}。${coverage}`,
      occurrences: s.failed,
      confidence: coverageComplete && s.unverifiedFailures === 0 ? 'high' : 'low',
      unverified: unverifiedNotes(veto ? { vetoShare: t.vetoShare } : { warnShare: t.warnShare }),
      evidence: failures.slice(0, 10).map((p) => ({
        url: site.home,
        excerpt: `${p.at} ${errorLabel(p.errorClass, p.status)}${p.message ? `：${p.message}` : ''}`,
        snapshot: null,
        fetchedAt: p.at,
      })),
    }),
  ];
}
