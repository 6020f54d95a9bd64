// The contact and channel parts of a 信息公开指南 in four wordings taken from real guides, so that the checks meet
// each element in more than one form (the element ids are those of GUIDE_ELEMENTS):
// - prose: one labelled paragraph per element (办公地址 / 办公时间 / 联系电话 / 传真号码 / 电子邮箱), the sample's original;
// - pingtan: ../shared/real-pages texts/fj-pingtan-guide-paragraphs.html (平潭): 通信地址, 咨询电话, 咨询时间 with
//   夏令时/冬令时, the portal named on one line and its address alone on the next, 官方微信公众号：…, 区档案馆地址：…;
//   传真：… as on fj-pingtan-jg-jsplj (the 平潭 guide gives no fax);
// - table: test/fixtures/real-modelled/pages/hlj-baoqing-guide-table.html (宝清县 guide, contacts as a table): a
//   受理机构 | 地址 | 联系电话 | 传真 | 受理时间 table, the site address as plain text, 在微信中搜索“…”, 查阅场所 table;
// - wangkui: test/fixtures/real-modelled/pages/hlj-wangkui-guide.gbk.html (望奎县 guide): 网址：…, “…”微信公众号。微信号：…,
//   查阅点。联系地址：…, 办公时间 by season.
import { escapeHtml } from '../render/escape.ts';

export interface ContactInfo {
  address: string;
  phone: string;
  fax: string;
  email: string;
}

export type GuideFamily = 'prose' | 'pingtan' | 'table' | 'wangkui';
export const GUIDE_FAMILIES: readonly GuideFamily[] = ['prose', 'pingtan', 'table', 'wangkui'];

export interface GuideParts {
  org: string; // escaped
  unitId: string;
  account: string;
  contact: ContactInfo;
  websiteAsLink: boolean;
  has: (id: string) => boolean;
  /** Elements printed as a bare label with nothing after it (联系电话： and no number): a gap that looks present. */
  labelOnly: (id: string) => boolean;
}

const SITE = 'http://www.sxlinyi.gov.cn';
const ARCHIVE = '临猗县城东大街88号';
const LIBRARY = '临猗县城西大街12号';

function siteUrl(g: GuideParts): string {
  return `${SITE}/zwgk/${g.unitId}/`;
}

/** The 获取方式 channels: website, new-media account, reading rooms. */
export function channelsHtml(g: GuideParts, family: GuideFamily): string[] {
  const p: string[] = [];
  const account = escapeHtml(g.account);
  switch (family) {
    case 'prose': {
      const url = siteUrl(g);
      if (g.has('website'))
        p.push(
          g.websiteAsLink
            ? `<p>1. 政府网站：临猗县人民政府门户网站“政府信息公开”专栏，网址：<a href="/zwgk/${g.unitId}/" target="_blank">${url}</a>。</p>`
            : `<p>1. 政府网站：临猗县人民政府门户网站“政府信息公开”专栏，网址：${url}。</p>`,
        );
      if (g.has('newMedia')) p.push(`<p>2. 政务新媒体：微信公众号“${account}”。</p>`);
      if (g.has('readingRoom'))
        p.push(
          `<p>3. 政府信息查阅场所：临猗县档案馆（地址：${ARCHIVE}）、临猗县图书馆（地址：${LIBRARY}）、临猗县政务服务中心政务公开专区。</p>`,
        );
      return p;
    }
    case 'pingtan':
      if (g.has('website')) p.push('<p>1.“临猗县人民政府”政府门户网站</p>', `<p>${siteUrl(g)}</p>`);
      if (g.has('newMedia')) p.push(`<p>2.官方微信公众号：${account}</p>`);
      p.push('<p>3.电视、报刊等其他形式</p>');
      if (g.has('readingRoom'))
        p.push(`<p>县档案馆地址：${ARCHIVE}，联系电话：0359-4022110</p>`, `<p>县图书馆地址：${LIBRARY}，联系电话：0359-4022301</p>`);
      return p;
    case 'table': {
      const ways: string[] = [];
      if (g.has('website')) ways.push('可登录临猗县人民政府网站 www.sxlinyi.gov.cn 查阅主动公开的政府信息');
      if (g.has('newMedia')) ways.push(`可在微信中搜索“${account}”关注后查阅`);
      if (ways.length) p.push(`<p>公众${ways.join('，也')}。</p>`);
      if (g.has('readingRoom'))
        p.push(
          '<p>县档案馆、县图书馆设有政府信息查阅点，地点见下表。</p>',
          `<table border="1"><tr><td>查阅场所</td><td>地址</td></tr><tr><td>临猗县档案馆</td><td>${ARCHIVE}</td></tr><tr><td>临猗县图书馆</td><td>${LIBRARY}</td></tr></table>`,
        );
      return p;
    }
    case 'wangkui':
      if (g.has('website')) p.push(`<p>1.临猗县人民政府网站。网址：${siteUrl(g)}。</p>`);
      if (g.has('newMedia')) p.push(`<p>2.“${account}”微信公众号。微信号：${escapeHtml(g.unitId)}-fb</p>`);
      if (g.has('readingRoom'))
        p.push(`<p>3.在临猗县政务服务中心（行政服务大厅）设置政府信息公开查阅点。联系地址：${ARCHIVE}，联系电话：0359-4022110。</p>`);
      return p;
  }
}

const HOURS: Record<GuideFamily, string> = {
  prose: '周一至周五（法定节假日除外）上午8:00-12:00，下午15:00-18:00',
  pingtan: '周一至周五（法定节假日除外），上午8:00至12:00，下午3:00至6:00（夏令时）、2：30至5：30（冬令时）。',
  table: '工作日上午8:00—12:00，下午15:00—18:00',
  wangkui: '5月1日至9月30日8:00-12:00、15:00-18:00（法定节假日除外），10月1日至次年4月30日8:00-12:00、14:30-17:30（法定节假日除外）。',
};

type Field = [id: string, label: string, value: string];

function contactFields(g: GuideParts, family: GuideFamily): Field[] {
  const c = g.contact;
  const labels: Record<GuideFamily, [string, string, string, string, string]> = {
    prose: ['办公地址', '办公时间', '联系电话', '传真号码', '电子邮箱'],
    pingtan: ['通信地址', '咨询时间', '咨询电话', '传真', '电子邮箱'],
    table: ['地址', '受理时间', '联系电话', '传真', '电子邮箱'],
    wangkui: ['办公地址', '办公时间', '联系电话', '传真号码', '电子邮箱'],
  };
  const [address, hours, phone, fax, email] = labels[family];
  const fields: Field[] = [
    ['address', address, escapeHtml(c.address)],
    ['hours', hours, HOURS[family]],
    ['phone', phone, c.phone],
    ['fax', fax, c.fax],
    ['email', email, c.email],
  ];
  // 平潭 and 望奎 give the hours last, after the numbers
  return family === 'pingtan' || family === 'wangkui' ? [fields[0], ...fields.slice(2), fields[1]] : fields;
}

/** 受理机构 and its address, hours, phone, fax and e-mail. */
export function contactHtml(g: GuideParts, family: GuideFamily): string[] {
  const fields = contactFields(g, family).filter(([id]) => g.has(id) || g.labelOnly(id));
  const value = ([id, , v]: Field) => (g.labelOnly(id) ? '' : v);
  if (family === 'table') {
    const head = ['受理机构', ...fields.map(([, label]) => label)];
    const row = [`${g.org}办公室`, ...fields.map(value)];
    return [
      '<p>（一）受理机构。本机关政府信息公开工作机构的联系方式见下表。</p>',
      `<table border="1"><tr>${head.map((h) => `<td>${h}</td>`).join('')}</tr><tr>${row.map((v) => `<td>${v}</td>`).join('')}</tr></table>`,
    ];
  }
  const p: string[] = [];
  if (g.has('agency'))
    p.push(
      family === 'pingtan'
        ? `<p>（一）受理政府信息公开申请机构</p><p>受理机构：${g.org}政府信息公开工作领导小组办公室</p>`
        : `<p>（一）受理机构。${g.org}办公室负责受理向本机关提出的政府信息公开申请（政府信息公开工作机构）。</p>`,
    );
  const sep = family === 'wangkui' ? '；' : '';
  for (const f of fields) p.push(`<p>${f[1]}：${value(f)}${sep}</p>`);
  return p;
}
