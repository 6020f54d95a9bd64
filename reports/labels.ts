// Chinese names of check ids and finding states as they appear in every report.
import type { CheckId, FindingStatus } from '../checks/index.ts';

interface CheckLabel {
  name: string; // 问题类型
  rule: string; // 依据 (the rule the finding breaks), as a clerk would cite it
}

export const CHECK_LABELS: Record<CheckId, CheckLabel> = {
  'site.unreachable': { name: '网站无法访问', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）站点无法访问' },
  'column.missing': { name: '必设栏目缺失', rule: '本年度政务公开考核细则规定的必设栏目' },
  'column.blank': { name: '空白栏目', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）空白栏目' },
  'column.stale': { name: '栏目不更新', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）栏目不更新' },
  'link.broken': { name: '链接不可用', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）网站可用性' },
  'newmedia.stale': { name: '政务新媒体更新不及时', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）政务新媒体内容不更新' },
  'consultation.late': { name: '政务咨询回复超时', rule: '本年度政务公开考核细则“政策咨询”未按要求时限回复' },
  'guide.incomplete': { name: '信息公开指南要素缺漏', rule: '《中华人民共和国政府信息公开条例》第十二条；考核细则“信息公开指南”' },
  'functions.incomplete': { name: '机构职能信息缺漏', rule: '《中华人民共和国政府信息公开条例》第二十条；考核细则“机构职能”' },
  'deptinfo.stale': { name: '部门信息公开不及时', rule: '考核细则“部门信息公开”' },
  'majorprojects.missing': { name: '重大项目信息未发布', rule: '考核细则“重大项目建设信息公开情况”' },
  'budget.missing': { name: '财政预决算未公开', rule: '《中华人民共和国预算法》第十四条；考核细则“财政预决算”' },
  'shuanggongshi.missing': { name: '“双公示”信息未公开', rule: '考核细则“‘双公示’政府网站公开情况”' },
  'decisions.catalog': { name: '重大行政决策事项目录', rule: '《重大行政决策程序暂行条例》第三条；考核细则“重大行政决策事项目录公开”' },
  'decisions.precomment': { name: '重大行政决策预公开', rule: '《重大行政决策程序暂行条例》第十五条；考核细则“重大行政决策预公开”' },
  'keyfield.coverage': { name: '重点领域信息公开', rule: '考核细则“重点领域信息公开”' },
  'interpretation.missing': { name: '政策文件未按时解读', rule: '考核细则“政府、政府办公文解读情况”（文件公开后3个工作日内解读）' },
  'attribute.missing': { name: '公文未标注公开属性', rule: '国办发〔2016〕80号；考核细则“公开属性认定情况”' },
  'catalog.item-missing': { name: '未按标准目录公开', rule: '国办发〔2019〕54号基层政务公开标准目录；考核细则“已公布标准目录执行情况”' },
  'consultation.timely': { name: '政务咨询回复及时并公开', rule: '考核细则“政策咨询”加分项' },
  'interpretation.multiform': { name: '多样化政策解读', rule: '考核细则“多样化解读”加分项' },
  'content.typo': { name: '错别字', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）扣分项“错别字”' },
  'content.expression': { name: '严重表述错误', rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“严重表述错误”' },
  'content.sensitive': {
    name: '疑似有害信息（敏感词）',
    rule: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“发布或链接反动、暴力、色情等内容”',
  },
  'privacy.exposure': {
    name: '泄露个人信息（隐私泄露）',
    rule: '《中华人民共和国政府信息公开条例》第十五条；《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决“安全、泄密事故等严重问题”',
  },
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  dismissed: '已排除',
  adjusted: '已调整',
  rectified: '已整改',
};

export function checkName(id: string): string {
  return (CHECK_LABELS as Record<string, CheckLabel>)[id]?.name ?? id;
}

export function checkRule(id: string): string {
  return (CHECK_LABELS as Record<string, CheckLabel>)[id]?.rule ?? '';
}

const COLUMN_LABELS: Record<string, string> = {
  guide: '政府信息公开指南',
  functions: '机构职能',
  deptInfo: '部门信息公开',
  majorProjects: '重大项目建设',
  budget: '财政预决算',
  shuanggongshi: '“双公示”',
  decisions: '重大行政决策',
  policies: '政策文件',
  interpretations: '政策解读',
  consultation: '政务咨询',
  annualReport: '政府信息公开年度报告',
  catalog: '基层政务公开标准目录',
};

/** Column key (config/schema, check-semantics) → the name a clerk sees on the portal. */
export function columnName(key: string | null): string {
  if (!key) return '—';
  const [head, sub] = key.split(':');
  if ((head === 'keyField' || head === 'nav') && sub) return sub; // nav:<label>: a column of the unit's navigation
  const name = COLUMN_LABELS[head] ?? key;
  return sub ? `${name}（${sub}）` : name;
}
