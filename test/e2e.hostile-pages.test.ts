// Issue 15: one inspection of a county whose sites are slow, hostile or broken in every way the issue names. The
// run ends complete, every healthy unit's findings are written and every fault is recorded with its page or unit.
// Peak memory of this run against a normal one, measured the same way: bench/hostile-rss.ts.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseCountyConfig } from '../config/index.ts';
import { inspectCounty } from '../inspection/index.ts';
import { startHostileCounty, type HostileCounty } from '../bench/hostile-county.ts';

let county: HostileCounty | undefined;
afterAll(async () => county?.close());

describe('one inspection of hostile and broken sites', () => {
  it("ends complete with every healthy unit's findings and every fault recorded per page or unit", async () => {
    county = await startHostileCounty();
    const { main, trickle } = county;
    const config = parseCountyConfig(county.configYaml, 'hostile.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-hostile-'));
    try {
      const dbPath = join(dir, 'z.db');
      let peakRss = 0;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const started = Date.now();
      const lines: string[] = [];
      const outcome = await inspectCounty({
        config,
        configPath: 'hostile.yaml',
        asOf: '2023-12-15',
        dbPath,
        outDir: dir,
        log: (l) => lines.push(l),
      });
      clearInterval(sampler);
      const seconds = (Date.now() - started) / 1000;
      console.log(`hostile inspection: ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB (test process)`);
      expect(outcome.status).toBe('complete');
      expect(seconds).toBeLessThan(40);

      const written = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as { unitId: string; checkId: string }[];
      const units = new Set(written.map((f) => f.unitId));
      for (const healthy of ['ok', 'ok2', 'links', 'pager', 'huge']) expect(units, healthy).toContain(healthy);
      expect(written.filter((f) => f.unitId === 'trickle').map((f) => f.checkId)).toEqual(['site.unreachable']);
      // units that could not be inspected have no findings either way, and say why
      expect(units).not.toContain('slow');
      expect(units).not.toContain('hugehome');

      const db = new Database(dbPath, { readonly: true });
      const faults = new Map(
        (db.prepare('SELECT unit_id, fault FROM unit_tasks WHERE fault IS NOT NULL').all() as { unit_id: string; fault: string }[]).map(
          (r) => [r.unit_id, r.fault],
        ),
      );
      expect([...faults.keys()].sort()).toEqual(['hugehome', 'slow']);
      expect(faults.get('slow')).toMatch(/超过总时限 0\.2 分钟/);
      expect(faults.get('hugehome')).toMatch(new RegExp(`首页无法解析.*${main.origin}/hugehome/.*时限`));
      const pageRow = (url: string) =>
        db.prepare('SELECT ok, error_class, error_message FROM pages WHERE url = ?').get(url) as {
          ok: number;
          error_class: string;
          error_message: string;
        };
      expect(pageRow(`${main.origin}/huge/zc/`)).toMatchObject({ ok: 0, error_class: 'unparsable' });
      expect(pageRow(`${main.origin}/huge/zc/`).error_message).toContain(`${main.origin}/huge/zc/`);
      expect(pageRow(`${trickle.origin}/trickle/`)).toMatchObject({ ok: 0, error_class: 'timeout' });
      const column = db
        .prepare("SELECT status, note FROM column_obs WHERE unit_id = 'huge' AND url = ?")
        .get(`${main.origin}/huge/zc/`) as { status: string; note: string };
      expect(column.status).toBe('unreachable');
      expect(column.note).toContain(`${main.origin}/huge/zc/`);
      // the pager's announced 99,999,999 pages were not believed: the column was read as far as maxListPages
      const pagerCol = db
        .prepare("SELECT status, total_pages_seen FROM column_obs WHERE unit_id = 'pager' AND url = ?")
        .get(`${main.origin}/pager/zc/`) as { status: string; total_pages_seen: number | null };
      expect(pagerCol.status).toBe('ok');
      expect(pagerCol.total_pages_seen).toBeNull();
      const run = db.prepare('SELECT status, step FROM runs').get() as { status: string; step: string };
      expect(run).toEqual({ status: 'complete', step: 'done' });
      db.close();
      expect(lines.join('\n')).toMatch(/单位slow 本次未能检查/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
