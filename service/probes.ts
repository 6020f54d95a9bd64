// Availability probes under `zwgk serve`: their own timer (not a scheduler job), so a monthly crawl holding the
// job mutex never delays or skips a probe — 19号 wants at least 20 a day at intervals.
import { dirname } from 'node:path';
import { configuredSites } from '../config/index.ts';
import { probeSitesOnce } from '../inspection/index.ts';
import type { ServiceContext } from './context.ts';
import { ProbeLoop } from './probe-schedule.ts';

export function startProbeLoop(ctx: ServiceContext): ProbeLoop | null {
  if (!ctx.config.site && configuredSites(ctx.config).length === 0) return null;
  const loop = new ProbeLoop({
    perDay: ctx.config.site?.probes.perDay ?? 24,
    timezoneOffsetMinutes: 480,
    now: () => ctx.now().getTime(),
    setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    log: ctx.log,
    probe: async () => {
      const results = await probeSitesOnce({
        store: ctx.store,
        config: ctx.config,
        configDir: dirname(ctx.configPath),
        asOf: ctx.asOf(),
        now: ctx.now,
      });
      for (const r of results)
        if (!r.ok) ctx.log(`[探测] ${r.site.name}：${r.networkDown ? '本机网络中断，不计入' : `失败 ${r.message ?? ''}`}`);
    },
  });
  loop.start();
  ctx.log(`[探测] 门户可用性探测已启动：每天 ${ctx.config.site?.probes.perDay ?? 24} 次`);
  return loop;
}
