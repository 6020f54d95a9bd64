// 企业微信 and 钉钉 group robots: one JSON POST each; both answer HTTP 200 with {errcode, errmsg}.
import { createHmac } from 'node:crypto';
import { fetch } from 'undici';
import type { Message } from './message.ts';
import { chatMarkdown } from './render.ts';
import { describeError, SendError } from './send-error.ts';

interface RobotAnswer {
  errcode?: number;
  errmsg?: string;
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<RobotAnswer> {
  let res: Awaited<ReturnType<typeof fetch>>;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    // never the address in the message: it holds the robot's key
    throw new SendError(`无法连接机器人地址（${describeError(err)}）`, true);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429 || res.status >= 500) throw new SendError(`机器人地址返回 HTTP ${res.status}`, true);
  if (!res.ok) throw new SendError(`机器人地址返回 HTTP ${res.status}，请核对 webhook 地址`, false);
  try {
    return JSON.parse(text) as RobotAnswer;
  } catch {
    throw new SendError('机器人地址的应答不是 JSON，请核对 webhook 地址', false);
  }
}

const short = (s: string | undefined) => (s ?? '').slice(0, 120);

// 企业微信: 45009 接口调用超过限制 (20 messages a minute per robot), -1 系统繁忙
const WECOM_RETRY = new Set([45009, -1]);

export async function sendWecom(url: string, m: Message, timeoutMs: number): Promise<void> {
  const answer = await postJson(url, { msgtype: 'markdown', markdown: { content: chatMarkdown(m, { blankLines: false }) } }, timeoutMs);
  if (answer.errcode === 0) return;
  throw new SendError(
    `企业微信返回错误 ${answer.errcode ?? '（无错误码）'}：${short(answer.errmsg)}`,
    WECOM_RETRY.has(answer.errcode ?? 0),
  );
}

/** 钉钉 加签: HmacSHA256 of "timestamp\nsecret" keyed by the secret, base64, in the query with the timestamp (ms). */
export function dingtalkSignedUrl(url: string, secret: string, now: number): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', sign);
  return u.href;
}

// 钉钉: 130101 发送太快, 410100 发送过于频繁 (20 a minute per robot), -1 系统繁忙; 310000 is the robot's security
// setting (关键词, 加签 or IP) refusing the message
const DINGTALK_RETRY = new Set([130101, 410100, -1]);

export async function sendDingtalk(
  url: string,
  secret: string | null,
  m: Message,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<void> {
  const body = { msgtype: 'markdown', markdown: { title: m.title, text: chatMarkdown(m, { blankLines: true }) } };
  const answer = await postJson(secret ? dingtalkSignedUrl(url, secret, now()) : url, body, timeoutMs);
  if (answer.errcode === 0) return;
  const hint = answer.errcode === 310000 ? '（机器人安全设置未通过：请核对加签密钥，或把“政务公开”设为自定义关键词）' : '';
  throw new SendError(
    `钉钉返回错误 ${answer.errcode ?? '（无错误码）'}：${short(answer.errmsg)}${hint}`,
    DINGTALK_RETRY.has(answer.errcode ?? 0),
  );
}
