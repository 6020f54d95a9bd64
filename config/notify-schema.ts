import { z } from 'zod';
import { isHttpUrl } from './url-schema.ts';

/**
 * `notify:` in the county config (the office's channels, SMTP, what is sent) and `notify:` on a unit (that unit's
 * contacts). A webhook address carries its robot's key, so it and every secret may be named by an environment
 * variable (`webhookEnv`, `secretEnv`, `passwordEnv`) instead of being written into the file.
 */

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = z.string().regex(ENV_NAME, '环境变量名只能含字母、数字和下划线，且不以数字开头 / not a valid environment variable name');

const webhookUrl = z.string().refine(isHttpUrl, { message: '机器人 webhook 须为 http(s) 网址 / webhook must be an http(s) URL' });

const oneOf = (a: string, b: string) => (v: Record<string, unknown>) => (v[a] === undefined) !== (v[b] === undefined);

const name = z.string().min(1).max(40).optional(); // shown in logs and `zwgk notify --test`, e.g. 办公室工作群

// 企业微信群机器人: 群设置 → 添加群机器人 → Webhook 地址 (…/cgi-bin/webhook/send?key=…)
const wecomChannel = z
  .object({
    type: z.literal('wecom'),
    name,
    webhook: webhookUrl.optional(),
    webhookEnv: envName.optional(),
  })
  .strict()
  .refine(oneOf('webhook', 'webhookEnv'), {
    message: '企业微信机器人须填写 webhook 或 webhookEnv 之一（只填一个） / set exactly one of webhook, webhookEnv',
  });

// 钉钉自定义机器人: …/robot/send?access_token=…; 安全设置选“加签”时填写 secret（SEC 开头）
const dingtalkChannel = z
  .object({
    type: z.literal('dingtalk'),
    name,
    webhook: webhookUrl.optional(),
    webhookEnv: envName.optional(),
    secret: z.string().min(1).optional(),
    secretEnv: envName.optional(),
  })
  .strict()
  .refine(oneOf('webhook', 'webhookEnv'), {
    message: '钉钉机器人须填写 webhook 或 webhookEnv 之一（只填一个） / set exactly one of webhook, webhookEnv',
  })
  .refine((v) => v.secret === undefined || v.secretEnv === undefined, {
    message: '加签密钥 secret 与 secretEnv 只能填一个 / set at most one of secret, secretEnv',
  });

const emailChannel = z
  .object({
    type: z.literal('email'),
    name,
    to: z.array(z.email('不是有效的电子邮件地址 / not a valid e-mail address')).min(1, '至少填写一个收件人 / at least one recipient'),
  })
  .strict();

export const notifyChannelSchema = z.discriminatedUnion('type', [wecomChannel, dingtalkChannel, emailChannel], {
  error:
    '通知渠道 type 须为 wecom（企业微信群机器人）、dingtalk（钉钉群机器人）或 email（电子邮件）/ type must be wecom, dingtalk or email',
});

const smtpSchema = z
  .object({
    host: z.string().min(1, 'SMTP 服务器不能为空 / host must not be empty'),
    port: z.number().int().min(1).max(65535).default(465),
    // implicit TLS (port 465); false: plain connection upgraded by STARTTLS when the server offers it
    secure: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    passwordEnv: envName.optional(),
    from: z.string().min(3, '发件人 from 不能为空，如 "县政府办公室 <zwgk@example.gov.cn>" / from must not be empty'),
  })
  .strict()
  .refine((v) => v.password === undefined || v.passwordEnv === undefined, {
    message: 'password 与 passwordEnv 只能填一个 / set at most one of password, passwordEnv',
  });

const eventsSchema = z
  .object({
    rectifyNotice: z.boolean().default(true), // a unit's 整改通知单 issued (final, after review)
    recheck: z.boolean().default(true), // a re-check or 自查 of the unit finished
    monthlySummary: z.boolean().default(true), // the office: the month's inspection done (draft) and its 通报 issued (final)
    // reminder this many working days before the 整改期限 to units with unfixed problems; 0: none
    reminderWorkdays: z.number().int().min(0).max(20).default(2),
  })
  .strict();

export const notifySchema = z
  .object({
    // the workspace address put in every message; default: documents.workspaceUrl
    workspaceUrl: z.url({ protocol: /^https?$/, error: '工作台地址须为 http(s) 网址 / workspaceUrl must be an http(s) URL' }).optional(),
    office: z.array(notifyChannelSchema).default([]),
    smtp: smtpSchema.optional(),
    events: eventsSchema.default(eventsSchema.parse({})),
    retries: z.number().int().min(0).max(5).default(2), // further tries after a failure that may pass (network, 5xx, rate limit)
    timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  })
  .strict();

export const unitNotifySchema = z.array(notifyChannelSchema);

export type NotifyChannel = z.infer<typeof notifyChannelSchema>;
export type NotifySettings = z.infer<typeof notifySchema>;
export type SmtpSettings = z.infer<typeof smtpSchema>;

/** Problems zod cannot see on one key: an e-mail channel needs `notify.smtp`. */
export function notifyConfigProblems(config: {
  notify?: NotifySettings;
  units: { notify?: NotifyChannel[] }[];
}): { path: string; message: string }[] {
  if (config.notify?.smtp) return [];
  const problems: { path: string; message: string }[] = [];
  const need = (path: string) =>
    problems.push({ path, message: '电子邮件渠道需要在 notify.smtp 中配置发信服务器 / an email channel needs notify.smtp' });
  config.notify?.office.forEach((c, i) => {
    if (c.type === 'email') need(`notify.office[${i}]`);
  });
  config.units.forEach((u, ui) =>
    u.notify?.forEach((c, i) => {
      if (c.type === 'email') need(`units[${ui}].notify[${i}]`);
    }),
  );
  return problems;
}
