// Each channel's text of a Message. Chat markdown (企业微信, 钉钉) has no escape character both clients honour, so
// characters that mean something there are written as their full-width forms, which read the same in Chinese text.
import { escapeHtml } from '../reports/index.ts';
import type { Message } from './message.ts';

const MARKDOWN_SPECIAL: Record<string, string> = {
  '\\': '＼',
  '`': '｀',
  '*': '＊',
  _: '＿',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '#': '＃',
  '>': '＞',
  '<': '＜',
  '~': '～',
  '|': '｜',
  '!': '！',
  '&': '＆',
  '@': '＠',
  $: '＄',
};

export function escapeChatMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#><~|!&@$]/g, (c) => MARKDOWN_SPECIAL[c]!);
}

/** A link target inside `(…)`: characters that would end it are percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'));
}

/** 企业微信 content is capped at 4096 bytes; 钉钉 accepts more, but a phone shows a short message better. */
const MAX_MARKDOWN_BYTES = 4000;

/** Markdown for a group robot. `blankLines`: 钉钉 needs an empty line to break a line, 企业微信 a newline. */
export function chatMarkdown(m: Message, opts: { blankLines: boolean }): string {
  const nl = opts.blankLines ? '\n\n' : '\n';
  const build = (items: string[], more: number): string => {
    const lines = [`**${escapeChatMarkdown(m.title)}**`, ...m.paragraphs.map(escapeChatMarkdown)];
    const list = items.map((t, i) => `${i + 1}. ${escapeChatMarkdown(t)}`);
    if (more > 0) list.push(`……另有 ${more} 项，请在工作台查看`);
    if (list.length) lines.push(list.join('\n'));
    if (m.link) lines.push(`[${escapeChatMarkdown(m.link.text)}](${linkTarget(m.link.url)})`);
    lines.push(`—— ${escapeChatMarkdown(m.footer)}`);
    return lines.join(nl);
  };
  let items = m.items;
  let text = build(items, m.more);
  while (Buffer.byteLength(text) > MAX_MARKDOWN_BYTES && items.length > 0) {
    items = items.slice(0, -1);
    text = build(items, m.more + (m.items.length - items.length));
  }
  return text;
}

export function emailText(m: Message): string {
  const lines = [m.title, '', ...m.paragraphs];
  if (m.items.length) lines.push('', ...m.items.map((t, i) => `${i + 1}. ${t}`));
  if (m.more > 0) lines.push(`……另有 ${m.more} 项，请在工作台查看`);
  if (m.link) lines.push('', `${m.link.text}：${m.link.url}`);
  lines.push('', `—— ${m.footer}`);
  return lines.join('\n');
}

export function emailHtml(m: Message): string {
  const p = (t: string) => `<p>${escapeHtml(t)}</p>`;
  const items = m.items.length ? `<ol>${m.items.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ol>` : '';
  const more = m.more > 0 ? p(`……另有 ${m.more} 项，请在工作台查看`) : '';
  const link = m.link ? `<p><a href="${escapeHtml(m.link.url)}">${escapeHtml(m.link.text)}</a></p>` : '';
  return `<!doctype html><html lang="zh-CN"><body><h3>${escapeHtml(m.title)}</h3>${m.paragraphs.map(p).join('')}${items}${more}${link}<p style="color:#666">—— ${escapeHtml(m.footer)}</p></body></html>`;
}
