import type { ErrorClass } from '../store/index.ts';

// One classifier for every failure. The retry policy reads `permanent`: permanent failures are not retried.

export interface ClassifiedError {
  errorClass: ErrorClass;
  permanent: boolean;
  message: string;
}

/** A failure the crawler raises itself (size cap, redirects, scope, robots), already classified. */
export class CrawlError extends Error {
  readonly errorClass: ErrorClass;
  readonly permanent: boolean;
  constructor(errorClass: ErrorClass, permanent: boolean, message: string) {
    super(message);
    this.name = 'CrawlError';
    this.errorClass = errorClass;
    this.permanent = permanent;
  }
}

const STATUS_TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524]);

/** 408/425/429 and 5xx (except 501/505, which a retry will not change) are transient; other 4xx permanent. */
export function classifyStatus(status: number): { errorClass: ErrorClass; permanent: boolean } {
  if (STATUS_TRANSIENT.has(status)) return { errorClass: 'http_status', permanent: false };
  if (status >= 500 && status !== 501 && status !== 505) return { errorClass: 'http_status', permanent: false };
  return { errorClass: 'http_status', permanent: true };
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as ErrorLike;
  const out: string[] = [];
  if (typeof e.code === 'string') out.push(e.code);
  if (typeof e.name === 'string') out.push(e.name);
  out.push(...codesOf(e.cause, depth + 1));
  if (Array.isArray(e.errors)) for (const inner of e.errors) out.push(...codesOf(inner, depth + 1));
  return out;
}

function rawMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return String(err);
}

/** The server's response could not be parsed as HTTP (llhttp HPE_* or undici's response error). */
export function isUnparsableResponse(err: unknown): boolean {
  return codesOf(err).some((c) => c.startsWith('HPE_') || c === 'UND_ERR_RESPONSE');
}

function result(errorClass: ErrorClass, permanent: boolean, label: string, code: string | null, err: unknown): ClassifiedError {
  const detail = rawMessage(err);
  const codePart = code ? `（${code}）` : '';
  return { errorClass, permanent, message: detail ? `${label}${codePart}：${detail}` : `${label}${codePart}` };
}

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof CrawlError) return { errorClass: err.errorClass, permanent: err.permanent, message: err.message };
  const codes = codesOf(err);
  const has = (c: string) => codes.includes(c);
  const first = (pred: (c: string) => boolean) => codes.find(pred) ?? null;

  if (has('ENOTFOUND')) return result('dns', true, '域名解析失败，域名不存在', 'ENOTFOUND', err);
  if (has('EAI_AGAIN') || has('ESERVFAIL'))
    return result(
      'dns',
      false,
      '域名解析暂时失败',
      first((c) => c === 'EAI_AGAIN' || c === 'ESERVFAIL'),
      err,
    );
  const tls = first((c) => TLS_CODES.has(c) || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tls) return result('tls', true, 'HTTPS 证书或加密连接错误', tls, err);
  if (has('UND_ERR_CONNECT_TIMEOUT') || has('ETIMEDOUT'))
    return result(
      'timeout',
      false,
      '连接超时',
      first((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'ETIMEDOUT'),
      err,
    );
  if (has('UND_ERR_HEADERS_TIMEOUT')) return result('timeout', false, '等待响应头超时', 'UND_ERR_HEADERS_TIMEOUT', err);
  if (has('UND_ERR_BODY_TIMEOUT')) return result('timeout', false, '读取响应内容超时', 'UND_ERR_BODY_TIMEOUT', err);
  if (has('TimeoutError')) return result('timeout', false, '请求超时', null, err);
  if (has('ECONNREFUSED')) return result('refused', false, '服务器拒绝连接', 'ECONNREFUSED', err);
  if (has('EHOSTUNREACH') || has('ENETUNREACH'))
    return result(
      'refused',
      false,
      '网络或主机不可达',
      first((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH'),
      err,
    );
  if (has('ECONNRESET') || has('EPIPE') || has('UND_ERR_SOCKET') || has('UND_ERR_CLOSED')) {
    return result(
      'reset',
      false,
      '连接被重置或意外关闭',
      first((c) => ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(c)),
      err,
    );
  }
  if (has('ERR_INVALID_URL') || has('UND_ERR_INVALID_ARG')) return result('other', true, '网址无效', null, err);
  if (has('HPE_INVALID_CONSTANT') || has('UND_ERR_RESPONSE') || first((c) => c.startsWith('HPE_'))) {
    return result(
      'other',
      false,
      '服务器返回了无法解析的响应',
      first((c) => c.startsWith('HPE_') || c === 'UND_ERR_RESPONSE'),
      err,
    );
  }
  if (has('Z_DATA_ERROR') || has('Z_BUF_ERROR') || has('ERR__ERROR_FORMAT_PADDING_1')) {
    return result('bad_encoding', true, '压缩内容无法解压', null, err);
  }
  return result('other', false, '未知错误', null, err);
}

const ERROR_CLASS_LABELS: Record<ErrorClass, string> = {
  dns: '域名解析失败',
  tls: '证书/加密连接错误',
  refused: '连接被拒绝',
  reset: '连接被重置',
  timeout: '超时',
  http_status: 'HTTP 错误状态',
  too_large: '内容过大',
  bad_encoding: '编码错误',
  redirect_loop: '重定向循环',
  too_many_redirects: '重定向次数过多',
  robots_disallowed: 'robots.txt 禁止抓取',
  out_of_scope: '超出检查范围',
  unsupported_scheme: '不支持的协议',
  unparsable: '页面无法解析',
  other: '其他错误',
};

/** Chinese label of an error class, for reports and CLI output. */
export function errorClassLabel(errorClass: ErrorClass): string {
  return ERROR_CLASS_LABELS[errorClass];
}
