import cliProgress from 'cli-progress';
import type { ProgressSink } from '../crawler/index.ts';

/** Seconds as a person says them: 45 秒, 3 分 20 秒, 1 小时 5 分. */
export function durationZh(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分${s % 60 ? ` ${s % 60} 秒` : ''}`;
  return `${Math.floor(s / 3600)} 小时${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} 分` : ''}`;
}

/** Time left from the pace so far (units finished in this process), or null before the first one. */
export function estimateLeft(startedAt: number, now: number, doneHere: number, left: number): number | null {
  if (doneHere <= 0 || left <= 0) return left <= 0 ? 0 : null;
  return ((now - startedAt) / 1000 / doneHere) * left;
}

/** A progress bar on a TTY (unit names, units done, time left); nothing in CI or when output is piped. */
export function createProgress(
  unitNames: Map<string, string> = new Map(),
  stream: NodeJS.WriteStream = process.stderr,
): ProgressSink | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: '检查 [{bar}] {value}/{total} 个单位 | 预计还需 {left} | 首页无法访问 {failed} | 刚完成：{unit}',
      stream,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  let total = 0;
  let done = 0;
  let doneHere = 0;
  const startedAt = Date.now();
  return {
    start: (t, alreadyDone) => {
      total = t;
      done = alreadyDone;
      bar.start(t, alreadyDone, { failed, unit: '', left: '估算中' });
    },
    unitDone: (unitId, ok) => {
      if (!ok) failed++;
      done++;
      doneHere++;
      const left = estimateLeft(startedAt, Date.now(), doneHere, total - done);
      bar.increment({ failed, unit: unitNames.get(unitId) ?? unitId, left: left === null ? '估算中' : durationZh(left) });
    },
    stop: () => bar.stop(),
  };
}
