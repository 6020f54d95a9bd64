import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { availabilityShare, availabilityWindow, runSiteChecks } from '../checks/index.ts';
import { probeHome } from '../crawler/index.ts';
import { ProbeLoop, probeTimesForDay } from '../service/index.ts';
import { probesOver, siteInput } from './helpers/site-input.ts';

describe('availability probes', () => {
  it('a fake clock runs at least 20 spread, jittered probes a day', async () => {
    let now = Date.parse('2023-11-20T00:00:00+08:00');
    const fired: number[] = [];
    const timers: { at: number; fn: () => void }[] = [];
    let seed = 1;
    const loop = new ProbeLoop({
      perDay: 24,
      timezoneOffsetMinutes: 480,
      now: () => now,
      random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
      setTimer: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimer: () => undefined,
      probe: async (at) => {
        fired.push(at);
      },
    });
    loop.start();
    const end = now + 3 * 86_400_000;
    while (timers.length && now < end) {
      const t = timers.shift()!;
      now = t.at;
      t.fn();
      await new Promise((r) => setImmediate(r));
    }
    const perDay = new Map<number, number[]>();
    for (const t of fired.filter((x) => x < end)) perDay.set(loop.dayOf(t), [...(perDay.get(loop.dayOf(t)) ?? []), t]);
    expect(perDay.size).toBe(3);
    for (const times of perDay.values()) {
      expect(times.length).toBeGreaterThanOrEqual(20);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30 * 60_000 - 1); // spread: never two within half an hour
    }
    const [d1, d2] = [...perDay.values()];
    expect(d1.map((t) => t - loop.dayOf(t))).not.toEqual(d2.map((t) => t - loop.dayOf(t))); // jittered, not the same minutes daily
    expect(probeTimesForDay(0, 20, () => 0.5)).toHaveLength(20);
  });

  it('6 failures of 100 is a veto, 4 of 100 a warning, and network-down probes are not counted', () => {
    const asOf = '2023-11-24';
    const w = availabilityWindow(asOf, 7);
    expect(availabilityShare(probesOver(asOf, 100, 6), w, 0.05, 0.03)).toMatchObject({ counted: 100, failed: 6, level: 'veto' });
    expect(availabilityShare(probesOver(asOf, 100, 4), w, 0.05, 0.03)).toMatchObject({ failed: 4, level: 'warning' });
    expect(availabilityShare(probesOver(asOf, 100, 2), w, 0.05, 0.03).level).toBe('ok');
    // 10 more failures, all while our own network was down: still 4 of 100
    const down = probesOver(asOf, 10, 10, { networkDown: true });
    const s = availabilityShare([...probesOver(asOf, 100, 4), ...down], w, 0.05, 0.03);
    expect(s).toMatchObject({ probes: 110, counted: 100, networkDown: 10, failed: 4, level: 'warning' });
    const veto = runSiteChecks(siteInput({ probes: probesOver(asOf, 100, 6) })).find((f) => f.checkId === 'site.availability')!;
    expect(veto).toMatchObject({ effect: 'veto', item: 'V2', occurrences: 6, confidence: 'low' }); // 100 probes < 20 a day for 7 days
    expect(veto.detail).toContain('监测不足');
    const full = runSiteChecks(siteInput({ probes: probesOver(asOf, 140, 8) })).find((f) => f.checkId === 'site.availability')!;
    expect(full).toMatchObject({ effect: 'veto', confidence: 'high' });
    const warn = runSiteChecks(siteInput({ probes: [...probesOver(asOf, 100, 4), ...down] })).find(
      (f) => f.checkId === 'site.availability',
    )!;
    expect(warn.effect).toBe('warning');
    expect(warn.detail).toContain('10 次因本机网络中断');
  });

  it('a probe fetches the whole home within the limit, classifies failures and tells our network from the site', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/slow') {
        setTimeout(() => res.end('<html></html>'), 800);
        return;
      }
      if (req.url === '/500') {
        res.statusCode = 500;
        res.end('x');
        return;
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><body><ul><li><a href="/a.html">县政府召开全体会议部署工作</a> 2023-11-20</li></ul></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await probeHome('p', `${base}/`, { timeoutMs: 500, referenceUrls: [], asOf: '2023-11-24' });
      expect(ok.record).toMatchObject({ ok: true, status: 200, networkDown: false });
      expect(ok.facts?.datedItems[0]).toMatchObject({ date: '2023-11-20' });
      const slow = await probeHome('p', `${base}/slow`, { timeoutMs: 300, referenceUrls: [`${base}/`], asOf: '2023-11-24' });
      expect(slow.record).toMatchObject({ ok: false, errorClass: 'timeout', networkDown: false, referenceChecked: true });
      const err = await probeHome('p', `${base}/500`, { timeoutMs: 500, referenceUrls: [], asOf: '2023-11-24' });
      expect(err.record).toMatchObject({ ok: false, status: 500, errorClass: 'http_status', referenceChecked: false });
      // Nothing answers on a closed port: the site and the reference both fail to connect — our network is down.
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
      await new Promise<void>((r) => closed.close(() => r()));
      const down = await probeHome('p', dead, { timeoutMs: 500, referenceUrls: [dead], asOf: '2023-11-24' });
      expect(down.record).toMatchObject({ ok: false, errorClass: 'refused', networkDown: true });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
