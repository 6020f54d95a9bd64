// Chinese names of column keys (docs/check-semantics.md Columns) for titles and details.

const NAMES: Record<string, string> = {
  guide: '政府信息公开指南',
  functions: '机构职能',
  deptInfo: '部门信息（工作动态）',
  majorProjects: '重大项目建设',
  budget: '财政预决算',
  shuanggongshi: '双公示',
  decisions: '重大行政决策',
  policies: '政策文件',
  interpretations: '政策解读',
  consultation: '政务咨询',
  annualReport: '政府信息公开年报',
  catalog: '标准目录',
};

const KNOWN_COLUMN_KEYS = Object.keys(NAMES);

export function columnName(key: string): string {
  const [base, sub] = splitKey(key);
  if (base === 'keyField') return sub ? `重点领域“${sub}”` : '重点领域'; // curly: a title quoting the whole name nests them (‘’ inside “”)
  if (base === 'nav') return sub ?? '导航栏目'; // a column of the unit's navigation is named by its own label
  const name = NAMES[base] ?? base;
  return sub ? `${name}（${sub}）` : name;
}

export function splitKey(key: string): [string, string | null] {
  const i = key.indexOf(':');
  return i < 0 ? [key, null] : [key.slice(0, i), key.slice(i + 1)];
}

export function isKnownColumnKey(key: string): boolean {
  return KNOWN_COLUMN_KEYS.includes(splitKey(key)[0]) || key.startsWith('keyField:');
}
