// The demo's history of the sample's own sites before the inspection: a first read of each home two weeks earlier
// and a week of availability probes at 24 a day, on a simulated clock (the demo cannot wait a week).
import { configuredSites, type CountyConfig } from '../config/index.ts';
import { openStore } from '../store/index.ts';
import { observeSites, probeSitesOnce } from './site-selfcheck.ts';

const DAY_MS = 86_400_000;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export async function runDemoSiteWeek(input: {
  config: CountyConfig; configDir: string; asOf: string; dbPath: string; setSiteDay: (day: string) => void; firstReadDaysBefore?: number;
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
