// One availability probe of a site's home page (19号 V2): a full fetch within the time limit, its error class, and —
// when it fails — a look at reference addresses outside the site, to tell "the site is down" from "our network is down".
import type { ErrorClass, ProbeRecord, SiteFacts } from '../store/index.ts';
import { classifyError, classifyStatus } from './errors.ts';
import { decodeHtml } from './decode.ts';
import { readSiteFacts } from './site-home.ts';
import { DEFAULT_USER_AGENT } from './fetch.ts';

export interface ProbeOptions {
  timeoutMs: number; // 19号: 15 s
  referenceUrls: readonly string[];
  asOf: string; // gives year-less home dates their year
  userAgent?: string;
  maxBytes?: number;
  now?: () => Date;
}

export interface ProbeOutcome {
  record: ProbeRecord;
  finalUrl: string;
  body: Buffer | null;
  facts: SiteFacts | null;
}

interface FetchedPage {
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  message: string | null;
  body: Buffer | null;
  finalUrl: string;
  contentType: string | null;
}

/** GET with one deadline for connect, headers and the whole body (a page that is "not open" after the limit fails). */
export async function fetchWithin(
  url: string,
  timeoutMs: number,
  userAgent = DEFAULT_USER_AGENT,
  maxBytes = 10 * 1024 * 1024,
): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { 'user-agent': userAgent.replace(/[^\x20-\x7e]+/g, (x) => encodeURIComponent(x)), accept: 'text/html,*/*' },
    });
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes)
          return {
            ok: false,
            status: res.status,
            errorClass: 'too_large',
            message: '页面过大',
            body: null,
            finalUrl: res.url || url,
            contentType: null,
          };
        chunks.push(Buffer.from(chunk));
      }
    }
    const body = Buffer.concat(chunks);
    if (!res.ok)
      return {
        ok: false,
        status: res.status,
        errorClass: classifyStatus(res.status).errorClass,
        message: `HTTP ${res.status}`,
        body,
        finalUrl: res.url || url,
        contentType: res.headers.get('content-type'),
      };
    return {
      ok: true,
      status: res.status,
      errorClass: null,
      message: null,
      body,
      finalUrl: res.url || url,
      contentType: res.headers.get('content-type'),
    };
  } catch (err) {
    const aborted = signal.aborted || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
    if (aborted)
      return {
        ok: false,
        status: null,
        errorClass: 'timeout',
        message: `${Math.round(timeoutMs / 1000)} 秒内未能打开`,
        body: null,
        finalUrl: url,
        contentType: null,
      };
    const c = classifyError((err as { cause?: unknown }).cause ?? err);
    return { ok: false, status: null, errorClass: c.errorClass, message: c.message, body: null, finalUrl: url, contentType: null };
  }
}

/** Probes the home page once. A failed probe asks the reference addresses: all of them failing too = our network. */
export async function probeHome(siteId: string, home: string, opts: ProbeOptions): Promise<ProbeOutcome> {
  const now = opts.now ?? (() => new Date());
  const at = now().toISOString();
  const started = Date.now();
  const page = await fetchWithin(home, opts.timeoutMs, opts.userAgent, opts.maxBytes);
  const elapsedMs = Date.now() - started;
  let networkDown = false;
  let referenceChecked = false;
  if (!page.ok && opts.referenceUrls.length) {
    referenceChecked = true;
    const refs = await Promise.all(opts.referenceUrls.map((u) => fetchWithin(u, opts.timeoutMs, opts.userAgent, 2 * 1024 * 1024)));
    networkDown = refs.every((r) => !r.ok && r.status === null); // an HTTP answer of any status proves the network works
  }
  let facts: SiteFacts | null = null;
  if (page.ok && page.body) {
    try {
      facts = readSiteFacts(decodeHtml(page.body, page.contentType).text, page.finalUrl, opts.asOf);
    } catch {
      facts = null; // the probe still counts as open; only the home items of this read are lost
    }
  }
  return {
    record: {
      siteId,
      at,
      source: 'probe',
      ok: page.ok,
      status: page.status,
      errorClass: page.errorClass,
      networkDown,
      referenceChecked,
      elapsedMs,
      bytes: page.body?.length ?? 0,
      message: networkDown ? `本机网络中断（参照地址均无法访问）：${page.message ?? ''}` : page.message,
    },
    finalUrl: page.finalUrl,
    body: page.body,
    facts,
  };
}
