// Attachment text extraction for every format, off the main thread, with the per-file time cap.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { attachmentFormat, extractAttachment, DEFAULT_EXTRACT_LIMITS } from '../crawler/attachment-extract.ts';
import { createAttachmentExtractor } from '../crawler/attachment-pool.ts';
import { attachmentCandidates } from '../crawler/attachments-crawl.ts';
import { PLANTED_ATTACHMENTS } from '../sample/content/privacy.ts';

const bytesOf = (file: string): Buffer => readFileSync(new URL(`../sample/attachments/${file}`, import.meta.url));

describe('extractAttachment', () => {
  for (const a of PLANTED_ATTACHMENTS) {
    it(`reads ${a.file} (${a.ext}): heading, names and numbers${a.ext === 'pdf' ? '' : ', table with its header'}`, async () => {
      const r = await extractAttachment(bytesOf(a.file), a.ext);
      expect(r.format).toBe(a.ext);
      expect(r.text.replace(/\s+/g, '')).toContain(a.heading.replace(/\s+/g, ''));
      for (const row of a.rows) expect(r.text).toContain(row[1]);
      if (a.ext === 'pdf') {
        expect(r.pages).toBe(1);
        // numbers may wrap inside a narrow cell: the digits are all there, in order
        expect(r.text.replace(/\s+/g, '')).toContain(a.rows[0][3]);
        return;
      }
      const table = r.tables.find((t) => t.headers.includes(a.header[1]));
      expect(table, 'table with the header row').toBeDefined();
      expect(table!.headers).toEqual(a.header);
      expect(table!.rows.slice(0, a.rows.length).map((row) => row[3])).toEqual(a.rows.map((row) => row[3]));
      expect(r.text).toContain(a.note);
    }, 30_000);
  }

  it('caps rows and marks the result truncated', async () => {
    const r = await extractAttachment(bytesOf('jzmd-2023-11.xls'), 'xls', { ...DEFAULT_EXTRACT_LIMITS, maxRows: 4 });
    expect(r.truncated).toBe(true);
    expect(r.tables[0].rows.length).toBeLessThanOrEqual(3);
  });

  it('refuses a damaged file with a Chinese message naming the format', async () => {
    await expect(extractAttachment(Buffer.from('this is not a spreadsheet at all'), 'docx')).rejects.toThrow(/附件无法读取（docx）/);
    await expect(extractAttachment(Buffer.from('%PDF-1.4\n garbage'), 'pdf')).rejects.toThrow(/附件无法读取（pdf）/);
  });

  it('knows the format by extension or content type', () => {
    expect(attachmentFormat('http://x.gov.cn/a/名单.XLS')).toBe('xls');
    expect(attachmentFormat('http://x.gov.cn/a/b.et')).toBe('et');
    expect(attachmentFormat('http://x.gov.cn/download?id=3', 'application/pdf')).toBe('pdf');
    expect(attachmentFormat('http://x.gov.cn/a/b.html')).toBeNull();
  });
});

describe('attachment worker', () => {
  const pool = createAttachmentExtractor({ timeoutMs: 20_000 });
  afterAll(() => pool.close());

  it('extracts on a worker thread, and a file over the time cap is skipped without losing the next one', async () => {
    const r = await pool.extract(bytesOf('zlmd-2023.doc'), 'doc', DEFAULT_EXTRACT_LIMITS);
    expect(r.tables[0].rows).toHaveLength(6);
    const hasty = createAttachmentExtractor({ timeoutMs: 1 });
    try {
      await expect(hasty.extract(bytesOf('gsmd-2023.pdf'), 'pdf', DEFAULT_EXTRACT_LIMITS)).rejects.toThrow(/附件读取超时/);
    } finally {
      await hasty.close();
    }
    const again = await pool.extract(bytesOf('btgs-2023.xlsx'), 'xlsx', DEFAULT_EXTRACT_LIMITS);
    expect(again.tables[0].rows).toHaveLength(9 + 1); // and the note below the list
  }, 60_000);

  it('reports an unreadable file as an error, and keeps working', async () => {
    await expect(pool.extract(Buffer.from('not a word file'), 'doc', DEFAULT_EXTRACT_LIMITS)).rejects.toThrow(/附件无法读取（doc）/);
    const r = await pool.extract(bytesOf('lqmd-2023.docx'), 'docx', DEFAULT_EXTRACT_LIMITS);
    expect(r.tables).toHaveLength(1);
  }, 60_000);

  it('stops its worker when idle and starts a new one for the next file', async () => {
    const idle = createAttachmentExtractor({ timeoutMs: 20_000, idleStopMs: 200 });
    try {
      expect((await idle.extract(bytesOf('zlmd-2023.doc'), 'doc', DEFAULT_EXTRACT_LIMITS)).tables[0].rows).toHaveLength(6);
      expect(idle.workerRunning()).toBe(true);
      await new Promise((r) => setTimeout(r, 600));
      expect(idle.workerRunning()).toBe(false);
      const [a, b] = await Promise.all([
        idle.extract(bytesOf('btgs-2023.xlsx'), 'xlsx', DEFAULT_EXTRACT_LIMITS),
        idle.extract(bytesOf('lqmd-2023.docx'), 'docx', DEFAULT_EXTRACT_LIMITS),
      ]);
      expect(a.tables[0].rows).toHaveLength(9 + 1);
      expect(b.tables).toHaveLength(1);
      expect(idle.workersStarted()).toBe(2); // one new worker for both files, not the main thread
    } finally {
      await idle.close();
    }
  }, 60_000);
});

describe('attachmentCandidates', () => {
  it('takes each in-scope attachment link once, in page order, up to the cap', () => {
    const pages = [
      {
        url: 'http://a.gov.cn/1.html',
        links: [
          { url: 'http://a.gov.cn/f/名单.xls', text: '救助名单' },
          { url: 'http://a.gov.cn/2.html', text: '下一篇' },
        ],
      },
      {
        url: 'http://a.gov.cn/3.html',
        links: [
          { url: 'http://a.gov.cn/f/名单.xls#p1', text: '' },
          { url: 'http://b.com/x.pdf', text: '外站' },
          { url: 'http://a.gov.cn/f/b.docx', text: '' },
        ],
      },
    ] as never;
    const c = attachmentCandidates(pages, (u) => u.startsWith('http://a.gov.cn/'), 10);
    expect(c.map((x) => [x.url, x.name, x.pageUrl])).toEqual([
      ['http://a.gov.cn/f/名单.xls', '救助名单', 'http://a.gov.cn/1.html'],
      ['http://a.gov.cn/f/b.docx', 'b.docx', 'http://a.gov.cn/3.html'],
    ]);
    expect(attachmentCandidates(pages, () => true, 1)).toHaveLength(1);
  });
});
