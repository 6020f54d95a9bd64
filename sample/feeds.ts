// New-media feeds: RSS 2.0, Atom and JSON Feed (RSSHub's output formats), each with its own content type.
import type { UnitModel } from './model.ts';
import { escapeHtml } from './render/escape.ts';
import { hexId } from './prng.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function rfc822(date: string, time: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${DAYS[d.getUTCDay()]}, ${date.slice(8, 10)} ${MONTHS[d.getUTCMonth()]} ${date.slice(0, 4)} ${time}:00 +0800`;
}

function iso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

export interface FeedResponse {
  status: number;
  contentType: string;
  body: string;
}

export function renderFeed(unit: UnitModel): FeedResponse {
  const f = unit.feed;
  const posts = f.posts.map((p, i) => ({ ...p, url: `https://mp.weixin.qq.com/s/${hexId(i + 1, unit.id).slice(0, 22)}` }));
  const e = escapeHtml;
  switch (f.kind) {
    case 'broken':
      return { status: 500, contentType: 'text/html; charset=utf-8', body: '<html><body><h1>500 Internal Server Error</h1></body></html>' };
    case 'rss':
      return {
        status: 200,
        contentType: 'application/rss+xml; charset=utf-8',
        body: [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<rss version="2.0"><channel>',
          `<title>${e(f.account)}</title><link>https://mp.weixin.qq.com/</link><description>${e(f.account)} - 微信公众号</description><language>zh-cn</language>`,
          ...posts.map(
            (p) =>
              `<item><title>${e(p.title)}</title><link>${p.url}</link><guid isPermaLink="false">${p.url}</guid><pubDate>${rfc822(p.date, p.time)}</pubDate>${p.pinned ? '<category>置顶</category>' : ''}</item>`,
          ),
          '</channel></rss>',
        ].join('\n'),
      };
    case 'atom':
      return {
        status: 200,
        contentType: 'application/atom+xml; charset=utf-8',
        body: [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<feed xmlns="http://www.w3.org/2005/Atom">',
          `<title>${e(f.account)}</title><id>urn:zwgk-sample:${unit.id}</id><updated>${posts.length ? iso(posts.filter((p) => !p.pinned)[0]?.date ?? posts[0].date, '20:00') : '2023-01-01T00:00:00+08:00'}</updated>`,
          ...posts.map(
            (p) =>
              `<entry><title>${e(p.title)}</title><id>${p.url}</id><link href="${p.url}"/><published>${iso(p.date, p.time)}</published><updated>${iso(p.date, p.time)}</updated>${p.pinned ? '<category term="置顶"/>' : ''}</entry>`,
          ),
          '</feed>',
        ].join('\n'),
      };
    case 'json':
      return {
        status: 200,
        contentType: 'application/feed+json; charset=utf-8',
        body: JSON.stringify(
          {
            version: 'https://jsonfeed.org/version/1.1',
            title: f.account,
            home_page_url: 'https://mp.weixin.qq.com/',
            items: posts.map((p) => ({
              id: p.url,
              url: p.url,
              title: p.title,
              date_published: iso(p.date, p.time),
              ...(p.pinned ? { tags: ['置顶'] } : {}),
            })),
          },
          null,
          2,
        ),
      };
  }
}
