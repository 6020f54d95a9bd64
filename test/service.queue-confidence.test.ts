// Each finding row of the review queue, the unit page and the queue's Excel export shows its confidence with the
// check's reason (低（需人工核实） for indirect evidence), escaped as any stored text.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../config/index.ts';
import { createApp, createServiceContext } from '../service/index.ts';
import { createSession, createUser, type Store } from '../store/index.ts';
import { addRun, CONFIG_YAML, finding, tempStore } from './fixtures/scoring/helpers.ts';

const HOSTILE_REASON = '只找到<img src=x onerror=alert(1)>附近的“联系电话”，号码与标签不在同一行';
let store: Store;
let dir: string;
let app: ReturnType<typeof createApp>;
let evaluator: string;
let unitUser: string;

beforeAll(() => {
  ({ store, dir } = tempStore());
  const now = new Date('2024-01-10T02:00:00Z');
  const config = parseCountyConfig(CONFIG_YAML, 'test.yaml');
  const ctx = createServiceContext(
    { dbPath: '', config, configPath: 'test.yaml', outDir: dir, now: () => now, log: () => undefined },
    store,
  );
  app = createApp(ctx, { secureCookies: false });
  createUser(store, { username: 'pingshen', role: 'evaluator', password: 'correct-horse-1' });
  createUser(store, { username: 'yishi', role: 'unit', unitId: 'yishi', password: 'correct-horse-1' });
  const low = finding({
    unitId: 'yishi',
    checkId: 'functions.incomplete',
    indicator: 'functions',
    column: 'functions',
    subject: '联系电话',
  });
  const high = finding({ unitId: 'yishi', checkId: 'budget.missing', indicator: 'budget', column: 'budget', subject: '预算' });
  addRun(store, {
    asOf: '2023-12-15',
    findings: [
      { ...low, confidence: 'low', confidenceReason: HOSTILE_REASON, suggestedPoints: -1 },
      { ...high, confidence: 'high', confidenceReason: '按检查规则的直接证据判定', suggestedPoints: -4 },
    ],
  });
  evaluator = `zwgk_session=${createSession(store, 1, 3_600_000, now).token}`;
  unitUser = `zwgk_session=${createSession(store, 2, 3_600_000, now).token}`;
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
const rowOf = (html: string, text: string) => html.split('<tr>').find((r) => r.includes(text) && r.includes('</td>')) ?? '';

describe('confidence and its reason on every finding row', () => {
  it('the review queue shows 低（需人工核实） with the reason, escaped, and 高 with its own reason', async () => {
    const res = await get('/queue', evaluator);
    expect(res.status).toBe(200);
    const html = await res.text();
    const lowRow = rowOf(html, '联系电话');
    expect(lowRow).toContain('低（需人工核实）');
    expect(lowRow).toContain('只找到&lt;img src=x onerror=alert(1)&gt;附近的“联系电话”，号码与标签不在同一行');
    expect(html).not.toContain('<img src=x');
    const highRow = rowOf(html, '预算');
    expect(highRow).toMatch(/<td>高<br><small class="muted confidence-reason">按检查规则的直接证据判定<\/small><\/td>/);
  });

  it("the unit's own page shows the same", async () => {
    const html = await (await get('/unit', unitUser)).text();
    const lowRow = rowOf(html, '联系电话');
    expect(lowRow).toContain('低（需人工核实）');
    expect(lowRow).toContain('号码与标签不在同一行');
    expect(html).not.toContain('<img src=x');
  });

  it('the Excel 审核表 carries the reason in the 置信度 cell as plain text', async () => {
    const res = await get('/queue/export.xlsx', evaluator);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    const file = join(dir, 'queue.xlsx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审核表')!;
    const col = (ws.getRow(1).values as unknown[]).indexOf('置信度');
    const cells = [...Array(ws.rowCount - 1).keys()].map((i) => String(ws.getRow(i + 2).getCell(col).value));
    expect(cells).toContain(`低（需人工核实）：${HOSTILE_REASON}`);
    expect(cells).toContain('高：按检查规则的直接证据判定');
  });
});
