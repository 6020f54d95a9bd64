// Notifications against servers started here: a fake group-robot webhook (企业微信 and 钉钉 answer alike) and a local
// SMTP server. Asserts what each channel receives, masking and escaping of crawled text, retries, the record that
// keeps a second run from sending again, and the config errors a clerk sees.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type ConfigError, parseCountyConfig, type CountyConfig } from '../config/index.ts';
import {
  listNotifications,
  openStore,
  queueRecheck,
  startRun,
  finishRun,
  saveFindings,
  updateRecheck,
  recordRectifyClaim,
  type Store,
} from '../store/index.ts';
import type { Finding } from '../checks/index.ts';
import { notifyReportsIssued, notifyRecheckResult, sendTestMessages, escapeChatMarkdown, type NotifyContext } from '../notify/index.ts';

interface Hit {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}
const hits: Hit[] = [];
// answers the next requests get (status, JSON); afterwards {errcode: 0}
let answers: { status: number; json: unknown }[] = [];
let hook: Server;
let hookUrl: string;

interface Mail {
  from: string;
  to: string[];
  raw: string;
}
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let smtpFailNext = 0;

beforeAll(async () => {
  hook = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      hits.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(data) });
      const a = answers.shift() ?? { status: 200, json: { errcode: 0, errmsg: 'ok' } };
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.json));
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c) => {
        raw += c;
      });
      stream.on('end', () => {
        if (smtpFailNext > 0) {
          smtpFailNext--;
          return cb(Object.assign(new Error('try later'), { responseCode: 451 }));
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => hook.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

beforeEach(() => {
  hits.length = 0;
  mails.length = 0;
  answers = [];
  smtpFailNext = 0;
});

function county(extra = ''): CountyConfig {
  return parseCountyConfig(
    `
county: 试点县
year: 2023
documents: { office: 试点县人民政府办公室, workspaceUrl: "https://zwgk.example.gov.cn/ws" }
notify:
  office:
    - { type: wecom, name: 办公室群, webhook: "${hookUrl}/wecom/office?key=OFFICEKEY" }
  smtp: { host: 127.0.0.1, port: ${smtpPort}, secure: false, from: "试点县政府办 <zwgk@example.gov.cn>" }
units:
  - id: jyj
    name: 县教育局
    class: B
    home: http://127.0.0.1:9/jyj/
    notify:
      - { type: dingtalk, webhook: "${hookUrl}/dingtalk/jyj?access_token=T1", secretEnv: JYJ_DING_SECRET }
      - { type: email, to: [jyj@example.gov.cn] }
  - id: sl
    name: 县水利局
    class: B
    home: http://127.0.0.1:9/sl/
    notify:
      - { type: wecom, webhookEnv: SL_WECOM_HOOK }
  - id: quiet
    name: 县档案馆
    class: B
    home: http://127.0.0.1:9/quiet/
${extra}`,
    'county.yaml',
  );
}

const env = { JYJ_DING_SECRET: 'SECtest-secret', SL_WECOM_HOOK: '' };

function finding(p: Partial<Finding> & Pick<Finding, 'id' | 'unitId' | 'title'>): Finding {
  return {
    key: p.id,
    unitName: '',
    checkId: 'column.stale',
    indicator: 'notice.monthly',
    column: 'gzdt',
    subject: p.id,
    kind: 'deduction',
    detail: '',
    occurrences: 1,
    suggestedPoints: -1,
    confidence: 'high',
    monthly: true,
    evidence: [],
    status: 'confirmed',
    ...p,
  } as Finding;
}

function tempStore(): Store {
  return openStore({ dbPath: join(mkdtempSync(join(tmpdir(), 'zwgk-notify-')), 'z.db') });
}

const ctxOf = (store: Store, config: CountyConfig, log: string[] = []): NotifyContext => ({
  store,
  config,
  log: (l) => log.push(l),
  now: () => new Date('2023-12-15T04:00:00Z'),
  env,
  retryDelayMs: 5,
});

function decodeMime(raw: string): { subject: string; text: string } {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, t: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(t, 'base64').toString('utf8')
        : Buffer.from(
            t.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
  const subject = words(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '');
  const plain = /Content-Type: text\/plain[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/i.exec(raw)?.[1] ?? '';
  return { subject, text: Buffer.from(plain.replace(/\s+/g, ''), 'base64').toString('utf8') };
}

describe('the county config', () => {
  it('names the place of a wrong channel in Chinese', () => {
    const bad = (yaml: string) => {
      try {
        parseCountyConfig(yaml, 'bad.yaml');
      } catch (err) {
        return (err as ConfigError).message;
      }
      return 'no error';
    };
    const base = 'county: 县\nyear: 2023\nunits:\n  - { id: a, name: 甲, class: A, home: "http://127.0.0.1/", notify: [CHANNEL] }\n';
    expect(bad(base.replace('CHANNEL', '{ type: feishu, webhook: "http://127.0.0.1/" }'))).toMatch(
      /units\[0\]\.notify\[0\].*wecom（企业微信群机器人）/,
    );
    expect(bad(base.replace('CHANNEL', '{ type: wecom }'))).toMatch(/units\[0\]\.notify\[0\].*webhook 或 webhookEnv/);
    expect(bad(base.replace('CHANNEL', '{ type: email, to: [不是邮箱] }'))).toMatch(/units\[0\]\.notify\[0\]\.to\[0\].*电子邮件地址/);
    expect(bad(base.replace('CHANNEL', '{ type: email, to: [a@b.cn] }'))).toMatch(/units\[0\]\.notify\[0\].*notify\.smtp/);
    expect(bad(base.replace('CHANNEL', '{ type: dingtalk, webhook: "http://127.0.0.1/", secretEnv: "1x" }'))).toMatch(
      /secretEnv.*环境变量名/,
    );
  });
});

describe('markdown escaping', () => {
  it('turns every character that means something in chat markdown into its full-width form', () => {
    const hostile = '**粗体** [点我](http://evil.example/) <font color="warning">红</font> <@all> `code` # 标题 > 引用 _斜_ ~删~ | 表';
    const out = escapeChatMarkdown(hostile);
    expect(out).not.toMatch(/[*[\]()<>`#_~|@]/);
    expect(out).toContain('＊＊粗体＊＊');
    expect(out).toContain('＜font color="warning"＞');
  });
});

describe('after the reports of a run', () => {
  const hostileTitle = '“招生公告 **加急** [点此](http://evil.example/x)”栏目超过 14 天未更新，联系人 张三 13812345678\n# 伪造标题';
  const findings = (): Finding[] => [
    finding({ id: 'f1', unitId: 'jyj', title: hostileTitle }),
    finding({ id: 'f2', unitId: 'jyj', title: '缺少"政策解读"栏目', checkId: 'column.missing' }),
    finding({ id: 'f3', unitId: 'jyj', title: '预警：栏目将到期', kind: 'warning', suggestedPoints: 0 }),
    finding({ id: 'f4', unitId: 'sl', title: '页面存在 2 个无法访问的链接', checkId: 'link.broken' }),
    finding({ id: 'f5', unitId: 'quiet', title: '只有档案馆的问题' }),
  ];

  it('sends nothing to units while the documents are drafts, and tells the office how many wait for review', async () => {
    const store = tempStore();
    const pending = findings().map((f) => (f.id === 'f2' ? { ...f, status: 'pending' as const } : f));
    const count = await notifyReportsIssued(ctxOf(store, county()), {
      runId: 7,
      asOf: '2023-12-15',
      findings: pending,
      draft: true,
      deadline: '2023-12-29',
    });
    expect(count.sent).toBe(1);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.path).toBe('/wecom/office');
    expect(hits[0]!.body.markdown.content).toContain('1项待审核');
    expect(hits[0]!.body.markdown.content).toContain('[进入审核队列](https://zwgk.example.gov.cn/ws/queue)');
  });

  it('sends each unit its 整改通知 by 钉钉 (signed) and e-mail, masked and escaped; the office gets the 合格率', async () => {
    const store = tempStore();
    const log: string[] = [];
    const t0 = Date.now();
    const count = await notifyReportsIssued(ctxOf(store, county(), log), {
      runId: 7,
      asOf: '2023-12-15',
      findings: findings(),
      draft: false,
      deadline: '2023-12-29',
    });

    // 钉钉 with 加签: timestamp and sign in the query, sign = base64(HmacSHA256("ts\nsecret"))
    const ding = hits.find((h) => h.path === '/dingtalk/jyj')!;
    expect(ding.query.get('access_token')).toBe('T1');
    const ts = Number(ding.query.get('timestamp'));
    expect(ts).toBeGreaterThanOrEqual(t0);
    expect(ding.query.get('sign')).toBe(createHmac('sha256', env.JYJ_DING_SECRET).update(`${ts}\n${env.JYJ_DING_SECRET}`).digest('base64'));
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.title).toBe('【整改通知】县教育局：2023年12月检查发现问题2项');
    const text = ding.body.markdown.text!;
    expect(text).toContain('请于2023年12月29日前完成整改');
    expect(text).toContain('另有预警事项1项');
    expect(text).toContain('[查看整改通知单和问题详情](https://zwgk.example.gov.cn/ws/unit)');
    // the phone number is masked, the crawled markdown is inert, the line break cannot start a heading
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138＊＊＊＊5678'); // the mask's asterisks are escaped too
    expect(text).toContain('＊＊加急＊＊ ［点此］（http://evil.example/x）');
    expect(text).not.toMatch(/\n# /);
    expect(text).not.toContain('http://evil.example/x)');
    expect(text).toContain('政务公开'); // 钉钉's 自定义关键词

    const mail = mails.find((m) => m.to.includes('jyj@example.gov.cn'))!;
    expect(mail.from).toBe('zwgk@example.gov.cn');
    const decoded = decodeMime(mail.raw);
    expect(decoded.subject).toBe('【整改通知】县教育局：2023年12月检查发现问题2项');
    expect(decoded.text).toContain('查看整改通知单和问题详情：https://zwgk.example.gov.cn/ws/unit');
    expect(decoded.text).not.toContain('13812345678');

    // 县水利局's webhook comes from an empty environment variable: recorded as failed with the place named, not sent
    const sl = listNotifications(store, { unitId: 'sl' });
    expect(sl).toHaveLength(1);
    expect(sl[0]!.state).toBe('failed');
    expect(sl[0]!.error).toContain('units[1].notify[0]: 环境变量 SL_WECOM_HOOK');
    expect(log.join('\n')).toContain('县水利局');
    // 县档案馆 has no channel: nothing for it
    expect(listNotifications(store, { unitId: 'quiet' })).toHaveLength(0);

    const office = hits.find((h) => h.path === '/wecom/office')!;
    expect(office.query.get('key')).toBe('OFFICEKEY');
    const content = office.body.markdown.content!;
    expect(content).toContain('本次检查3个单位，0个单位未发现问题，合格率0%；发现问题4项，涉及3个单位');
    expect(content).toContain('整改通知已发送给1个配置了通知渠道的单位');
    expect(count).toEqual({ sent: 3, skipped: 0, failed: 1 });

    // the secret and the webhook keys are never part of the record
    const all = JSON.stringify(listNotifications(store));
    expect(all).not.toContain('SECtest-secret');
    expect(all).not.toContain('OFFICEKEY');
  });

  it('does not send twice when the reports are written again (a restart, 重新生成报告)', async () => {
    const store = tempStore();
    const input = { runId: 7, asOf: '2023-12-15', findings: findings(), draft: false, deadline: '2023-12-29' };
    await notifyReportsIssued(ctxOf(store, county()), input);
    const first = hits.length;
    const firstMails = mails.length;
    const again = await notifyReportsIssued(ctxOf(store, county()), input);
    expect(hits.length).toBe(first);
    expect(mails.length).toBe(firstMails);
    expect(again.sent).toBe(0);
    expect(again.skipped).toBe(3);
    // the failed one is tried again (and fails again: the variable is still empty)
    expect(again.failed).toBe(1);
  });

  it('retries a rate limit and a 502, records the attempts, and gives up on a refused key without stopping the others', async () => {
    const store = tempStore();
    const config = county();
    config.units = config.units.filter((u) => u.id === 'jyj');
    config.units[0]!.notify = [{ type: 'dingtalk', webhook: `${hookUrl}/dingtalk/jyj?access_token=T1` }];
    answers = [
      { status: 200, json: { errcode: 130101, errmsg: 'send too fast' } },
      { status: 502, json: {} },
    ];
    await notifyReportsIssued(ctxOf(store, config), {
      runId: 8,
      asOf: '2023-12-15',
      findings: findings(),
      draft: false,
      deadline: '2023-12-29',
    });
    const rec = listNotifications(store, { unitId: 'jyj' })[0]!;
    expect(rec.state).toBe('sent');
    expect(rec.attempts).toBe(3);

    hits.length = 0;
    answers = [{ status: 200, json: { errcode: 310000, errmsg: 'keywords not in content' } }];
    const log: string[] = [];
    const count = await notifyReportsIssued(ctxOf(store, config, log), {
      runId: 9,
      asOf: '2024-01-15',
      findings: findings(),
      draft: false,
      deadline: '2024-01-29',
    });
    const refused = listNotifications(store, { eventKey: 'rectify-notice:run-9:jyj' })[0]!;
    expect(refused.state).toBe('failed');
    expect(refused.attempts).toBe(1); // a configuration problem is not retried
    expect(refused.error).toContain('自定义关键词');
    expect(count.failed).toBe(1);
    expect(count.sent).toBe(1); // the office still got its message
  });

  it('retries an SMTP 451 and then delivers', async () => {
    const store = tempStore();
    const config = county();
    config.notify!.office = [{ type: 'email', to: ['office@example.gov.cn'] }];
    config.units = [];
    smtpFailNext = 1;
    await notifyReportsIssued(ctxOf(store, config), { runId: 3, asOf: '2023-12-15', findings: [], draft: false, deadline: '2023-12-29' });
    expect(mails).toHaveLength(1);
    expect(decodeMime(mails[0]!.raw).text).toContain('均未发现需要通报的问题，合格率100%');
    expect(listNotifications(store)[0]!.attempts).toBe(2);
  });
});

describe('after a re-check', () => {
  it('tells the unit which claimed problem is still there, and that a failed re-check could not confirm anything', async () => {
    const store = tempStore();
    const config = county();
    config.units[0]!.notify = [{ type: 'wecom', webhook: `${hookUrl}/wecom/jyj?key=K` }];
    const base = { county: '试点县', configPath: 'c.yaml', configHash: 'h' };
    const inspection = startRun(store, { ...base, kind: 'inspection', asOf: '2023-12-15' });
    const f = finding({ id: 'f1', unitId: 'jyj', title: '“招生公告”栏目超过 14 天未更新' });
    saveFindings(store, inspection.id, [f]);
    finishRun(store, inspection.id, 'complete', {});
    const r = queueRecheck(store, { unitId: 'jyj', reason: 'rectify', by: '教育局' });
    recordRectifyClaim(store, { findingId: 'f1', unitId: 'jyj', url: 'http://127.0.0.1:9/jyj/zsgg/', note: '', by: '教育局' });
    const recheckRun = startRun(store, { ...base, kind: 'selfcheck', asOf: '2023-12-20' });
    saveFindings(store, recheckRun.id, [f]); // seen again
    finishRun(store, recheckRun.id, 'complete', {});
    updateRecheck(store, r.id, { state: 'done', runId: recheckRun.id, finishedAt: '2023-12-20T03:00:00Z', message: '发现扣分问题 1 条' });

    await notifyRecheckResult(ctxOf(store, config), r.id);
    expect(hits).toHaveLength(1);
    const content = hits[0]!.body.markdown.content!;
    expect(content).toContain('【复查结果】县教育局：0项通过，1项未通过');
    expect(content).toContain('未通过：“招生公告”栏目超过 14 天未更新');
    await notifyRecheckResult(ctxOf(store, config), r.id);
    expect(hits).toHaveLength(1); // once per re-check

    const r2 = queueRecheck(store, { unitId: 'jyj', reason: 'selfcheck', by: '教育局' });
    updateRecheck(store, r2.id, { state: 'failed', finishedAt: '2023-12-21T03:00:00Z', message: '复查未完成' });
    await notifyRecheckResult(ctxOf(store, config), r2.id);
    expect(hits[1]!.body.markdown.content).toContain('【复查未完成】县教育局');
    // a re-check still queued is not reported
    const r3 = queueRecheck(store, { unitId: 'jyj', reason: 'selfcheck', by: '教育局' });
    await notifyRecheckResult(ctxOf(store, config), r3.id);
    expect(hits).toHaveLength(2);
  });
});

describe('zwgk notify --test', () => {
  it('sends one test message to every channel and names the one that is not set up', async () => {
    const results = await sendTestMessages(county(), { env, retryDelayMs: 5 });
    expect(results.map((r) => [r.label, r.ok])).toEqual([
      ['试点县人民政府办公室 企业微信群机器人（办公室群）', true],
      ['县教育局 钉钉群机器人', true],
      ['县教育局 电子邮件', true],
      ['县水利局 企业微信群机器人', false],
    ]);
    expect(results[3]!.error).toContain('SL_WECOM_HOOK');
    expect(hits.map((h) => h.path)).toEqual(['/wecom/office', '/dingtalk/jyj']);
    expect(hits[0]!.body.markdown.content).toContain('【测试消息】');
    expect(mails).toHaveLength(1);
  });
});

describe('the service hook', () => {
  it('generateRunReports notifies once the documents are final, and a second generation sends nothing new', async () => {
    const { createServiceContext, generateRunReports } = await import('../service/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-notify-svc-'));
    const dbPath = join(dir, 'z.db');
    const store = openStore({ dbPath });
    const config = county();
    config.units[0]!.notify = [{ type: 'wecom', webhook: `${hookUrl}/wecom/jyj?key=K` }];
    config.units[1]!.notify = [];
    const run = startRun(store, { county: '试点县', configPath: 'c.yaml', configHash: 'h', kind: 'inspection', asOf: '2023-12-15' });
    saveFindings(store, run.id, [finding({ id: 'f1', unitId: 'jyj', title: '缺少"政策解读"栏目', checkId: 'column.missing' })]);
    finishRun(store, run.id, 'complete', {});
    const ctx = createServiceContext(
      { dbPath, config, configPath: 'c.yaml', outDir: dir, asOf: '2023-12-15', log: () => undefined },
      store,
    );
    try {
      await generateRunReports(ctx, run.id); // the finding is pending (not reviewed): draft, the office only
      expect(hits.map((h) => h.path)).toEqual(['/wecom/office']);
      const { recordDecision } = await import('../store/index.ts');
      recordDecision(store, { findingId: 'f1', action: 'confirm', by: '审核员', reason: '属实', source: 'web' });
      await generateRunReports(ctx, run.id);
      expect(hits.map((h) => h.path)).toEqual(['/wecom/office', '/wecom/jyj', '/wecom/office']);
      expect(hits[1]!.body.markdown.content).toContain('【整改通知】县教育局');
      await generateRunReports(ctx, run.id);
      expect(hits).toHaveLength(3);
    } finally {
      store.close();
    }
  }, 60_000);
});
