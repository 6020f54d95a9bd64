// The 19号 indicator table (config/indicators/*.yaml) as data: schema, loader with located errors, threshold lookup.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, formatPath } from './load.ts';

const BUILTIN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'indicators');
export const CONFIDENCE_MARKS = ['✔', '◐', '⚠'] as const;
export type ConfidenceMark = (typeof CONFIDENCE_MARKS)[number];

const conf = z.enum(CONFIDENCE_MARKS, { error: '可信度标记必须是 ✔ | ◐ | ⚠ 之一 / conf must be ✔, ◐ or ⚠' });
const numberWithMark = z
  .object({
    value: z.number({ error: '阈值必须是数字 / value must be a number' }).min(0, '阈值不能为负 / value must be ≥ 0'),
    conf,
    note: z.string().min(1).optional(),
  })
  .strict();

const ITEM_ID = /^[A-Z][A-Za-z0-9-]*$/;
const CHECK_ID = /^[a-z]+\.[a-z0-9-]+$/;

const itemBase = {
  id: z.string().regex(ITEM_ID, '指标 id 应以大写字母开头，仅含字母、数字、- / id must start with a capital letter'),
  name: z.string().min(1, '指标名称不能为空 / name must not be empty'),
  rule: z.string().min(1, '规则不能为空 / rule must not be empty'),
  conf,
  source: z.string().min(1, '来源不能为空 / source must not be empty'),
  mode: z.enum(['auto', 'manual', 'mixed'], { error: '方式必须是 auto | manual | mixed / mode must be auto, manual or mixed' }),
  checks: z.array(z.string().regex(CHECK_ID, '检查 id 格式应为 family.name / check id must look like family.name')),
  note: z.string().min(1).optional(),
};

const vetoSchema = z.object({ ...itemBase, thresholds: z.record(z.string(), numberWithMark).default({}) }).strict();
const scoredSchema = z
  .object({
    ...itemBase,
    weight: numberWithMark,
    points: z.object({ perOccurrence: numberWithMark.optional(), once: numberWithMark.optional() }).strict().optional(),
    // Site kinds that skip the item (19号: departments without external services skip 办事服务; the rest is rescaled).
    skipFor: z.array(z.enum(['门户', '部门'])).optional(),
  })
  .strict();

export const indicatorTableSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    source: z.string().min(1, '来源不能为空 / source must not be empty'),
    scoring: z
      .object({ deductionTotal: numberWithMark, bonusTotal: numberWithMark, failBelow: numberWithMark, bonusAbove: numberWithMark })
      .strict(),
    vetoes: z.array(vetoSchema).min(1, '至少需要一个单项否决项 / at least one veto item'),
    deductions: z.array(scoredSchema).min(1, '至少需要一个扣分项 / at least one deduction item'),
    bonuses: z.array(scoredSchema).default([]),
  })
  .strict();

export type IndicatorTable = z.infer<typeof indicatorTableSchema> & { file: string };
export type MarkedNumber = z.infer<typeof numberWithMark>;

/** How a value's confidence is shown to the office: ⚠ is 未核实, ◐ 待核原文, ✔ nothing. */
export function confidenceLabel(mark: ConfidenceMark): string {
  return mark === '⚠' ? '未核实' : mark === '◐' ? '待核原文' : '';
}

function crossProblems(t: z.infer<typeof indicatorTableSchema>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Map<string, string>();
  const sections = [
    ['vetoes', t.vetoes],
    ['deductions', t.deductions],
    ['bonuses', t.bonuses],
  ] as const;
  for (const [name, items] of sections) {
    items.forEach((item, i) => {
      const path = `${name}[${i}]`;
      const first = seen.get(item.id);
      if (first) problems.push({ path: `${path}.id`, message: `指标 id "${item.id}" 与 ${first} 重复 / duplicate id` });
      else seen.set(item.id, path);
      if (item.mode !== 'manual' && item.checks.length === 0) {
        problems.push({
          path: `${path}.checks`,
          message: '自动或半自动指标至少要有一个检查 id / auto and mixed items need at least one check id',
        });
      }
    });
  }
  const sum = (items: readonly { weight: MarkedNumber }[]) => Math.round(items.reduce((s, x) => s + x.weight.value, 0) * 100) / 100;
  if (sum(t.deductions) !== t.scoring.deductionTotal.value) {
    problems.push({
      path: 'deductions',
      message: `扣分项分值合计 ${sum(t.deductions)} 与 scoring.deductionTotal ${t.scoring.deductionTotal.value} 不符 / weights do not add up`,
    });
  }
  if (t.bonuses.length && sum(t.bonuses) !== t.scoring.bonusTotal.value) {
    problems.push({
      path: 'bonuses',
      message: `加分项分值合计 ${sum(t.bonuses)} 与 scoring.bonusTotal ${t.scoring.bonusTotal.value} 不符 / weights do not add up`,
    });
  }
  return problems;
}

export function parseIndicatorTable(text: string, file: string): IndicatorTable {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: e.linePos ? `第${e.linePos[0].line}行第${e.linePos[0].col}列 (line ${e.linePos[0].line}, col ${e.linePos[0].col})` : '',
        message: `YAML 语法错误 / YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const parsed = indicatorTableSchema.safeParse(doc.toJS());
  if (!parsed.success)
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  const problems = crossProblems(parsed.data);
  if (problems.length) throw new ConfigError(file, problems);
  return { ...parsed.data, file };
}

/** spec: `builtin:19hao` (config/indicators/19hao.yaml) or a YAML file path (relative to baseDir, default cwd). */
export function loadIndicatorTable(spec = 'builtin:19hao', baseDir?: string): IndicatorTable {
  const builtin = /^builtin:([a-z0-9-]+)$/.exec(spec);
  const display = builtin ? `config/indicators/${builtin[1]}.yaml` : spec;
  const full = builtin ? join(BUILTIN_DIR, `${builtin[1]}.yaml`) : resolve(baseDir ?? process.cwd(), spec);
  if (!existsSync(full)) throw new ConfigError(display, [{ path: '', message: '19号指标表文件不存在 / indicator table not found' }]);
  return parseIndicatorTable(readFileSync(full, 'utf8'), display);
}

/** How the output names the table's file: the built-in one by what it is, a province's own by its path. */
export function indicatorFileZh(file: string): string {
  return /^config\/indicators\/[a-z0-9-]+\.yaml$/.test(file) ? '本工具内置指标表' : `指标表文件 ${file}`;
}

/** The veto item fed by a check id (first match), and one of its thresholds; throws naming the file when absent. */
export function vetoThreshold(table: IndicatorTable, checkId: string, name: string): MarkedNumber {
  const item = table.vetoes.find((v) => v.checks.includes(checkId));
  const t = item?.thresholds[name];
  if (!t)
    throw new ConfigError(table.file, [{ path: `vetoes(${checkId}).thresholds.${name}`, message: `缺少阈值 ${name} / threshold missing` }]);
  return t;
}
