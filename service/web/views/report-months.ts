import type { ReportFile } from '../../reports.ts';
import type { ReportMonth } from '../../report-months.ts';
import { csrfField, esc, table } from '../html.ts';
import { beijingTime } from '../zh.ts';

const fileRows = (files: ReportFile[]): string =>
  table(
    ['文件', '大小', '生成时间（北京时间）'],
    files.map((f) => [
      `<a href="/reports/file?path=${encodeURIComponent(f.path)}">${esc(f.path.split('/').pop())}</a>`,
      `<span class="num">${esc(Math.ceil(f.size / 1024))} KB</span>`,
      esc(beijingTime(f.modified)),
    ]),
    'reports',
  );

export function reportMonthsPage(months: ReportMonth[], csrf: string | null, canGenerate: boolean): string {
  const gen =
    canGenerate && csrf
      ? `<form method="post" action="/reports/generate">${csrfField(csrf)}<button type="submit">按最新一次全覆盖检查重新生成报告</button></form>`
      : '';
  if (months.length === 0) return `${gen}<p class="empty">还没有可下载的报告。</p>`;
  const label = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月` : m);
  return (
    gen +
    months
      .map(
        (m) => `<section class="report-month" id="month-${esc(m.month)}"><h2>${esc(label(m.month))}</h2>
<h3>正式版（${m.final.length} 个）${m.final.length ? `　<a class="zip" href="/reports/month/${esc(m.month)}-final.zip">打包下载本月正式版</a>` : ''}</h3>${fileRows(m.final)}
${canGenerate ? `<h3>审核稿（${m.draft.length} 个，问题审核完成后重新生成即为正式版）${m.draft.length ? `　<a class="zip" href="/reports/month/${esc(m.month)}-draft.zip">打包下载本月审核稿</a>` : ''}</h3>${fileRows(m.draft)}` : ''}
</section>`,
      )
      .join('\n')
  );
}
