import cliProgress from 'cli-progress';
import type { ProgressSink } from '../crawler/index.ts';

/** A progress bar on a TTY; nothing in CI or when output is piped. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  const bar = new cliProgress.SingleBar({
    format: '抓取 [{bar}] {value}/{total} 个单位 | 无法访问 {failed} | {unit}',
    stream,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let failed = 0;
  return {
    start: (total, done) => bar.start(total, done, { failed, unit: '' }),
    unitDone: (unitId, ok) => {
      if (!ok) failed++;
      bar.increment({ failed, unit: unitId });
    },
    stop: () => bar.stop(),
  };
}
