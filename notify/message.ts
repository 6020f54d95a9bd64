// A notification as data: every piece is plain text, and each channel's renderer escapes all of it, so crawled words
// (a finding's title quotes a page) can never become markdown, a mention or HTML.
import { maskText } from '../checks/index.ts';

export interface Message {
  title: string;
  paragraphs: string[];
  items: string[]; // numbered list of problems, at most MAX_ITEMS shown
  more: number; // how many items were left out
  link: { text: string; url: string } | null;
  footer: string; // "临猗县政务公开检查" — also the keyword a 钉钉 robot's 自定义关键词 security setting can require
}

const MAX_ITEMS = 5;
const MAX_ITEM_CHARS = 80;

/** One line of untrusted text: personal numbers masked, control characters and line breaks gone, length capped. */
function plainLine(text: string, max = MAX_ITEM_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = maskText(text)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function message(parts: { title: string; paragraphs: string[]; items?: string[]; link?: Message['link']; footer: string }): Message {
  const items = (parts.items ?? []).map((t) => plainLine(t));
  return {
    title: plainLine(parts.title, 60),
    paragraphs: parts.paragraphs.map((p) => plainLine(p, 400)),
    items: items.slice(0, MAX_ITEMS),
    more: Math.max(0, items.length - MAX_ITEMS),
    link: parts.link ?? null,
    footer: plainLine(parts.footer, 60),
  };
}

/**
 * The workspace address joined with a page path ('/unit'), kept under the address's own path (a workspace behind
 * https://host/zwgk/); null when no address is configured (the message then names the workspace in words).
 */
export function workspaceLink(base: string | undefined, path: string): string | null {
  if (!base) return null;
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`).href;
}
