// How times and counts read on the workspace's pages: Beijing time, plain words.

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO timestamp as `2023-12-15 14:05` in Beijing time; a bare date (YYYY-MM-DD) stays as it is. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(BEIJING.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The scheduler's run counters in words: name and measure word. */
const COUNT_WORDS: Record<string, [string, string]> = {
  units: ['单位', '个'],
  unitsDone: ['完成单位', '个'],
  unitsUnreachable: ['无法访问的单位', '个'],
  pagesFetched: ['抓取页面', '个'],
  findings: ['发现问题', '条'],
  deductions: ['扣分问题', '条'],
  reports: ['生成文件', '个'],
  rechecks: ['复查', '次'],
  failed: ['未完成', '次'],
  notified: ['已发通知', '条'],
};

/** `{ units: 4, findings: 12 }` → `单位 4 个，发现问题 12 条`; an unknown counter is shown as 其他, never by its code. */
export function countsInWords(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => {
      const [word, measure] = COUNT_WORDS[k] ?? ['其他', '项'];
      return `${word} ${v} ${measure}`;
    })
    .join('，');
}

/** Where a review decision came from, in words. */
export function sourceLabel(source: string): string {
  if (source === 'web') return '工作台';
  if (source.startsWith('web:')) return `工作台${source.slice(4)}`;
  if (source === 'cli') return '命令行';
  if (source === 'api') return '接口';
  if (source.startsWith('import:')) return `表格导入（${source.slice(7).split(/[\\/]/).pop()}）`;
  return '其他';
}
