import { describe, expect, it } from 'vitest';
import { createUnitScheduler, interleaveByHost, unitHost } from '../crawler/unit-scheduler.ts';

/** Tasks that take 20 ms and record how many ran at once, per host and in all. */
function tracker() {
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  let total = 0;
  let peakTotal = 0;
  const task = (host: string) => async () => {
    running.set(host, (running.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host)!));
    peakTotal = Math.max(peakTotal, ++total);
    await new Promise((r) => setTimeout(r, 20));
    running.set(host, running.get(host)! - 1);
    total--;
    return host;
  };
  return { task, peak, peakTotal: () => peakTotal };
}

describe('unit scheduler', () => {
  it('keeps every host busy at once, each within its own limit', async () => {
    const t = tracker();
    const s = createUnitScheduler({ perHost: 2 });
    const hosts = ['a.gov.cn', 'b.gov.cn', 'c.gov.cn'];
    const all = hosts.flatMap((h) => Array.from({ length: 5 }, () => s.add(h, t.task(h))));
    expect((await Promise.all(all)).filter((h) => h === 'b.gov.cn')).toHaveLength(5);
    for (const h of hosts) expect(t.peak.get(h)).toBe(2);
    expect(t.peakTotal()).toBe(6); // two per host, not two for the whole run
  });

  it('caps the units in flight over all hosts', async () => {
    const t = tracker();
    const s = createUnitScheduler({ perHost: 4, total: 5 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.add(`h${i % 5}`, t.task(`h${i % 5}`))));
    expect(t.peakTotal()).toBe(5);
  });

  it('under the cap, every host gets a unit before any host gets a second', async () => {
    const order: string[] = [];
    const s = createUnitScheduler({ perHost: 3, total: 3 });
    const units = interleaveByHost(['a1', 'a2', 'a3', 'b1', 'b2', 'c1'], (u) => u[0]);
    expect(units).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    await Promise.all(
      units.map((u) =>
        s.add(u[0], async () => {
          order.push(u);
          await new Promise((r) => setTimeout(r, 5));
        }),
      ),
    );
    expect(order.slice(0, 3)).toEqual(['a1', 'b1', 'c1']);
  });

  it('passes a failing unit on to its caller and goes on with the rest', async () => {
    const s = createUnitScheduler({ perHost: 1 });
    const bad = s.add('a', async () => {
      throw new Error('首页无法访问');
    });
    const good = s.add('a', async () => 'ok');
    await expect(bad).rejects.toThrow('首页无法访问');
    expect(await good).toBe('ok');
  });

  it('paces a unit by its home page host (port included)', () => {
    expect(unitHost('http://127.0.0.2:8080/xxgk/')).toBe('127.0.0.2:8080');
    expect(unitHost('https://www.linyi.gov.cn/bm/jyj/')).toBe('www.linyi.gov.cn');
  });
});
