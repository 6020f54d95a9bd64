import PQueue from 'p-queue';

// Units run per host, not per run: on a county portal all units share one host and this is the old single queue;
// on a city or province config (one portal per county) every host keeps its own units moving while a slow host
// waits out its politeness, instead of a handful of units (of one or two hosts) holding the whole run.

/**
 * At most this many units in flight over all hosts (a memory guard: each holds its open pages' results and its
 * queued requests); above it, hosts wait in turn. bench:province at 100 hosts × 4 units (docs/scaling.md): 128 left
 * about one unit per host, so the hosts sat idle between a unit's dependent pages (3.45× their politeness floor);
 * all 400 in flight took 1.86× and cost 120 MB more (main process 529 → 649 MB), ~0.5 MB a unit. 512 lets 128
 * county hosts keep 4 units each moving.
 */
const MAX_UNITS_IN_FLIGHT = 512;

interface UnitScheduler {
  /** Runs task when its host has a free unit slot and the run has one. */
  add<T>(host: string, task: () => Promise<T>): Promise<T>;
}

export function createUnitScheduler(opts: { perHost: number; total?: number }): UnitScheduler {
  const all = new PQueue({ concurrency: opts.total ?? MAX_UNITS_IN_FLIGHT });
  const hosts = new Map<string, PQueue>();
  return {
    add<T>(host: string, task: () => Promise<T>): Promise<T> {
      let q = hosts.get(host);
      if (!q) hosts.set(host, (q = new PQueue({ concurrency: opts.perHost })));
      return q.add(() => all.add(task));
    },
  };
}

/**
 * The items in turns over their hosts (every host's first, then every host's second …), each host's own order kept:
 * added in this order, the first units under the cap span all hosts instead of filling it with the first few.
 */
export function interleaveByHost<T>(items: T[], hostOf: (item: T) => string): T[] {
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item);
    byHost.set(host, [...(byHost.get(host) ?? []), item]);
  }
  const lists = [...byHost.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/** The host a unit's crawl is paced by: its home page's (column overrides and feeds on other hosts share it). */
export function unitHost(home: string): string {
  try {
    return new URL(home).host;
  } catch {
    return home;
  }
}
