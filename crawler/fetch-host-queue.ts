import PQueue from 'p-queue';

// Politeness is per host, not per unit: all units on the county portal share one queue.

export interface HostQueues {
  /** Runs task in the host's queue; a higher priority (a retry) goes before waiting tasks, never past the concurrency. */
  run<T>(host: string, task: () => Promise<T>, priority?: number): Promise<T>;
  idle(): Promise<void>;
}

export function createHostQueues(opts: {
  concurrencyPerHost: number;
  delayMs: number;
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
}): HostQueues {
  const now = opts.now ?? Date.now;
  const queues = new Map<string, PQueue>();
  const nextStart = new Map<string, number>();

  function queueFor(host: string): PQueue {
    let q = queues.get(host);
    if (!q) {
      q = new PQueue({ concurrency: opts.concurrencyPerHost });
      queues.set(host, q);
    }
    return q;
  }

  // Reserves the next start slot synchronously, so that concurrent tasks space out by delayMs.
  async function waitForSlot(host: string): Promise<void> {
    if (opts.delayMs <= 0) return;
    const t = now();
    const slot = Math.max(t, nextStart.get(host) ?? 0);
    nextStart.set(host, slot + opts.delayMs);
    if (slot > t) await opts.sleep(slot - t);
  }

  return {
    async run<T>(host: string, task: () => Promise<T>, priority = 0): Promise<T> {
      return queueFor(host).add(
        async () => {
          await waitForSlot(host);
          return task();
        },
        { priority },
      ) as Promise<T>;
    },
    async idle(): Promise<void> {
      await Promise.all([...queues.values()].map((q) => q.onIdle()));
    },
  };
}
