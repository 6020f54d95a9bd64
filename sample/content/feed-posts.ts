// New-media posts: every 2–8 days through the year unless a gap is planted (limit 14 calendar days, N1).
import type { FeedKind, FeedPostModel } from '../model.ts';
import type { Rng } from '../prng.ts';
import { addDays } from '../dates.ts';
import { NEWS } from './pools.ts';

interface FeedInput {
  account: string;
  short: string;
  asOf: string;
  year: number;
  index: number;
  gaps: { from: string; days: number }[];
  stopsAt?: string;
  broken: boolean;
}

const KINDS: FeedKind[] = ['rss', 'atom', 'json'];

export function buildFeed(rng: Rng, f: FeedInput): { kind: FeedKind; account: string; posts: FeedPostModel[] } {
  const posts: FeedPostModel[] = [];
  const end = f.stopsAt ?? addDays(f.asOf, -rng.int(0, 3));
  let d = `${f.year - 1}-11-${String(rng.int(20, 28))}`;
  const gaps = [...f.gaps];
  while (d <= end) {
    const title = NEWS[rng.int(0, NEWS.length - 1)].replaceAll('{s}', f.short).replaceAll('{m}', String(Number(d.slice(5, 7))));
    posts.push({ title, date: d, time: `${String(rng.int(8, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}` });
    const gap = gaps.find((g) => g.from >= d && g.from <= addDays(d, 8));
    if (gap) {
      posts.push({ title: `${f.short}工作简报`, date: gap.from, time: '09:30' });
      d = addDays(gap.from, gap.days);
      gaps.splice(gaps.indexOf(gap), 1);
    } else {
      d = addDays(d, rng.int(2, 8));
    }
  }
  if (f.index % 5 === 0) posts.push({ title: `【置顶】欢迎关注“${f.account}”`, date: `${f.year - 1}-06-01`, time: '10:00', pinned: true });
  posts.sort((a, b) => (a.pinned !== b.pinned ? (a.pinned ? -1 : 1) : a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return { kind: f.broken ? 'broken' : KINDS[f.index % 3], account: f.account, posts };
}
