// Writes the sample portal's attachment files (sample/attachments/) from sample/content/privacy.ts.
// .xls/.xlsx by SheetJS, .docx by docx; .doc and .pdf are converted from the .docx by LibreOffice (soffice), which
// is why the files are committed rather than made when the portal starts. Run: npx tsx scripts/make-sample-attachments.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PLANTED_ATTACHMENTS, type PlantedAttachment } from '../sample/content/privacy.ts';

const OUT = new URL('../sample/attachments/', import.meta.url).pathname;

function sheet(a: PlantedAttachment, bookType: 'biff8' | 'xlsx'): Buffer {
  const ws = XLSX.utils.aoa_to_sheet([[a.heading], a.header, ...a.rows, [a.note]]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '名单');
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

async function docx(a: PlantedAttachment): Promise<Buffer> {
  const cell = (t: string) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, font: 'Noto Sans CJK SC' })] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [a.header, ...a.rows].map((r) => new TableRow({ children: r.map(cell) })),
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: a.heading, bold: true, font: 'Noto Sans CJK SC' })] }),
          table,
          new Paragraph({ children: [new TextRun({ text: a.note, font: 'Noto Sans CJK SC' })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function convert(source: Buffer, to: 'doc' | 'pdf'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-attach-'));
  writeFileSync(join(dir, 'in.docx'), source);
  execFileSync('soffice', ['--headless', '--convert-to', to === 'doc' ? 'doc:MS Word 97' : 'pdf', '--outdir', dir, join(dir, 'in.docx')], {
    stdio: 'ignore',
  });
  return readFileSync(join(dir, `in.${to}`));
}

mkdirSync(OUT, { recursive: true });
for (const a of PLANTED_ATTACHMENTS) {
  let bytes: Buffer;
  if (a.ext === 'xls') bytes = sheet(a, 'biff8');
  else if (a.ext === 'xlsx') bytes = sheet(a, 'xlsx');
  else if (a.ext === 'docx') bytes = await docx(a);
  else bytes = convert(await docx(a), a.ext);
  writeFileSync(join(OUT, a.file), bytes);
  console.log(`${a.file}\t${bytes.length} bytes`);
}
