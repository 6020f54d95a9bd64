// The HTML form of every report: one self-contained page (inline CSS, charts as data: URIs), A4 print styles.
import { CSS_FONT } from './fonts.ts';
import { escapeHtml, safeHref } from './format.ts';

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: ${CSS_FONT.title}; font-size: 14pt; } }
html { background: #f3f3f3; }
body { font-family: ${CSS_FONT.body}; font-size: 16pt; line-height: 28.95pt; color: #000; margin: 0; }
main { background: #fff; max-width: 156mm; margin: 0 auto; padding: 20mm 26mm 20mm 28mm; }
h1 { font-family: ${CSS_FONT.title}; font-size: 22pt; line-height: 35pt; font-weight: normal; text-align: center; margin: 0 0 28.95pt; }
h2 { font-family: ${CSS_FONT.heading}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h3 { font-family: ${CSS_FONT.heading2}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.to, p.plain { text-indent: 0; }
p.sign { text-align: right; text-indent: 0; padding-right: 4em; }
.draft { border: 2px solid #c00; color: #c00; text-indent: 0; text-align: center; margin-bottom: 1em; }
.pending { color: #c00; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; margin: 8pt 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
th { font-family: ${CSS_FONT.heading}; font-weight: normal; }
td.num, th.num { text-align: center; }
figure { margin: 12pt 0; text-align: center; }
figure img { max-width: 100%; }
figcaption { font-size: 12pt; }
a { color: #000; }
.url { font-family: "Times New Roman", serif; font-size: 11pt; overflow-wrap: anywhere; }
img.shot { max-width: 100%; border: 1px solid #999; }
@media print { html { background: none; } main { padding: 0; max-width: none; } }
`;

/** A whole HTML document; `bodyHtml` must already be escaped. */
export function page(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body><main>
${bodyHtml}
</main></body>
</html>
`;
}

/** An escaped link to a crawled URL, or the escaped text when it is not http(s). */
export function link(url: string | undefined | null): string {
  if (!url) return '';
  const href = safeHref(url);
  return href
    ? `<a class="url" href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(url)}</a>`
    : `<span class="url">${escapeHtml(url)}</span>`;
}

export function htmlTable(headers: string[], rows: string[][], numericCols: number[] = []): string {
  const th = headers.map((h, i) => `<th${numericCols.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const trs = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numericCols.includes(i) ? ' class="num"' : ''}>${escapeHtml(c).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}
