// node:http server of the sample portal on 127.0.0.1 (port 0 = a free port).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import type { SiteModel, UnitModel } from './model.ts';
import { buildRoutes, pdfBytes, routeKey } from './routes.ts';
import { renderFeed } from './feeds.ts';
import { hanwebProxy } from './render/hanweb-proxy.ts';
import { portalPages } from './render/portal.ts';
import type { PortalSiteServer } from './portal-site.ts';

export interface ServerOptions {
  host?: string; // a loopback address (bench:province gives each county its own: 127.0.0.2, 127.0.0.3 …)
  port?: number;
  latencyMs: number;
  log: { method: string; url: string }[];
  portalSites?: PortalSiteServer; // the portal's own home and a unit's own site (19号 site-level checks)
}

const ROBOTS = 'User-agent: *\nDisallow: /admin/\n';
const CSS = 'body{font-family:"Microsoft YaHei",sans-serif;font-size:14px}.list_ul li span{float:right}\n';
const JS =
  'function createPageHTML(n,c,p,e){var h="";for(var i=0;i<n;i++){h+=\'<a href="\'+(i==0?p+"."+e:p+"_"+i+"."+e)+\'">\'+(i+1)+"</a> ";}document.write(h);}\n';
// 1x1 transparent GIF
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function encodePage(unit: UnitModel | null, html: string): { bytes: Buffer; contentType: string } {
  if (!unit || unit.encoding === 'utf-8') return { bytes: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8' };
  const bytes = iconv.encode(html, unit.encoding);
  if (unit.charsetIn === 'meta') return { bytes, contentType: 'text/html' };
  return { bytes, contentType: `text/html; charset=${unit.encoding === 'gbk' ? 'GBK' : 'GB18030'}` };
}

const ATTACHMENT_TYPES: Record<string, string> = {
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
const attachmentCache = new Map<string, Buffer>();
function attachmentBytes(file: string): Buffer {
  let b = attachmentCache.get(file);
  if (!b) attachmentCache.set(file, (b = readFileSync(new URL(`./attachments/${file}`, import.meta.url))));
  return b;
}
function attachmentType(file: string): string {
  return ATTACHMENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

function notFound(): string {
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 页面不存在</title></head><body><h1>404</h1><p>您访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></body></html>';
}

export async function startServer(site: SiteModel, opts: ServerOptions): Promise<{ origin: string; close(): Promise<void> }> {
  const routes = buildRoutes(site);
  const portal = portalPages(site);
  const units = new Map(site.units.map((u) => [u.id, u]));
  const head405 = new Set(site.units.flatMap((u) => u.head405Paths));

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    contentType: string,
    body: Buffer,
    extra: Record<string, string> = {},
  ): void => {
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': String(body.length),
      ...(status === 200 ? { ETag: etag } : {}),
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, 'text/plain; charset=utf-8', Buffer.from('Method Not Allowed'), { Allow: 'GET, HEAD' });
      return;
    }
    if (path === '/robots.txt') return send(req, res, 200, 'text/plain; charset=utf-8', Buffer.from(ROBOTS));
    if (path === '/css/zwgk.css') return send(req, res, 200, 'text/css; charset=utf-8', Buffer.from(CSS));
    if (path === '/js/common.js') return send(req, res, 200, 'application/javascript; charset=utf-8', Buffer.from(JS));
    if (path === '/images/dot.gif') return send(req, res, 200, 'image/gif', GIF);
    const portalPage = portal.get(path);
    if (portalPage) return send(req, res, 200, 'text/html; charset=utf-8', Buffer.from(portalPage()));
    const own = opts.portalSites?.handle(path);
    if (own) return send(req, res, own.status, 'text/html; charset=utf-8', Buffer.from(own.html));
    const feed = /^\/feeds\/([a-z0-9_-]+)\.xml$/.exec(path);
    if (feed) {
      const unit = units.get(feed[1]);
      if (!unit) return send(req, res, 404, 'text/html; charset=utf-8', Buffer.from(notFound()));
      const f = renderFeed(unit);
      return send(req, res, f.status, f.contentType, Buffer.from(f.body, 'utf8'));
    }
    if (path === '/module/web/jpage/dataproxy.jsp') {
      return send(req, res, 200, 'text/xml; charset=utf-8', Buffer.from(hanwebProxy(site, url.searchParams), 'utf8'));
    }
    const unitId = /^\/zwgk\/([a-z0-9_-]+)\//.exec(path)?.[1];
    const unit = unitId ? units.get(unitId) : undefined;
    if (unit?.unreachable) {
      return send(
        req,
        res,
        503,
        'text/html; charset=utf-8',
        Buffer.from('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>'),
      );
    }
    if (req.method === 'HEAD' && head405.has(path)) {
      return send(req, res, 405, 'text/html; charset=utf-8', Buffer.from(''), { Allow: 'GET, POST' });
    }
    const route = routes.get(routeKey(path, url.searchParams));
    if (!route) return send(req, res, 404, 'text/html; charset=utf-8', Buffer.from(notFound()));
    if (route.kind === 'pdf') return send(req, res, 200, 'application/pdf', pdfBytes(route.serial));
    if (route.kind === 'file') return send(req, res, 200, attachmentType(route.file), attachmentBytes(route.file));
    const { bytes, contentType } = encodePage(route.unit, route.render());
    send(req, res, 200, contentType, bytes);
  };

  const server = createServer((req, res) => {
    opts.log.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    if (opts.latencyMs > 0) setTimeout(() => handle(req, res), opts.latencyMs);
    else handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
