// One unit's portal served from a path → HTML map on a loopback server, inspected whole (crawl → store → checks):
// for scenarios that put real or real-modelled pages in a unit's columns and assert what the checks say.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { runChecks } from '../../checks/index.ts';
import { parseCountyConfig } from '../../config/index.ts';
import type { Finding } from '../../model/index.ts';
import type { UnitObservations } from '../../store/index.ts';
import { startServer, type TestServer } from '../fixtures/fetch/test-server.ts';
import { makeCtx } from '../fixtures/checks/build.ts';
import { inspectFirstUnit } from './one-unit-run.ts';

const NOT_FOUND = '<html><head><meta charset="utf-8"><title>404</title></head><body>页面不存在</body></html>';

export interface InspectedUnit {
  obs: UnitObservations;
  findings: Finding[];
  /** The findings of the unit judged on another day (the crawl is the same; only the checks' date moves). */
  findingsOn: (asOf: string) => Finding[];
}

interface UnitPortal {
  /** The loopback server's origin (http://127.0.0.1:port), once the file's beforeAll has run. */
  readonly origin: string;
  /**
   * Serves `pages` (path → HTML; `/u/` is the unit's home; bytes are sent as found, their charset left to the
   * page's meta) and inspects the unit on `asOf` for `year`.
   */
  inspect(
    pages: Record<string, string | Buffer>,
    opts: { year: number; asOf: string; crawl?: string; unitClass?: 'A' | 'B'; keyFields?: string[] },
  ): Promise<InspectedUnit>;
}

/** Call at the top of a test file: one server for the file, closed (with the stores) after it. */
export function useUnitPortal(): UnitPortal {
  let server: TestServer;
  let routes: Record<string, string | Buffer> = {};
  const dirs: string[] = [];
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const body = routes[req.url ?? '/'];
      res.statusCode = body === undefined ? 404 : 200;
      res.setHeader('content-type', Buffer.isBuffer(body) ? 'text/html' : 'text/html; charset=utf-8');
      res.end(body ?? NOT_FOUND);
    });
  });
  afterAll(async () => {
    await server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    get origin() {
      return server.origin;
    },
    async inspect(pages, { year, asOf, crawl = '', unitClass = 'A', keyFields = [] }) {
      routes = pages;
      const config = parseCountyConfig(
        `
county: 试点县
year: ${year}
politeness: { concurrencyPerHost: 2, delayMs: 0 }
crawl: { retries: 0, checkLinks: false, attachments: { enabled: false }, browser: { screenshots: false }${crawl ? `, ${crawl}` : ''} }
units:
  - id: shidian
    name: 试点单位
    class: ${unitClass}
    home: ${server.origin}/u/${
      keyFields.length
        ? `
    keyFields: [${keyFields.join(', ')}]`
        : ''
    }
`,
        'test.yaml',
      );
      const obs = await inspectFirstUnit(config, asOf, dirs);
      const findingsOn = (at: string) => runChecks(makeCtx(config, at), [obs]);
      return { obs, findings: findingsOn(asOf), findingsOn };
    },
  };
}

/** A unit's 信息公开 page: a left nav of the given columns. */
export const unitHome = (nav: [label: string, path: string][]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>信息公开</title></head><body><div class="left-nav"><ul>${nav
    .map(([label, path]) => `<li><a href="${path}">${label}</a></li>`)
    .join('')}</ul></div></body></html>`;
