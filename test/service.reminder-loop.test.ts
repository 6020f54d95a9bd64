// The 整改 deadline reminder loop of `zwgk serve` (service/index.ts startServiceReminders): it looks a minute after
// start and then every hour, sends a unit one reminder once the 整改期限 is `reminderWorkdays` working days away, and
// never sends it again. The clock the loop reads and its timers are the test's; the webhook is a local server.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../checks/index.ts';
import { parseCountyConfig } from '../config/index.ts';
import { notifyReportsIssued } from '../notify/index.ts';
import { createServiceContext, startServiceReminders } from '../service/index.ts';
import { finishRun, listNotifications, openStore, recordDecision, saveFindings, startRun } from '../store/index.ts';

const paths: string[] = [];
const bodies: string[] = [];
let hook: Server;
let hookUrl: string;

beforeAll(async () => {
  hook = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      paths.push(new URL(req.url ?? '/', 'http://x').pathname);
      bodies.push(data);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => hook.close(r)));
afterEach(() => {
  vi.useRealTimers();
});

/** Lets real I/O (the webhook round trip) happen without touching the faked timers. */
async function settle(until: () => boolean, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!until() && performance.now() < end) await new Promise((r) => setImmediate(r));
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-reminder-'));
  const dbPath = join(dir, 'z.db');
  const store = openStore({ dbPath });
  const config = parseCountyConfig(
    `county: 试点县
year: 2023
units:
  - id: jyj
    name: 县教育局
    class: B
    home: http://127.0.0.1:9/jyj/
    notify: [{ type: wecom, webhook: "${hookUrl}/wecom/jyj?key=K" }]
  - { id: quiet, name: 县档案馆, class: B, home: http://127.0.0.1:9/quiet/ }
`,
    'county.yaml',
  );
  const run = startRun(store, { county: '试点县', configPath: 'c.yaml', configHash: 'h', kind: 'inspection', asOf: '2023-12-15' });
  const open = {
    id: 'f1',
    key: 'f1',
    unitId: 'jyj',
    unitName: '县教育局',
    checkId: 'column.stale',
    indicator: 'notice.monthly',
    column: 'gzdt',
    subject: 'gzdt',
    kind: 'deduction',
    title: '“工作动态”栏目超过 14 天未更新',
    detail: '',
    occurrences: 1,
    suggestedPoints: -1,
    confidence: 'high',
    monthly: true,
    evidence: [],
    status: 'confirmed',
  } as Finding;
  saveFindings(store, run.id, [open]);
  finishRun(store, run.id, 'complete', {});
  recordDecision(store, { findingId: 'f1', action: 'confirm', by: '审核员', reason: '属实', source: 'web' });
  const clock = { now: new Date('2023-12-20T02:00:00Z'), reads: 0 };
  const ctx = createServiceContext(
    {
      dbPath,
      config,
      configPath: 'county.yaml',
      outDir: dir,
      now: () => {
        clock.reads++;
        return clock.now;
      },
      log: () => undefined,
    },
    store,
  );
  return { store, ctx, run, open, clock };
}

describe('the deadline reminder loop', () => {
  it('looks a minute after start and hourly, reminds once inside the window, and never twice', async () => {
    const { store, ctx, run, open, clock } = setup();
    // the unit was sent its 整改通知单 (10 working days: 整改期限 2023-12-29)
    await notifyReportsIssued(ctx, { runId: run.id, asOf: '2023-12-15', findings: [open], draft: false, deadline: '2023-12-29' });
    expect(paths).toEqual(['/wecom/jyj']);
    paths.length = 0;
    bodies.length = 0;
    clock.reads = 0;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const loop = startServiceReminders(ctx);
    try {
      await vi.advanceTimersByTimeAsync(59_999);
      expect(clock.reads).toBe(0); // nothing looked yet
      await vi.advanceTimersByTimeAsync(1);
      await settle(() => false, 200);
      expect(clock.reads).toBeGreaterThan(0); // looked at one minute: 7 working days left, too early
      expect(paths).toEqual([]);

      clock.now = new Date('2023-12-27T02:00:00Z'); // 2 working days before the deadline
      const readsBefore = clock.reads;
      await vi.advanceTimersByTimeAsync(3_600_000 - 60_000 - 1);
      expect(clock.reads).toBe(readsBefore); // the next look is on the hour
      await vi.advanceTimersByTimeAsync(1);
      await settle(() => paths.length > 0);
      expect(paths).toEqual(['/wecom/jyj']);
      const content = (JSON.parse(bodies[0]!) as { markdown: { content: string } }).markdown.content;
      expect(content).toContain('县教育局');
      expect(content).toContain('2023年12月29日');
      expect(content).toContain('“工作动态”栏目超过 14 天未更新');

      // two more hourly looks: the record keeps the reminder from going out again
      for (let i = 0; i < 2; i++) {
        const reads = clock.reads;
        await vi.advanceTimersByTimeAsync(3_600_000);
        await settle(() => false, 200);
        expect(clock.reads).toBeGreaterThan(reads);
      }
      expect(paths).toEqual(['/wecom/jyj']);
      const sent = listNotifications(store, { limit: 50 }).filter((n) => n.eventKey.startsWith('reminder:'));
      expect(sent.map((n) => [n.eventKey, n.state])).toEqual([[`reminder:run-${run.id}:jyj`, 'sent']]);
    } finally {
      loop.stop();
    }
    // stopped: no more looks
    const reads = clock.reads;
    await vi.advanceTimersByTimeAsync(7_200_000);
    expect(clock.reads).toBe(reads);
    store.close();
  }, 30_000);
});
