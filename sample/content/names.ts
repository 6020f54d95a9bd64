// Organisation names, short names and 文号 prefixes of the sample county's units.
// Department prefixes never end in 政 so that their 文号 cannot look like 政府/政府办 documents (X政发).

const DEPARTMENTS: Record<string, { org: string; short: string; abbr: string }> = {
  临猗现代农业产业示范区: { org: '临猗现代农业产业示范区管理委员会', short: '示范区', abbr: '临示管' },
  发改局: { org: '临猗县发展和改革局', short: '县发改局', abbr: '临发改' },
  教育局: { org: '临猗县教育局', short: '县教育局', abbr: '临教' },
  工科局: { org: '临猗县工业和科技局', short: '县工科局', abbr: '临工科' },
  公安局: { org: '临猗县公安局', short: '县公安局', abbr: '临公' },
  民政局: { org: '临猗县民政局', short: '县民政局', abbr: '临民' },
  司法局: { org: '临猗县司法局', short: '县司法局', abbr: '临司' },
  财政局: { org: '临猗县财政局', short: '县财政局', abbr: '临财' },
  人社局: { org: '临猗县人力资源和社会保障局', short: '县人社局', abbr: '临人社' },
  自然资源局: { org: '临猗县自然资源局', short: '县自然资源局', abbr: '临自然资源' },
  住建局: { org: '临猗县住房和城乡建设管理局', short: '县住建局', abbr: '临住建' },
  交通运输局: { org: '临猗县交通运输局', short: '县交通运输局', abbr: '临交' },
  水务局: { org: '临猗县水务局', short: '县水务局', abbr: '临水' },
  农业农村局: { org: '临猗县农业农村局', short: '县农业农村局', abbr: '临农' },
  林业局: { org: '临猗县林业局', short: '县林业局', abbr: '临林' },
  商务局: { org: '临猗县商务局', short: '县商务局', abbr: '临商' },
  文化旅游局: { org: '临猗县文化和旅游局', short: '县文旅局', abbr: '临文旅' },
  卫健体局: { org: '临猗县卫生健康和体育局', short: '县卫健体局', abbr: '临卫健' },
  退役军人事务局: { org: '临猗县退役军人事务局', short: '县退役军人事务局', abbr: '临退役' },
  应急管理局: { org: '临猗县应急管理局', short: '县应急管理局', abbr: '临应急' },
  审计局: { org: '临猗县审计局', short: '县审计局', abbr: '临审' },
  市场监管局: { org: '临猗县市场监督管理局', short: '县市场监管局', abbr: '临市监' },
  统计局: { org: '临猗县统计局', short: '县统计局', abbr: '临统' },
  医疗保障局: { org: '临猗县医疗保障局', short: '县医保局', abbr: '临医保' },
  行政审批局: { org: '临猗县行政审批服务管理局', short: '县行政审批局', abbr: '临审批' },
  信访局: { org: '临猗县信访局', short: '县信访局', abbr: '临信' },
  能源局: { org: '临猗县能源局', short: '县能源局', abbr: '临能源' },
};

export interface UnitNames {
  org: string;
  short: string;
  docPrefix: string; // 文号 prefix of the unit's own documents
}

export function unitNames(name: string, cls: 'A' | 'B'): UnitNames {
  if (cls === 'A') {
    const town = name.replace(/政府$/, ''); // 猗氏镇
    const kind = town.endsWith('乡') ? '乡' : '镇';
    return { org: `${town}人民政府`, short: town, docPrefix: `${town[0]}${kind}发` };
  }
  const known = DEPARTMENTS[name];
  if (known) return { org: known.org, short: known.short, docPrefix: `${known.abbr}发` };
  return { org: `临猗县${name}`, short: `县${name}`, docPrefix: `临${name[0]}发` };
}

/** Names for the extra units of the crawl benchmark. */
export const BENCH_NAMES = [
  '档案局',
  '气象局',
  '供销社',
  '科协',
  '妇联',
  '团县委',
  '残联',
  '总工会',
  '红十字会',
  '地震局',
  '粮食和物资储备中心',
  '机关事务服务中心',
  '融媒体中心',
  '政务服务中心',
  '住房公积金管理中心',
  '城市管理局',
  '生态环境分局',
  '税务局',
  '消防救援大队',
  '邮政管理局',
];
