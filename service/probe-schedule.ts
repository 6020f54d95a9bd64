// When availability probes run: perDay probes a day, one in each equal slot of the day, at a random point inside
// the slot's middle half, so probes are spread (19号: "间隔访问") and do not fall on the same minutes every day.

const DAY_MS = 86_400_000;

/** Probe times (epoch ms) for the day starting at dayStart, ascending. random() in [0, 1). */
export function probeTimesForDay(dayStart: number, perDay: number, random: () => number = Math.random): number[] {
  const slot = DAY_MS / perDay;
  return Array.from({ length: perDay }, (_, i) => Math.floor(dayStart + i * slot + slot * (0.25 + 0.5 * random())));
}

interface ProbeLoopOptions {
  perDay: number;
  timezoneOffsetMinutes: number; // day boundaries (Asia/Shanghai: 480)
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  random?: () => number;
  probe: (at: number) => Promise<void>;
  log?: (line: string) => void;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs probes at their times, day after day. Each day's times come from a generator seeded with the day and a salt
 * drawn once, so the plan needs no state and a restart keeps the day's times. Independent of the job scheduler:
 * a long crawl never delays a probe.
 */
export class ProbeLoop {
  private handle: unknown = null;
  private stopped = false;
  private readonly salt: number;

  constructor(private readonly opts: ProbeLoopOptions) {
    this.salt = Math.floor((opts.random ?? Math.random)() * 2 ** 31);
  }

  /** The local day's start (epoch ms) containing t. */
  dayOf(t: number): number {
    const off = this.opts.timezoneOffsetMinutes * 60_000;
    return Math.floor((t + off) / DAY_MS) * DAY_MS - off;
  }

  timesForDay(dayStart: number): number[] {
    return probeTimesForDay(dayStart, this.opts.perDay, seeded((dayStart / 60_000) ^ this.salt));
  }

  /** The next probe time after t. */
  nextAfter(t: number): number {
    const day = this.dayOf(t);
    return [...this.timesForDay(day), ...this.timesForDay(day + DAY_MS)].find((x) => x > t)!;
  }

  start(): void {
    this.stopped = false;
    this.arm(this.opts.now());
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.opts.clearTimer(this.handle);
    this.handle = null;
  }

  private arm(after: number): void {
    if (this.stopped) return;
    const next = this.nextAfter(Math.max(after, this.opts.now()));
    this.handle = this.opts.setTimer(
      () => {
        void this.fire(next);
      },
      Math.max(0, next - this.opts.now()),
    );
  }

  private async fire(at: number): Promise<void> {
    try {
      await this.opts.probe(at);
    } catch (err) {
      this.opts.log?.(`[探测] 失败：${err instanceof Error ? err.message : String(err)}`);
    }
    this.arm(at);
  }
}
