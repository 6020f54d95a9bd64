// The crawler follows a 标准目录's own links to where its items are published and records each place as
// catalog:<item name>; catalog.item-missing then judges each item by its place (fixtures modelled on 德安县
// 涉农资金领域 标准目录, test/fixtures/real-modelled/catalog/README.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { runInspection } from '../crawler/index.ts';
import { loadUnitObservations, openStore } from '../store/index.ts';
import { oneUnitCounty } from './helpers/county-config.ts';
import { makeCtx } from './fixtures/checks/build.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/real-modelled/catalog/${name}`, import.meta.url), 'utf8');
// the fixtures' links are under /zwgk/shimen/; the unit's home is /u/, so they are served there too
const PAGES: Record<string, string> = {
  '/u/bzml/': fixture('snzj-catalog.html'),
  '/zwgk/shimen/snzj/zjmx/': fixture('snzj-zjmx.html'),
  '/zwgk/shimen/snzj/fpjg/index.html': fixture('snzj-fpjg.html'),
};

let server: Server;
let dir: string;
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(url);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/u/') return void res.end('<html><body><div class="nav"><a href="/u/bzml/">基层政务公开标准目录</a></div></body></html>');
    if (PAGES[url]) return void res.end(PAGES[url]);
    res.end('<html><head><meta charset="utf-8"></head><body><div class="TRS_Editor"><p>正文内容，此件公开发布。</p></div></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  dir = mkdtempSync(join(tmpdir(), 'zwgk-catalog-places-'));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('following the 标准目录 to the places of its items', () => {
  it('reads the linked columns as catalog:<name> and judges each item by what is there', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = oneUnitCounty(origin);
    const store = openStore({ dbPath: join(dir, 'z.db') });
    try {
      const r = await runInspection({ store, config, configPath: 'test.yaml', asOf: '2024-12-31' });
      const obs = loadUnitObservations(store, r.run.id, ['shidian'])[0];
      const place = (key: string) => obs.columns.find((c) => c.columnKey === key);
      // only the links of the catalogue's table cells are places
      expect(
        obs.columns
          .filter((c) => c.columnKey.startsWith('catalog:'))
          .map((c) => c.columnKey)
          .sort(),
      ).toEqual(['catalog:资金分配结果', 'catalog:资金明细'].sort());
      expect(place('catalog:资金明细')?.items).toHaveLength(2);
      expect(place('catalog:资金分配结果')?.items).toHaveLength(0);
      expect(place('catalog:资金分配结果')?.placeholder).toBe('暂无信息');
      const findings = CHECKS.find((c) => c.id === 'catalog.item-missing')!.run(makeCtx(config, '2024-12-31'), config.units[0], obs);
      const by = new Map(findings.map((f) => [f.subject, f.confidence]));
      expect(by.has('资金明细')).toBe(false);
      expect(by.get('资金分配结果')).toBe('high');
      expect(by.get('政策文件')).toBe('low');
      expect(by.get('监督举报')).toBe('low');
    } finally {
      store.close();
    }
  }, 60_000);
});
