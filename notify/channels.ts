// The configured channels as send targets: secrets read from the environment, each with a stable id (a hash of its
// address, never the address itself: a webhook's key is a secret) under which deliveries are recorded.
import { createHash } from 'node:crypto';
import type { CountyConfig, NotifyChannel } from '../config/index.ts';

type Target = { type: 'wecom'; url: string } | { type: 'dingtalk'; url: string; secret: string | null } | { type: 'email'; to: string[] };

export interface Channel {
  id: string;
  label: string; // 县教育局 企业微信群机器人（办公室群）
  place: string; // where it is configured: units[3].notify[0]
  owner: { unitId: string | null };
  target: Target | null; // null: a secret is missing, see problem
  problem: string | null;
}

const TYPE_ZH: Record<NotifyChannel['type'], string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人', email: '电子邮件' };

type Env = Record<string, string | undefined>;

function fromEnv(env: Env, name: string | undefined, what: string, place: string): { value?: string; problem?: string } {
  if (name === undefined) return {};
  const value = env[name]?.trim();
  return value ? { value } : { problem: `${place}: 环境变量 ${name}（${what}）未设置或为空` };
}

function validUrl(s: string): boolean {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}

function resolveOne(c: NotifyChannel, place: string, ownerName: string, unitId: string | null, env: Env): Channel {
  const label = `${ownerName} ${TYPE_ZH[c.type]}${c.name ? `（${c.name}）` : ''}`;
  const base = { label, place, owner: { unitId } };
  const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  if (c.type === 'email') {
    const to = [...c.to].sort();
    return { ...base, id: `email:${hash(to.join(','))}`, target: { type: 'email', to }, problem: null };
  }
  // the id follows what is configured (the variable's name when the address comes from the environment)
  const id = `${c.type}:${hash(c.webhook ?? `env:${c.webhookEnv}`)}`;
  const hook = c.webhook !== undefined ? { value: c.webhook } : fromEnv(env, c.webhookEnv, 'webhook 地址', place);
  if (hook.problem) return { ...base, id, target: null, problem: hook.problem };
  if (!validUrl(hook.value!)) return { ...base, id, target: null, problem: `${place}: 环境变量 ${c.webhookEnv} 不是 http(s) 网址` };
  if (c.type === 'wecom') return { ...base, id, target: { type: 'wecom', url: hook.value! }, problem: null };
  const secret = c.secret !== undefined ? { value: c.secret } : fromEnv(env, c.secretEnv, '加签密钥', place);
  if (secret.problem) return { ...base, id, target: null, problem: secret.problem };
  return { ...base, id, target: { type: 'dingtalk', url: hook.value!, secret: secret.value ?? null }, problem: null };
}

/** The office's channels (`notify.office`). */
export function officeChannels(config: CountyConfig, env: Env = process.env): Channel[] {
  const office = config.documents?.office ?? `${config.county}人民政府办公室`;
  return (config.notify?.office ?? []).map((c, i) => resolveOne(c, `notify.office[${i}]`, office, null, env));
}

/** A unit's channels (`units[i].notify`). */
export function unitChannels(config: CountyConfig, unitId: string, env: Env = process.env): Channel[] {
  const i = config.units.findIndex((u) => u.id === unitId);
  if (i < 0) return [];
  const unit = config.units[i]!;
  return (unit.notify ?? []).map((c, j) => resolveOne(c, `units[${i}].notify[${j}]`, unit.name, unit.id, env));
}
