// One HTTP exchange in the host's queue: send, stop at the deadline, read the body within its cap.
import { type Agent, request } from 'undici';
import type { CrawlSettings } from '../config/index.ts';
import { classifyError, isUnparsableResponse, type ClassifiedError } from './errors.ts';
import { readBodyCapped } from './fetch-body.ts';
import { followSignal, startDeadline, type RequestDeadline } from './fetch-deadline.ts';
import type { HostQueues } from './fetch-host-queue.ts';
import type { StatsRecorder } from './fetch-stats.ts';
import { hostKey, REDIRECT_STATUSES, type Attempt, type InternalFetchOptions, type RequestSpec } from './fetch-types.ts';

/** Content a browser would download rather than show: it may take the longer attachment deadline. */
const ATTACHMENT_TYPE = /^(application\/(pdf|msword|vnd\.|zip|x-rar|x-7z|octet-stream|x-zip)|image\/|video\/|audio\/)/i;

export interface RequestEnv {
  crawl: CrawlSettings;
  agent: Agent;
  queues: HostQueues;
  stats: StatsRecorder;
  /** Hosts whose responses could not be parsed: HEAD closes the connection there. */
  headResetHosts: Set<string>;
}

// Header values must be Latin-1; non-ASCII characters of the User-Agent are percent-encoded.
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]+/g, (s) => encodeURIComponent(s));
}

/** The request a fetch sends: our User-Agent and Accept headers, plus the validators of a conditional request. */
export function requestSpec(userAgent: string, defaultMaxBytes: number, fo: InternalFetchOptions): RequestSpec {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
  };
  const etag = fo.conditional?.etag;
  const lastModified = fo.conditional?.lastModified;
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  return {
    method: fo.method ?? 'GET',
    headers,
    maxBytes: fo.maxBodyBytes ?? defaultMaxBytes,
    truncateAt: fo.truncateAt,
    conditional: Boolean(etag || lastModified),
    signal: fo.signal,
  };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function cancelled(url: string): ClassifiedError {
  return { errorClass: 'timeout', permanent: true, message: `单位检查超过总时限，请求已取消：${url}` };
}

function tooLarge(maxBytes: number, declared: number | null): ClassifiedError {
  const size = declared !== null ? `（声明大小 ${declared} 字节）` : '';
  return { errorClass: 'too_large', permanent: true, message: `内容超过上限 ${maxBytes} 字节${size}，已停止读取` };
}

function failed(error: ClassifiedError): Attempt {
  return { status: null, headers: {}, body: null, error };
}

/** Sends the request once (in the host's queue; a higher priority goes first) and reads its answer. */
export function requestOnce(env: RequestEnv, url: string, spec: RequestSpec, priority = 0): Promise<Attempt> {
  const host = hostKey(url);
  return env.queues.run(
    host,
    async () => {
      if (spec.signal?.aborted) return failed(cancelled(url));
      const deadline = startDeadline(env.crawl.pageDeadlineMs);
      const read = { wireBytes: 0 };
      // the unit's own cut-off stops the request through the same signal as the deadline
      const unfollow = followSignal(spec.signal, deadline);
      try {
        return await exchange(env, url, spec, host, deadline, read);
      } catch (err) {
        if (spec.signal?.aborted) return failed(cancelled(url));
        if (deadline.signal.aborted) return failed(deadlineError(url, deadline));
        if (isUnparsableResponse(err)) env.headResetHosts.add(host);
        return failed(classifyError(err));
      } finally {
        deadline.clear();
        unfollow();
        env.stats.request(host, read.wireBytes);
      }
    },
    priority,
  );
}

function deadlineError(url: string, deadline: RequestDeadline): ClassifiedError {
  return {
    errorClass: 'timeout',
    permanent: false,
    message: `请求超过总时限 ${Math.round(deadline.limitMs() / 100) / 10} 秒（连接到读完），已中止：${url}`,
  };
}

async function exchange(
  env: RequestEnv,
  url: string,
  spec: RequestSpec,
  host: string,
  deadline: RequestDeadline,
  read: { wireBytes: number },
): Promise<Attempt> {
  const { method, headers, maxBytes, truncateAt } = spec;
  // undici closes the connection after every HEAD (some servers send a body anyway, which would corrupt the
  // next response); link checks are mostly HEADs, so keep-alive stays on until a host answers unparsably
  const reset = method === 'HEAD' ? env.headResetHosts.has(host) : undefined;
  const res = await request(url, { dispatcher: env.agent, method, headers, reset, signal: deadline.signal });
  const resHeaders = flattenHeaders(res.headers);
  if (ATTACHMENT_TYPE.test(resHeaders['content-type'] ?? '')) deadline.extendTo(env.crawl.attachmentDeadlineMs);
  if (method === 'HEAD' || REDIRECT_STATUSES.has(res.statusCode)) {
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return { status: res.statusCode, headers: resHeaders, body: method === 'HEAD' ? null : Buffer.alloc(0), error: null };
  }
  const declared = Number(resHeaders['content-length']);
  if (truncateAt === undefined && Number.isFinite(declared) && declared > maxBytes && !resHeaders['content-encoding']) {
    res.body.destroy();
    return { status: res.statusCode, headers: resHeaders, body: null, error: tooLarge(maxBytes, declared) };
  }
  const body = await readBodyCapped(res.body, resHeaders['content-encoding'] ?? null, { maxBytes, truncateAt });
  read.wireBytes = body.wireBytes;
  if (body.tooLarge) return { status: res.statusCode, headers: resHeaders, body: null, error: tooLarge(maxBytes, null) };
  return { status: res.statusCode, headers: resHeaders, body: body.body, error: null };
}
