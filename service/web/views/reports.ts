import type { ReportFile } from '../../reports.ts';
import { esc, table } from '../html.ts';
import { beijingTime } from '../zh.ts';

export function reportsPage(files: ReportFile[], csrf: string | null, canGenerate: boolean): string {
  const rows = files.map((f) => [
    esc(f.runId ?? ''), `<a href="/reports/file?path=${encodeURIComponent(f.path)}">${esc(f.path)}</a>`, `<span class="num">${esc(Math.ceil(f.size / 1024))} KB</span>`, esc(beijingTime(f.modified)),
  ]);
  const gen = canGenerate && csrf
    ? `<form method="post" action="/reports/generate"><input type="hidden" name="_csrf" value="${esc(csrf)}"><button type="submit">按最新一次全覆盖检查重新生成报告</button></form>`
    : '';
  return `${gen}${table(['检查任务', '文件', '大小', '生成时间'], rows)}`;
}
