// The Chinese text of each notification: short, what happened, what to do, where to look.
import { message, workspaceLink, type Message } from './message.ts';

export function dateZh(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function monthZh(isoDate: string): string {
  const [y, m] = isoDate.slice(0, 7).split('-').map(Number);
  return `${y}年${m}月`;
}

export interface Basics {
  county: string;
  office: string; // 临猗县人民政府办公室
  workspaceUrl: string | undefined;
}

const footer = (b: Basics) => `${b.county}政务公开检查`;

function link(b: Basics, path: string, text: string): Message['link'] {
  const url = workspaceLink(b.workspaceUrl, path);
  return url ? { text, url } : null;
}

const where = (b: Basics) => (b.workspaceUrl ? '工作台' : '政务公开工作台');

export function rectifyNoticeMessage(
  b: Basics,
  n: { unitName: string; asOf: string; deadline: string; problems: string[]; warnings: number },
): Message {
  const count = n.problems.length;
  if (count === 0) {
    return message({
      title: `【预警提示】${n.unitName}：${monthZh(n.asOf)}检查有预警事项${n.warnings}项`,
      paragraphs: [
        `${b.office}在${dateZh(n.asOf)}的政务公开全覆盖检查中，发现贵单位有${n.warnings}项预警事项（本次不扣分），请登录${where(b)}查看并及时处理。`,
      ],
      link: link(b, '/unit', '查看预警事项'),
      footer: footer(b),
    });
  }
  return message({
    title: `【整改通知】${n.unitName}：${monthZh(n.asOf)}检查发现问题${count}项`,
    paragraphs: [
      `${b.office}在${dateZh(n.asOf)}的政务公开全覆盖检查中发现贵单位问题${count}项${n.warnings ? `，另有预警事项${n.warnings}项` : ''}，请于${dateZh(n.deadline)}前完成整改。`,
      `整改完成后，请登录${where(b)}在对应问题上点击“已整改”，系统将自动复查并反馈结果。`,
    ],
    items: n.problems,
    link: link(b, '/unit', '查看整改通知单和问题详情'),
    footer: footer(b),
  });
}

interface RecheckOutcome {
  passed: string[];
  failed: string[];
}

export function recheckMessage(
  b: Basics,
  n: {
    unitName: string;
    reason: 'rectify' | 'selfcheck';
    state: 'done' | 'failed';
    problem: string | null;
    outcome: RecheckOutcome;
    deductions: number | null;
  },
): Message {
  const lnk = link(b, '/unit', '查看复查结果');
  if (n.state === 'failed') {
    return message({
      title: `【复查未完成】${n.unitName}`,
      paragraphs: [
        `贵单位的${n.reason === 'selfcheck' ? '自查' : '整改复查'}未能完成（${n.problem ?? '抓取失败'}），无法确认整改情况。请核对整改后页面的网址后重新提交，或联系${b.office}。`,
      ],
      link: lnk,
      footer: footer(b),
    });
  }
  if (n.reason === 'selfcheck' && n.outcome.passed.length + n.outcome.failed.length === 0) {
    return message({
      title: `【自查完成】${n.unitName}：${n.deductions ? `发现扣分问题${n.deductions}项` : '未发现扣分问题'}`,
      paragraphs: [
        n.deductions
          ? `贵单位申请的自查已完成，发现扣分问题${n.deductions}项，请登录${where(b)}查看。`
          : '贵单位申请的自查已完成，未发现扣分问题。',
      ],
      link: lnk,
      footer: footer(b),
    });
  }
  const { passed, failed } = n.outcome;
  return message({
    title: `【复查结果】${n.unitName}：${passed.length}项通过${failed.length ? `，${failed.length}项未通过` : ''}`,
    paragraphs: [
      failed.length
        ? `复查已完成：${passed.length}项问题已整改到位，${failed.length}项仍未通过（见下），请继续整改后重新点击“已整改”。`
        : `复查已完成：提交整改的${passed.length}项问题均已整改到位。`,
    ],
    items: failed.map((t) => `未通过：${t}`),
    link: lnk,
    footer: footer(b),
  });
}

export function monthlyDraftMessage(b: Basics, n: { asOf: string; problems: number; unitsWithProblems: number; pending: number }): Message {
  return message({
    title: `【检查完成】${monthZh(n.asOf)}全覆盖检查：${n.pending}项待审核`,
    paragraphs: [
      `${dateZh(n.asOf)}的政务公开全覆盖检查已完成，发现问题${n.problems}项，涉及${n.unitsWithProblems}个单位，其中${n.pending}项待人工审核。`,
      '审核完成后重新生成报告，即形成正式通报和各单位整改通知单，并通知各单位。',
    ],
    link: link(b, '/queue', '进入审核队列'),
    footer: footer(b),
  });
}

export function monthlyFinalMessage(
  b: Basics,
  n: { asOf: string; units: number; problems: number; unitsWithProblems: number; unitsNotified: number },
): Message {
  const ok = n.units - n.unitsWithProblems;
  const rate = n.units ? `${((ok / n.units) * 100).toFixed(1).replace(/\.0$/, '')}%` : '—';
  return message({
    title: `【通报已生成】${b.county}${monthZh(n.asOf)}政务公开检查通报`,
    paragraphs: [
      n.problems
        ? `本次检查${n.units}个单位，${ok}个单位未发现问题，合格率${rate}；发现问题${n.problems}项，涉及${n.unitsWithProblems}个单位。`
        : `本次检查${n.units}个单位，均未发现需要通报的问题，合格率100%。`,
      n.unitsNotified
        ? `整改通知已发送给${n.unitsNotified}个配置了通知渠道的单位。`
        : '没有单位配置通知渠道，整改通知单请从工作台下载后印发。',
    ],
    link: link(b, '/reports', '下载通报和整改通知单'),
    footer: footer(b),
  });
}

export function reminderMessage(b: Basics, n: { unitName: string; deadline: string; workdaysLeft: number; open: string[] }): Message {
  return message({
    title: `【整改提醒】${n.unitName}：${n.open.length}项问题${dateZh(n.deadline)}到期`,
    paragraphs: [
      `距整改期限（${dateZh(n.deadline)}）还有${n.workdaysLeft}个工作日，贵单位尚有${n.open.length}项问题未整改或未提交“已整改”。逾期未整改的，将在下月通报中再次通报。`,
    ],
    items: n.open,
    link: link(b, '/unit', '查看待整改问题'),
    footer: footer(b),
  });
}

export function testMessage(b: Basics, label: string): Message {
  return message({
    title: '【测试消息】政务公开检查通知渠道',
    paragraphs: [`这是一条测试消息：${label}已配置成功，今后的整改通知、复查结果和月度检查通报将发送到这里。`],
    link: link(b, '/', '打开工作台'),
    footer: footer(b),
  });
}
