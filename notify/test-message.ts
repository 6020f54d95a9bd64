// `zwgk notify --test`: one test message to every configured channel (or those of one unit), not recorded.
import type { CountyConfig } from '../config/index.ts';
import { officeChannels, unitChannels, type Channel } from './channels.ts';
import { Dispatcher } from './deliver.ts';
import { basicsOf } from './events.ts';
import { testMessage } from './messages.ts';

export interface TestResult {
  label: string;
  place: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export async function sendTestMessages(
  config: CountyConfig,
  opts: { unitId?: string; officeOnly?: boolean; env?: Record<string, string | undefined>; retryDelayMs?: number } = {},
): Promise<TestResult[]> {
  const env = opts.env ?? process.env;
  const channels: Channel[] = [];
  if (!opts.unitId) channels.push(...officeChannels(config, env));
  if (!opts.officeOnly)
    for (const u of config.units) if (!opts.unitId || u.id === opts.unitId) channels.push(...unitChannels(config, u.id, env));
  // no store: a test message is not part of the record
  const dispatcher = new Dispatcher({ config, log: () => {}, now: () => new Date(), env, retryDelayMs: opts.retryDelayMs });
  try {
    const b = basicsOf({ config });
    const results: TestResult[] = [];
    for (const ch of channels) {
      const r = await dispatcher.sendUnrecorded(ch, testMessage(b, ch.label));
      results.push({ label: ch.label, place: ch.place, ok: r.ok, attempts: r.attempts, error: r.error });
    }
    return results;
  } finally {
    dispatcher.close();
  }
}
