// Recognises one 指南要素 / 机构职能字段 by what it is: a phone or fax number next to its label, a time range, a
// street address, a URL or domain, an e-mail address, a 微信公众号/微博 account name, a section heading, a person's
// name next to a title. `strong` means the value itself was seen; `weak` means only its label or a mention.
import type { CheckSettings } from './settings.ts';
import type { ElementDefinition } from './element-definitions.ts';

interface Recognition {
  strength: 'strong' | 'weak';
  index: number;
  /** Chinese: what was seen, e.g. 标签"咨询电话"后的号码. */
  how: string;
}

interface RecognitionSource {
  text: string; // normalised (NFKC) text, tables already spelled out as "表头：单元格"
  links: readonly { text: string; url: string }[];
}

const CLAUSE_END = /[。;；\n]/;
const PHONE = String.raw`(?:\(?0\d{2,3}\)?\s*[-—–]?\s*\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|(?<![\d-])\d{7,8}(?!\d))`;
const TIME_WORD = String.raw`(?:\d{1,2}\s*[:点]\s*\d{0,2}|[上下]午|周[一二三四五六日]|星期[一二三四五六日天]|工作日|节假日|夏令时|冬令时)`;
const TIME_RANGE = String.raw`\d{1,2}\s*[:点]\s*\d{2}\s*(?:[-—–~～]+|至|到)\s*\d{1,2}\s*[:点]\s*\d{2}`;
const WEEKDAYS = String.raw`(?:(?:周|星期)[一二三四五六日天]\s*(?:[-—–~～]+|至|到)\s*(?:周|星期)?[一二三四五六日天]|工作日)`;
const ADDRESS = String.raw`[\u4e00-\u9fa5A-Za-z0-9\-—()（）#]{1,40}?(?:大道|路|街|巷|道|弄|\d+\s*号|\d+\s*[楼层室幢栋]|大厦|大楼|广场|中心|园区|院|村|镇|乡)`;
const URL_IN_TEXT = String.raw`(?<![@\w.])(?:https?:\/\/[^\s)）"'，。、；]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.gov\.cn)`;
const EMAIL = String.raw`[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;
const ACCOUNT = String.raw`[\u4e00-\u9fa5A-Za-z0-9_-]{2,20}`;
const QUOTED = String.raw`[“"「『《]([^”"」』》\n]{2,20})[”"」』》]`;
/** What may stand between a label and its value: a parenthesised note (总值班室), a colon, 为/是, a full stop, a line break. */
const LABEL_GAP = /^\s*(?:[(（][^)）\n]{0,15}[)）])?\s*(?:[:：]|为|是|。|，|,)?\s*/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface LabelHit {
  word: string;
  index: number;
  end: number;
}

/** Occurrences of each label, in the order the labels are listed (earlier labels are more specific). */
function labelHits(
  text: string,
  labels: readonly string[],
  notAfter: readonly string[],
  clauseWide: boolean,
  loose: readonly string[] = [],
): LabelHit[] {
  const out: LabelHit[] = [];
  const taken: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const word of labels) {
    const w = word.toLowerCase();
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      if (taken.some(([a, b]) => i >= a && i < b)) continue; // part of a longer label already seen
      const window = text.slice(Math.max(0, i - 30), i);
      // "…查阅点。联系地址：…" (望奎县指南): a loose label still belongs to the place named just before it on its line
      const before = loose.includes(word)
        ? (window.split('\n').pop() ?? '')
        : clauseWide
          ? (window.split(CLAUSE_END).pop() ?? '')
          : window.slice(-3);
      if (notAfter.some((n) => before.includes(n))) continue;
      out.push({ word, index: i, end: i + word.length });
      taken.push([i, i + word.length]);
    }
  }
  return out;
}

/** The value right after a label (within `within` characters of the gap), or null. */
function valueAfter(text: string, end: number, value: string, within = 0): RegExpExecArray | null {
  const rest = text.slice(end, end + 120);
  const gap = LABEL_GAP.exec(rest)?.[0].length ?? 0;
  // a colon before the value means another label took over ("联系电话：\n传真号码：0359-…" gives no phone number)
  const re = new RegExp(within > 0 ? `^[^\\n。:：]{0,${within}}?(${value})` : `^(${value})`, 'iu');
  return re.exec(rest.slice(gap));
}

function firstMatch(text: string, pattern: string, flags = 'iu'): RegExpExecArray | null {
  return new RegExp(pattern, flags).exec(text);
}

function labelled(
  src: RecognitionSource,
  def: ElementDefinition,
  value: string,
  what: string,
  opts: { within?: number; clauseWide?: boolean } = {},
): { strong: Recognition | null; weak: Recognition | null } {
  // earliest in the text first: a unit's own contact block comes before its offices' (real-pages fj-pingtan-jg-jsplj)
  const hits = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    def.notAfter,
    opts.clauseWide ?? false,
    def.looseLabels,
  ).sort((a, b) => a.index - b.index);
  for (const h of hits) {
    const m = valueAfter(src.text, h.end, value, opts.within);
    if (m) return { strong: { strength: 'strong', index: h.index, how: `标签"${h.word}"后的${what}` }, weak: null };
  }
  const first = hits[0];
  return { strong: null, weak: first ? { strength: 'weak', index: first.index, how: `只见标签"${first.word}"，其后没有${what}` } : null };
}

function strongAt(index: number, how: string): Recognition {
  return { strength: 'strong', index, how };
}

function phone(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, PHONE, '电话号码', { within: 12 });
  return r.strong ?? r.weak;
}

function hours(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, TIME_WORD, '时间段', { within: 30 });
  if (r.strong) return r.strong;
  // no label: a weekday range or 上午/下午 next to a clock-time range is office hours all the same
  const re = new RegExp(
    `(?:${WEEKDAYS}|[上下]午)[^。\\n]{0,40}?${TIME_RANGE}|${TIME_RANGE}[^。\\n]{0,12}?(?:${TIME_RANGE}|[上下]午|${WEEKDAYS})`,
    'u',
  );
  const m = re.exec(src.text);
  if (m) return strongAt(m.index, `时间段"${m[0].slice(0, 30)}"`);
  return r.weak;
}

function address(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, ADDRESS, '地址', { clauseWide: true });
  return r.strong ?? r.weak;
}

function fax(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, PHONE, '号码', { within: 12 });
  return r.strong ?? r.weak;
}

function readingPlace(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const hits = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  );
  const near = new RegExp(`^[^\\n]{0,30}?(?:地址|位于|设在|地点)\\s*[:：为]?\\s*(${ADDRESS})|^[^\\n。]{0,12}?(${ADDRESS})`, 'u');
  for (const h of hits) {
    if (near.test(src.text.slice(h.end, h.end + 90))) return strongAt(h.index, `"${h.word}"及其地址`);
  }
  const first = [...hits].sort((a, b) => a.index - b.index)[0];
  return first ? { strength: 'weak', index: first.index, how: `只见"${first.word}"，未写地址` } : null;
}

function website(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, URL_IN_TEXT, '网址', { within: 40 });
  if (r.strong) return r.strong;
  const m = firstMatch(src.text, URL_IN_TEXT);
  if (m) return strongAt(m.index, `正文中的网址 ${m[0]}`);
  const link = src.links.find(
    (l) => /^https?:\/\//i.test(l.url) && (/^(https?:\/\/|www\.)/i.test(l.text.trim()) || def.labels.some((k) => l.text.includes(k.word))),
  );
  if (link) return strongAt(-1, `链接"${link.text}" → ${link.url}`);
  return r.weak;
}

function internet(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const m = firstMatch(src.text, EMAIL);
  if (m) return strongAt(m.index, `电子邮箱 ${m[0].replace(/\s/g, '')}`);
  const r = labelled(src, def, `${URL_IN_TEXT}|${EMAIL}`, '网址或邮箱', { within: 60 });
  if (r.strong) return r.strong;
  // 网上申请 on a named platform (门户网站 … 依申请公开 系统) is an internet channel even without a URL
  const online = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  ).find((h) => /网站|平台|系统|栏目/.test(src.text.slice(h.end, h.end + 60).split(/[。\n]/)[0]));
  if (online) return strongAt(online.index, `"${online.word}"及其网上平台`);
  return r.weak;
}

function newMedia(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const hits = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  );
  const after = new RegExp(`^\\s*(?:[(（][^)）\\n]{0,10}[)）])?\\s*(?:[:：]|名称[:：]?|为|是)\\s*${ACCOUNT}|^\\s*${QUOTED}`, 'u');
  const before = new RegExp(`${QUOTED}\\s*(?:官方|政务)?\\s*$`, 'u');
  for (const h of hits) {
    if (after.test(src.text.slice(h.end, h.end + 40)) || before.test(src.text.slice(Math.max(0, h.index - 24), h.index))) {
      return strongAt(h.index, `"${h.word}"及其账号名称`);
    }
  }
  const searchFor = firstMatch(src.text, `(?:搜索|关注)\\s*${QUOTED}`);
  if (searchFor) return strongAt(searchFor.index, `"${searchFor[0]}"`);
  const first = [...hits].sort((a, b) => a.index - b.index)[0];
  return first ? { strength: 'weak', index: first.index, how: `只见"${first.word}"，未写账号名称` } : null;
}

function classification(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const h = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  )[0];
  return h ? strongAt(h.index, `"${h.word}"的说明`) : null;
}

function obtainWay(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const h = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  )[0];
  if (h) return strongAt(h.index, `"${h.word}"一节`);
  const m = labelHits(
    src.text,
    def.values.map((v) => v.word),
    [],
    false,
  ).sort((a, b) => a.index - b.index)[0];
  return m ? strongAt(m.index, `申请方式"${m.word}"`) : null;
}

function workBody(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const suffixes = [...def.values.map((v) => v.word)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');
  const org = `[\\u4e00-\\u9fa5（）()]{2,30}?(?:${suffixes})`;
  const hits = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  );
  for (const h of hits) {
    const rest = src.text.slice(h.end, h.end + 60);
    const gap = /^\s*(?:名称)?\s*(?:[:：]|为|是|。|，|,)?\s*/.exec(rest)?.[0].length ?? 0;
    if (new RegExp(`^${org}`, 'u').test(rest.slice(gap))) return strongAt(h.index, `"${h.word}"后的机构名称`);
  }
  const prose = firstMatch(
    src.text,
    `${org}\\s*(?:（[^）]{0,12}）)?\\s*(?:是|为)[^。\\n]{0,30}信息公开[^。\\n]{0,10}(?:主管部门|工作机构)|${org}\\s*(?:具体)?(?:负责|承办)\\s*(?:受理|承办|办理)?[^。\\n]{0,30}(?:政府信息公开|信息公开申请|公开申请)`,
  );
  if (prose) return strongAt(prose.index, '正文写明负责政府信息公开的机构');
  const first = [...hits].sort((a, b) => a.index - b.index)[0];
  return first ? { strength: 'weak', index: first.index, how: `只见"${first.word}"，未写机构名称` } : null;
}

function duties(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const hits = labelHits(
    src.text,
    def.labels.map((l) => l.word),
    [],
    false,
  );
  const generic = def.labels.at(-1)?.word; // the shortest, most general label (职责) needs a list or a colon after it
  for (const h of hits) {
    if (h.word !== generic) return strongAt(h.index, `"${h.word}"一节`);
    if (/^\s*(?:是|为)?\s*[:：]|^\s*(?:是|为)?\s*[(（]?[一1][)）、.]/.test(src.text.slice(h.end, h.end + 12)))
      return strongAt(h.index, `"${h.word}"及其条目`);
  }
  const first = [...hits].sort((a, b) => a.index - b.index)[0];
  return first ? { strength: 'weak', index: first.index, how: `只见"${first.word}"字样` } : null;
}

function contact(src: RecognitionSource, def: ElementDefinition): Recognition | null {
  const r = labelled(src, def, `${PHONE}|${EMAIL}`, '号码', { within: 12 });
  if (r.strong) return r.strong;
  const m = firstMatch(src.text, String.raw`\(?0\d{2,3}\)?\s*[-—–]\s*\d{7,8}(?!\d)|${EMAIL}`);
  if (m) return strongAt(m.index, `号码 ${m[0]}`);
  return r.weak;
}

/** A person's name next to a title or a 负责人 label; the unit's head (主要负责人, 书记/局长 …) beats a 处室负责人. */
function person(src: RecognitionSource, def: ElementDefinition, settings: CheckSettings): Recognition | null {
  const text = src.text;
  const surnames = [...settings.surnames].sort((a, b) => b.length - a.length).join('|');
  const titles = [...settings.personTitles]
    .filter((t) => !['负责人', '姓名'].includes(t))
    .sort((a, b) => b.length - a.length)
    .join('|');
  const name = `(?:${surnames})(?:(?![局委办所站院务副县镇乡府部长记任职责党政工作主管分同志])[\\u4e00-\\u9fa5]){1,2}`;
  const candidates: { index: number; score: number; how: string }[] = [];
  const add = (re: RegExp, score: (m: RegExpExecArray) => number, how: (m: RegExpExecArray) => string) => {
    for (let m = re.exec(text); m; m = re.exec(text)) candidates.push({ index: m.index, score: score(m), how: how(m) });
  };
  const top = (t: string) => !/^副|^[^、，,]*副/.test(t);
  add(
    new RegExp(`(主要负责人|负责人|姓名)\\s*[:：]\\s*(${name})`, 'gu'),
    (m) => (m[1] === '主要负责人' ? 3 : 1),
    (m) => `"${m[1]}：${m[2]}"`,
  );
  add(
    new RegExp(`(${name})\\s*[（(]([^）)\\n]{0,14}?)(?<!副)(${titles})`, 'gu'),
    (m) => (top(m[2]) ? 3 : 1),
    (m) => `${m[1]}（${m[2]}${m[3]}）`,
  );
  add(
    new RegExp(`(?<![副\\u4e00-\\u9fa5])(${titles})\\s*[:：]?\\s*(${name})(?![\\u4e00-\\u9fa5]{2})`, 'gu'),
    () => 2,
    (m) => `"${m[1]} ${m[2]}"`,
  );
  add(
    new RegExp(`(${name})\\s*[,，、]?\\s*(?:同志)?\\s*[,，、]?\\s*(?<!副)(党组书记|党委书记|局长|主任|镇长|乡长|书记)`, 'gu'),
    () => 2,
    (m) => `"${m[0]}"`,
  );
  if (candidates.length === 0) {
    const h = labelHits(
      text,
      def.labels.map((l) => l.word),
      [],
      false,
    )[0];
    return h ? { strength: 'weak', index: h.index, how: `只见"${h.word}"，未写人名` } : null;
  }
  const sections = labelHits(
    text,
    def.labels.map((l) => l.word).filter((w) => w !== '主要负责人'),
    [],
    false,
  );
  for (const c of candidates) if (sections.some((s) => c.index > s.index && c.index - s.index < 300)) c.score += 1;
  const best = candidates.sort((a, b) => b.score - a.score || a.index - b.index)[0];
  if (best.score >= 2) return strongAt(best.index, `负责人 ${best.how}`);
  return { strength: 'weak', index: best.index, how: `只见内设机构负责人 ${best.how}，未见本机关负责人` };
}

export function recognise(src: RecognitionSource, def: ElementDefinition, settings: CheckSettings): Recognition | null {
  switch (def.kind) {
    case 'phone':
      return phone(src, def);
    case 'fax':
      return fax(src, def);
    case 'hours':
      return hours(src, def);
    case 'address':
      return address(src, def);
    case 'readingPlace':
      return readingPlace(src, def);
    case 'website':
      return website(src, def);
    case 'internet':
      return internet(src, def);
    case 'newMedia':
      return newMedia(src, def);
    case 'classification':
      return classification(src, def);
    case 'obtainWay':
      return obtainWay(src, def);
    case 'workBody':
      return workBody(src, def);
    case 'duties':
      return duties(src, def);
    case 'contact':
      return contact(src, def);
    case 'person':
      return person(src, def, settings);
  }
}
