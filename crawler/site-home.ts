// Reads what a government site's home page shows for the 19号 site-level checks: footer marks, search, 找错 entry,
// dated items. Pure: HTML in, SiteFacts out.
import type { CheerioAPI } from 'cheerio';
import type { MarkFound, SiteFacts } from '../store/index.ts';
import { parseDate } from './dates.ts';
import { cleanText, loadHtml, resolveHref } from './extract-html.ts';
import { hostMatches, loadSiteVocab, type SiteVocab } from './site-vocab.ts';

const DATE_IN_TEXT = /(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\b\d{1,2}-\d{1,2}\b)/;
const ITEM_CONTAINERS = new Set(['li', 'tr', 'dd', 'dt', 'p']);

function excerptAround(text: string, index: number, len = 40): string {
  return text.slice(Math.max(0, index - 10), index + len).trim();
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

interface Anchor {
  href: string | null;
  text: string;
  imgAlt: string;
  imgSrc: string;
  id: string;
  onclick: string;
}

function anchorsOf($: CheerioAPI, base: string): Anchor[] {
  return $('a')
    .toArray()
    .map((el) => {
      const a = $(el);
      const img = a.find('img').first();
      return {
        href: resolveHref(a.attr('href'), base),
        text: cleanText(a.text()),
        imgAlt: `${img.attr('alt') ?? ''} ${img.attr('title') ?? ''}`.trim(),
        imgSrc: img.attr('src') ?? '',
        id: `${a.attr('id') ?? ''} ${a.parent().attr('id') ?? ''}`,
        onclick: a.attr('onclick') ?? '',
      };
    });
}

function labelled(text: string, labels: readonly string[], value: RegExp | null): MarkFound | null {
  for (const label of labels) {
    const re = new RegExp(`${label}\\s*[:：]?\\s*${value ? `(${value.source})` : '([^\\s|｜,，;；]{2,40})'}`);
    const m = re.exec(text);
    if (m) return { value: m[1].trim(), where: 'text', excerpt: excerptAround(text, m.index) };
  }
  return null;
}

function policeMark(v: SiteVocab, text: string, anchors: Anchor[]): MarkFound | null {
  for (const p of v.police.patterns) {
    const m = new RegExp(p).exec(text);
    if (m) return { value: m[1] ?? m[0], where: 'text', excerpt: excerptAround(text, m.index) };
  }
  // Image-only badge: the number is in the link to the 公安 registry (registerSystemInfo?recordcode=…).
  for (const a of anchors) {
    if (!a.href || !hostMatches(hostOf(a.href), v.police.linkHosts)) continue;
    const url = new URL(a.href);
    const code = v.police.linkParams.map((k) => url.searchParams.get(k)).find((x) => x && /^\d{6,20}$/.test(x)) ?? null;
    if (code || a.text || a.imgSrc) return { value: code, where: a.text ? 'link' : 'image', excerpt: a.text || a.imgAlt || a.href };
  }
  return null;
}

function icpMark(v: SiteVocab, text: string, anchors: Anchor[]): MarkFound | null {
  const m = new RegExp(v.icp.pattern).exec(text);
  if (m) return { value: m[0].replace(/\s+/g, ''), where: 'text', excerpt: excerptAround(text, m.index) };
  const a = anchors.find((x) => x.href && hostMatches(hostOf(x.href), v.icp.linkHosts) && /\d/.test(x.text));
  return a ? { value: a.text, where: 'link', excerpt: a.text } : null;
}

function siteCodeMark(v: SiteVocab, $: CheerioAPI, text: string): MarkFound | null {
  const t = labelled(text, v.siteCode.labels, new RegExp(v.siteCode.value));
  if (t) return t;
  for (const name of v.siteCode.meta) {
    const content = $(`meta[name="${name}"]`).attr('content')?.trim();
    if (content && new RegExp(`^${v.siteCode.value}$`).test(content))
      return { value: content, where: 'meta', excerpt: `<meta name="${name}" content="${content}">` };
  }
  return null;
}

function searchMark(v: SiteVocab, $: CheerioAPI, anchors: Anchor[]): MarkFound | null {
  for (const form of $('form').toArray()) {
    const f = $(form);
    const action = (f.attr('action') ?? '').toLowerCase();
    const inputs = f
      .find('input')
      .toArray()
      .map((i) => ({ name: $(i).attr('name') ?? $(i).attr('id') ?? '', type: ($(i).attr('type') ?? 'text').toLowerCase() }));
    const textInput = inputs.some((i) => i.type === 'text' || i.type === 'search');
    const words = `${f.text()} ${f
      .find('input[type=submit],button,input[type=button]')
      .toArray()
      .map((b) => `${$(b).attr('value') ?? ''}${$(b).text()}`)
      .join(' ')}`;
    if (
      textInput &&
      (v.search.actionWords.some((w) => action.includes(w)) ||
        inputs.some((i) => v.search.inputNames.includes(i.name)) ||
        v.search.texts.some((w) => words.includes(w)))
    ) {
      return { value: f.attr('action') ?? null, where: 'text', excerpt: `搜索表单 action=${f.attr('action') ?? ''}` };
    }
  }
  // Script-driven boxes: a text input next to a 搜索 button, or a link to the search page.
  const input = $('input')
    .toArray()
    .find(
      (i) =>
        v.search.inputNames.includes($(i).attr('name') ?? $(i).attr('id') ?? '') || /搜索|检索|关键/.test($(i).attr('placeholder') ?? ''),
    );
  if (input) return { value: null, where: 'text', excerpt: `搜索框 ${$(input).attr('placeholder') ?? $(input).attr('name') ?? ''}`.trim() };
  const a = anchors.find(
    (x) => v.search.texts.includes(x.text) && x.href && v.search.actionWords.some((w) => x.href!.toLowerCase().includes(w)),
  );
  return a ? { value: a.href, where: 'link', excerpt: a.text } : null;
}

function errorReportMark(v: SiteVocab, $: CheerioAPI, anchors: Anchor[]): MarkFound | null {
  const a = anchors.find(
    (x) =>
      v.errorReport.texts.some((w) => x.text.includes(w) || x.imgAlt.includes(w)) ||
      (x.href && hostMatches(hostOf(x.href), v.errorReport.linkHosts)) ||
      v.errorReport.ids.some((id) => x.id.includes(id)) ||
      /jiucuo/i.test(x.onclick),
  );
  if (a) return { value: a.href, where: a.text ? 'link' : 'image', excerpt: a.text || a.imgAlt || a.href || '找错入口' };
  for (const el of $('script[src], script[id], span[id]').toArray()) {
    const src = $(el).attr('src') ?? '';
    const id = $(el).attr('id') ?? '';
    if (v.errorReport.scriptWords.some((w) => src.includes(w)) || v.errorReport.ids.some((w) => id.startsWith(w))) {
      return { value: src || null, where: 'image', excerpt: src ? `找错组件脚本 ${src}` : `找错组件 #${id}` };
    }
  }
  return null;
}

function conacMark(v: SiteVocab, $: CheerioAPI, anchors: Anchor[]): MarkFound | null {
  if (v.conac.ids.some((id) => $(`#${id}`).length > 0)) return { value: null, where: 'image', excerpt: '党政机关网站标识' };
  const a = anchors.find((x) => x.href && hostMatches(hostOf(x.href), v.conac.linkHosts));
  return a ? { value: null, where: 'image', excerpt: a.href ?? '' } : null;
}

function datedItems($: CheerioAPI, base: string, asOf: string): { items: SiteFacts['datedItems']; undated: number } {
  const items = new Map<string, SiteFacts['datedItems'][number]>();
  let undated = 0;
  for (const el of $('a[href]').toArray()) {
    const a = $(el);
    const title = cleanText(a.attr('title') || a.text());
    const url = resolveHref(a.attr('href'), base);
    if (!url || title.length < 6 || !/^https?:/.test(url)) continue;
    let container = a.parent();
    while (
      container.length &&
      !ITEM_CONTAINERS.has(container[0]?.type === 'tag' ? container[0].name : '') &&
      container.parents().length > 1
    ) {
      if (cleanText(container.text()).length > title.length + 40) break;
      container = container.parent();
    }
    const near = cleanText(container.text()).slice(0, title.length + 60);
    const m = DATE_IN_TEXT.exec(near.replace(title, ' '));
    const parsed = m ? parseDate(m[1], { asOf }) : null;
    if (!parsed) {
      undated++;
      continue;
    }
    if (!items.has(url)) items.set(url, { title, url, date: parsed.date });
  }
  return { items: [...items.values()], undated };
}

/** What the home page shows. `asOf` gives a year-less MM-DD its year. */
export function readSiteFacts(html: string, pageUrl: string, asOf: string, vocab: SiteVocab = loadSiteVocab()): SiteFacts {
  const $ = loadHtml(html);
  const scripts = $('script[src]')
    .toArray()
    .map((s) => ($(s).attr('src') ?? '').toLowerCase());
  const scriptFooter = scripts.some((s) => vocab.footer.scriptWords.some((w) => s.split('/').pop()!.includes(w)));
  const base = pageUrl;
  const anchors = anchorsOf($, base);
  const { items, undated } = datedItems($, base, asOf);
  const errorReport = errorReportMark(vocab, $, anchors);
  const conac = conacMark(vocab, $, anchors);
  $('script, style, noscript, template').remove();
  const text = cleanText($('body').length ? $('body').text() : $.root().text());
  const footerFound = vocab.footer.words.some((w) => text.includes(w));
  const home = hostOf(pageUrl);
  const navigationLinks = [
    ...new Set(
      anchors
        .filter((a) => a.href && hostOf(a.href) === home && a.text.length >= 2 && a.text.length <= 12)
        .map((a) => a.href!.split('#')[0]),
    ),
  ]
    .filter((u) => u !== pageUrl)
    .slice(0, 40);
  return {
    title: cleanText($('title').first().text()) || null,
    siteCode: siteCodeMark(vocab, $, text),
    icp: icpMark(vocab, text, anchors),
    police: policeMark(vocab, text, anchors),
    sponsor: labelled(text, vocab.sponsor.labels, null),
    organizer: labelled(
      text,
      vocab.sponsor.labels.filter((l) => l.startsWith('承办')),
      null,
    ),
    contact: labelled(text, vocab.contact.labels, new RegExp(vocab.contact.value)),
    conac,
    footerFound,
    scriptFooter,
    search: searchMark(vocab, $, anchors),
    errorReport,
    datedItems: items,
    undatedLinks: undated,
    navigationLinks,
  };
}
