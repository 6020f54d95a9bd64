// The demo's history of the sample's own sites before the inspection: a first read of each home two weeks earlier
// and a week of availability probes at 24 a day, on a simulated clock (the demo cannot wait a week).
import { configuredSites, type CountyConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { observeSites, probeSitesOnce } from '../inspection/index.ts';

const DAY_MS = 86_400_000;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export async function runDemoSiteWeek(input: {
  config: CountyConfig;
  configDir: string;
  asOf: string;
  dbPath: string;
  setSiteDay: (day: string) => void;
  firstReadDaysBefore?: number;
}): Promise<{ probes: number }> {
  if (configuredSites(input.config).length === 0) return { probes: 0 };
  const store = openStore({ dbPath: input.dbPath });
  try {
    const base = { store, config: input.config, configDir: input.configDir };
    const firstDay = addDays(input.asOf, -(input.firstReadDaysBefore ?? 14));
    input.setSiteDay(firstDay);
    const firstAt = new Date(Date.parse(`${firstDay}T10:00:00+08:00`));
    await observeSites({ ...base, asOf: firstDay, runId: null, now: () => firstAt });
    const perDay = input.config.site?.probes.perDay ?? 24;
    let probes = 0;
    for (let d = -6; d <= 0; d++) {
      const day = addDays(input.asOf, d);
      input.setSiteDay(day);
      const start = Date.parse(`${day}T00:00:00+08:00`);
      for (let i = 0; i < perDay; i++) {
        // Spread over the day, a little off the slot's middle so that probes do not sit on round minutes.
        const at = new Date(start + ((i + 0.5) * DAY_MS) / perDay - ((i * 7919) % 600) * 1000);
        await probeSitesOnce({ ...base, asOf: day, now: () => at });
        probes++;
      }
    }
    input.setSiteDay(input.asOf);
    return { probes };
  } finally {
    store.close();
  }
}

/** The site-level findings of the demo against the sample's site truth, as a small table (per site and check id). */
export function formatSiteTruthTable(
  results: { siteId: string; findings: { siteId: string; checkId: string; effect: string; confidence: string }[] }[],
  truth: { siteId: string; checkId: string; effect: string; confidence: string; count: number }[],
): { table: string; exact: boolean } {
  const key = (x: { siteId: string; checkId: string; effect: string; confidence: string }) =>
    `${x.siteId} ${x.checkId} ${x.effect} ${x.confidence}`;
  const expected = new Map<string, number>();
  for (const t of truth) expected.set(key(t), (expected.get(key(t)) ?? 0) + t.count);
  const found = new Map<string, number>();
  for (const f of results.flatMap((r) => r.findings)) found.set(key(f), (found.get(key(f)) ?? 0) + 1);
  const keys = [...new Set([...expected.keys(), ...found.keys()])].sort();
  const rows = keys.map((k) => {
    const [site, check, effect, confidence] = k.split(' ');
    const e = expected.get(k) ?? 0;
    const f = found.get(k) ?? 0;
    return `${site.padEnd(8)} ${check.padEnd(24)} ${effect.padEnd(9)} ${confidence.padEnd(5)} ${String(e).padStart(4)} ${String(f).padStart(4)}  ${e === f ? '一致' : '不一致'}`;
  });
  const exact = keys.every((k) => (expected.get(k) ?? 0) === (found.get(k) ?? 0));
  return { table: [`${'网站'.padEnd(6)} ${'检查项'.padEnd(21)} ${'类别'.padEnd(7)} 置信度 应有 发现`, ...rows].join('\n'), exact };
}
