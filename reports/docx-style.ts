// Building blocks of a 公文-style .docx (GB/T 9704-2012): A4, 公文 margins, 三号仿宋 body, 「— 1 —」 page numbers.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { FONT } from './fonts.ts';

const PT = 2; // docx sizes are half-points
const SIZE = { title: 22 * PT, body: 16 * PT, table: 12 * PT, footer: 14 * PT } as const;
const MM = 56.7; // twips per millimetre
const LINE = 579; // exact 28.95pt: 22 lines on the 225 mm 版心

function font(name: string) {
  return { eastAsia: name, ascii: FONT.latin, hAnsi: FONT.latin, hint: 'eastAsia' };
}

export function run(text: string, opts: { font?: string; size?: number; bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: font(opts.font ?? FONT.body), size: opts.size ?? SIZE.body, bold: opts.bold, color: opts.color });
}

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 580 },
    children: [run(text, { font: FONT.title, size: SIZE.title })],
  });
}

export function mainTo(text: string): Paragraph {
  return new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text)] });
}

/** 一、… in 黑体 */
export function heading1(text: string): Paragraph {
  return new Paragraph({
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    indent: { firstLine: 640 },
    keepNext: true,
    children: [run(text, { font: FONT.heading })],
  });
}

/** （一）… in 楷体 */
export function heading2(text: string): Paragraph {
  return new Paragraph({
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    indent: { firstLine: 640 },
    keepNext: true,
    children: [run(text, { font: FONT.heading2 })],
  });
}

/** Body text. `ragged`: left-aligned, for paragraphs ending in a URL, which justification would stretch across the line. */
export function body(text: string | TextRun[], opts: { indent?: boolean; ragged?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    alignment: opts.ragged ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    children: typeof text === 'string' ? [run(text)] : text,
  });
}

export function blank(): Paragraph {
  return new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run('')] });
}

/** 落款 and date, right-aligned with 4 characters of right indent as 公文 practice. */
export function signature(issuer: string, date: string): Paragraph[] {
  const right = { right: 4 * 320 };
  return [
    blank(),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: right,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(issuer)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: right,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(date)],
    }),
  ];
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(text: string, opts: { header?: boolean; widthPct?: number; keepNext?: boolean } = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: opts.widthPct ? { size: opts.widthPct, type: WidthType.PERCENTAGE } : undefined,
    borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: lines.map(
      (line) =>
        new Paragraph({
          keepNext: opts.keepNext,
          keepLines: opts.keepNext,
          alignment: opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { font: opts.header ? FONT.heading : FONT.body, size: SIZE.table })],
        }),
    ),
  });
}

/** `keepTogether`: the whole table on one page (a problem's table is never split from its heading or across pages). */
export function table(headers: string[], rows: string[][], widthsPct?: number[], opts: { keepTogether?: boolean } = {}): Table {
  const keep = (i: number) => !!opts.keepTogether && i < rows.length - 1;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell(h, { header: true, widthPct: widthsPct?.[i], keepNext: !!opts.keepTogether })),
      }),
      ...rows.map(
        (r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { widthPct: widthsPct?.[i], keepNext: keep(ri) })) }),
      ),
    ],
  });
}

/** A PNG picture scaled to fit the 156 mm text width. */
export function picture(png: Buffer, widthPx: number, heightPx: number, maxWidthPx = 590): Paragraph {
  const scale = Math.min(1, maxWidthPx / widthPx);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(widthPx * scale), height: Math.round(heightPx * scale) },
      }),
    ],
  });
}

export function caption(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { size: SIZE.table })] });
}

function pageNumberFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 320 } : { left: 320 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer })],
      }),
    ],
  });
}

export async function documentBuffer(meta: { title: string; creator: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
              footer: Math.round(28 * MM) - 567,
            },
          },
        },
        // odd pages right, even pages left (GB/T 9704-2012 7.5)
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const RED = 'FF0000';
const TEXT_WIDTH = Math.round(156 * MM);

/** 发文机关标志 (红头) and 发文字号 over the red 分隔线 (GB/T 9704-2012 7.2). */
export function redHeader(office: string, docNumber: string | null): Paragraph[] {
  const size = Math.max(22, Math.min(36, Math.floor((150 / Math.max(1, [...office].length)) * 2.83))) * PT;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text: office, font: font(FONT.title), size, color: RED })],
    }),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 240 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 } },
      children: [run(docNumber ?? '')],
    }),
    blank(),
  ];
}

/** A title set in several lines, each centred; the breaks are chosen by the caller between words. */
export function titleInLines(lines: string[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 580 },
    children: lines.map((l, i) => new TextRun({ text: l, font: font(FONT.title), size: SIZE.title, break: i ? 1 : 0 })),
  });
}

/** 附注: below the date, indented two characters, in parentheses. */
export function note(text: string): Paragraph {
  return new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, indent: { firstLine: 640 }, children: [run(text)] });
}

/** The "附件" label of an attachment, starting a new page (GB/T 9704-2012 8). */
export function attachmentLabel(text = '附件'): Paragraph {
  return new Paragraph({
    pageBreakBefore: true,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: FONT.heading })],
  });
}

/** 版记: 抄送 and 印发机关/印发日期 between separator lines, at the end of the document (GB/T 9704-2012 7.4). */
export function banji(copyTo: string | null, printer: string, printedOn: string): Paragraph[] {
  const size = 14 * PT;
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 };
  const out: Paragraph[] = [blank()];
  if (copyTo) {
    out.push(
      new Paragraph({
        indent: { left: 280, right: 280 },
        border: { top: thick, bottom: thin },
        children: [new TextRun({ text: `抄送：${copyTo.replace(/[。.]$/, '')}。`, font: font(FONT.body), size })],
      }),
    );
  }
  out.push(
    new Paragraph({
      indent: { left: 280, right: 280 },
      border: copyTo ? { bottom: thick } : { top: thick, bottom: thick },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 560 }],
      children: [new TextRun({ text: `${printer}\t${printedOn}印发`, font: font(FONT.body), size })],
    }),
  );
  return out;
}
