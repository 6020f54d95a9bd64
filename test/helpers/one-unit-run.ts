import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CountyConfig } from '../../config/index.ts';
import { runInspection } from '../../crawler/index.ts';
import { loadUnitObservations, openStore, type UnitObservations } from '../../store/index.ts';

/**
 * One whole inspection of `config` (crawl → store) in a fresh store under a temporary folder, which is pushed to
 * `dirs` for the caller's clean-up; returns the observations of the config's first unit, read back from the store.
 */
export async function inspectFirstUnit(config: CountyConfig, asOf: string, dirs: string[]): Promise<UnitObservations> {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-unit-'));
  dirs.push(dir);
  const store = openStore({ dbPath: join(dir, 'z.db') });
  try {
    const r = await runInspection({ store, config, configPath: 'test.yaml', asOf });
    return loadUnitObservations(store, r.run.id, [config.units[0].id])[0];
  } finally {
    store.close();
  }
}
