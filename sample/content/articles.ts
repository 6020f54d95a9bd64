// 信息公开指南 and 机构职能 article bodies. Each element lives in its own paragraph so that a planted gap
// removes the element entirely (no half-present element a check could read either way).
import type { Rng } from '../prng.ts';
import { escapeHtml } from '../render/escape.ts';
import { channelsHtml, contactHtml, type ContactInfo, type GuideFamily } from './guide-families.ts';

/** Elements of a 指南 (条例 Art. 12 + the rubric's 网址/新媒体账号/查阅场所). */
export const GUIDE_ELEMENTS = {
  category: '信息分类',
  arrangement: '编排体系',
  access: '获取方式',
  agency: '工作机构名称',
  address: '办公地址',
  hours: '办公时间',
  phone: '联系电话',
  fax: '传真号码',
  email: '互联网联系方式',
  website: '政府网站网址',
  newMedia: '政务新媒体账号',
  readingRoom: '政府信息查阅场所地址',
} as const;

/** Fields of 机构职能 (rubric: 机构职能、办公地址、办公时间、联系方式、负责人姓名). */
export const FUNCTION_FIELDS = {
  duty: '机构职能',
  address: '办公地址',
  hours: '办公时间',
  contact: '联系方式',
  leader: '负责人姓名',
} as const;

const STREETS = ['城东大街', '城西大街', '猗顿路', '解放路', '新华路', '古城路', '府前街'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '薛', '卫', '畅'];
const GIVEN = ['建军', '志强', '海燕', '晓东', '国庆', '丽娟', '文斌', '永红', '学军', '秀英', '振华', '亚平'];

export function contactInfo(rng: Rng, org: string, index: number): ContactInfo {
  const tail = String(4020000 + index * 37 + rng.int(0, 30)).slice(0, 7);
  const town = org.includes('镇') || org.includes('乡');
  return {
    address: town
      ? `${org.replace('人民政府', '')}政府大院（${rng.pick(STREETS)}${rng.int(1, 99)}号）`
      : `临猗县${rng.pick(STREETS)}${rng.int(1, 199)}号`,
    phone: `0359-${tail}`,
    fax: `0359-${String(Number(tail) + 1).padStart(7, '0')}`,
    email: `lyxzwgk${index + 10}@163.com`,
  };
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

interface GuideInput {
  org: string;
  unitId: string;
  account: string;
  contact: ContactInfo;
  websiteAsLink: boolean;
  missing: string[];
  family: GuideFamily;
  labelOnly?: string[]; // elements whose label stays with no value after it (联系电话：)
}

export function guideHtml(g: GuideInput): string {
  const has = (id: string): boolean => !g.missing.includes(id);
  const org = escapeHtml(g.org);
  const parts = { ...g, org, has, labelOnly: (id: string) => !!g.labelOnly?.includes(id) };
  const p: string[] = [];
  p.push(
    `<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。公民、法人和其他组织可通过本指南了解${org}政府信息公开的有关事项。本指南每年更新一次。</p>`,
  );
  p.push('<p><strong>一、主动公开</strong></p>');
  p.push(
    `<p>（一）公开范围。本机关按照《条例》第十九条、第二十条的规定，主动公开机构职能、政策文件、规划计划、财政预决算、重大项目建设等政府信息。</p>`,
  );
  if (has('category'))
    p.push(
      '<p>（二）信息分类。本机关主动公开的政府信息分为机构职能、政策文件、政策解读、财政预决算、重大项目建设、部门信息公开、政府信息公开年度报告等类别。</p>',
    );
  if (has('arrangement'))
    p.push('<p>（三）编排体系。主动公开的政府信息按照信息分类进行编排，每条信息标注索引号、发布机构、文号、成文日期和发布日期。</p>');
  if (has('access')) p.push('<p>（四）获取方式。公民、法人和其他组织可以通过以下途径获取本机关主动公开的政府信息：</p>');
  p.push(...channelsHtml(parts, g.family));
  p.push('<p>（五）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。</p>');
  p.push('<p><strong>二、依申请公开</strong></p>');
  p.push(...contactHtml(parts, g.family));
  p.push('<p>邮政编码：044100</p>');
  // without a fax number the guide may still name 传真申请 (near-miss-guide-fax-application: 当面申请、信函申请或传真申请)
  p.push(
    has('fax')
      ? '<p>（二）申请方式。申请人可以通过当面提交、邮寄等方式提出申请，填写《政府信息公开申请表》，并提供身份证明。</p>'
      : '<p>（二）申请方式。申请人可通过当面申请、信函申请或传真申请等方式提出，填写《政府信息公开申请表》，并提供身份证明。</p>',
  );
  p.push(
    '<p>（三）处理时限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，延长的期限最长不超过20个工作日。</p>',
  );
  p.push(
    '<p>（四）收费。行政机关依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照有关规定收取信息处理费。</p>',
  );
  p.push('<p><strong>三、监督和救济</strong></p>');
  p.push(
    '<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向临猗县人民政府办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>',
  );
  return p.join('\n');
}

interface FunctionsInput {
  org: string;
  cls: 'A' | 'B';
  rng: Rng;
  contact: ContactInfo;
  missing: string[];
  table?: boolean; // 机构信息 and 领导简介 as tables
}

export function functionsHtml(f: FunctionsInput): string {
  const has = (id: string): boolean => !f.missing.includes(id);
  const org = escapeHtml(f.org);
  const p: string[] = [];
  if (has('duty')) {
    p.push('<p><strong>一、主要职责</strong></p>');
    if (f.cls === 'A') {
      p.push('<p>（一）贯彻执行党和国家的路线方针政策，执行本级人民代表大会的决议和上级国家行政机关的决定和命令。</p>');
      p.push(
        '<p>（二）执行本行政区域内的经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、体育事业和财政、民政、公安、司法行政、计划生育等行政工作。</p>',
      );
      p.push('<p>（三）保护社会主义的全民所有的财产和劳动群众集体所有的财产，保障公民的人身权利、民主权利和其他权利。</p>');
    } else {
      p.push(`<p>（一）贯彻执行国家、省、市有关方针政策和法律法规，拟订全县相关领域发展规划和政策措施并组织实施。</p>`);
      p.push(`<p>（二）承担本行业领域的监督管理职责，依法实施行政许可、行政检查和行政处罚。</p>`);
      p.push(`<p>（三）完成县委、县政府交办的其他任务。</p>`);
    }
  }
  p.push('<p><strong>二、内设机构</strong></p>');
  p.push(
    f.cls === 'A'
      ? '<p>党政综合办公室、党建工作办公室、经济发展办公室、社会事务办公室、平安建设办公室、综合便民服务中心。</p>'
      : '<p>办公室、政策法规股、业务管理股、财务审计股。</p>',
  );
  const [head, deputy] = f.cls === 'A' ? (org.includes('乡') ? ['乡长', '副乡长'] : ['镇长', '副镇长']) : ['局长', '副局长'];
  const leaders: [string, string, string][] = [
    [personName(f.rng), head, '主持全面工作。'],
    [personName(f.rng), deputy, '分管业务工作。'],
  ];
  if (f.table) {
    // fj-pingtan-style-functions-table.html (平潭 农业农村局): 机构信息 as a label table, 领导简介 as 姓名|职务|分工
    const info: [string, string, string][] = [
      ['address', '办公地址', escapeHtml(f.contact.address)],
      ['hours', '办公时间', '周一至周五（法定节假日除外）夏令时 上午8:00-12:00，下午3:00-6:00；冬令时 上午8:00-12:00，下午2:30-5:30'],
      ['contact', '办公电话', f.contact.phone],
      ['contact', '传真', f.contact.fax],
    ];
    p.push('<p>三、机构信息</p>');
    p.push(
      `<table>${info
        .filter(([id]) => has(id))
        .map(([, k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`)
        .join('')}</table>`,
    );
    if (has('leader')) {
      p.push('<p>四、领导简介</p>');
      p.push(
        `<table><tr><th>姓名</th><th>职务</th><th>分工</th></tr>${leaders.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`,
      );
    }
    return p.join('\n');
  }
  if (has('leader')) {
    p.push('<p><strong>三、领导信息</strong></p>');
    for (const [name, title, work] of leaders) p.push(`<p>${title}：${name}，${work.replace('。', '')}。</p>`);
  }
  p.push('<p><strong>四、联系方式</strong></p>');
  if (has('address')) p.push(`<p>办公地址：${escapeHtml(f.contact.address)}</p>`);
  if (has('hours')) p.push('<p>办公时间：周一至周五 上午8:00—12:00 下午15:00—18:00（法定节假日除外）</p>');
  if (has('contact')) p.push(`<p>联系电话：${f.contact.phone}</p>`);
  return p.join('\n');
}
