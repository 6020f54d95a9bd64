import { z } from 'zod';

// Schema of config/rubrics/<year>.yaml. Its parsed form is the Rubric of rubric-types.ts.

const ROW_ID = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9\u4e00-\u9fff]+)*$/;
const RULE_TYPES = 'perOccurrence | once | levels | ranged | assigned | none';

const points = z.number({ error: '分值必须是数字 / points must be a number' }).positive('分值必须大于 0 / points must be > 0');
const bound = z.number({ error: '赋分范围必须是数字 / bound must be a number' });

const partSchema = z.object({ id: z.string().min(1), label: z.string().min(1), min: bound, max: bound }).strict();

export const rubricRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('perOccurrence'), points, cap: points }).strict(),
  z.object({ type: z.literal('once'), points }).strict(),
  z.object({
    type: z.literal('levels'),
    levels: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), points }).strict()).min(1, '至少需要一个档次 / at least one level'),
  }).strict(),
  z.object({ type: z.literal('ranged'), min: bound, max: bound, parts: z.array(partSchema).min(1).optional() }).strict(),
  z.object({ type: z.literal('assigned'), min: bound, max: bound }).strict(),
  z.object({ type: z.literal('none') }).strict(),
], { error: `规则类型必须是 ${RULE_TYPES} 之一 / rule type must be one of ${RULE_TYPES}` });

const bonusSchema = z.object({
  points,
  cap: points,
  variants: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), points }).strict()).optional(),
  counter: z.string().min(1).optional(),
  capNote: z.string().min(1).optional(),
}).strict();

const weight = z.number({ error: '赋分（weight）必须是数字 / weight is required and must be a number' })
  .min(0, '赋分不能为负 / weight must be ≥ 0');

export const rubricRowSchema = z.object({
  id: z.string({ error: '指标 id 不能为空 / id is required' }).regex(ROW_ID, '指标 id 格式应为 name 或 name.sub / id must look like name or name.sub'),
  level1: z.string().min(1, '一级指标不能为空 / level1 must not be empty'),
  level1Weight: z.number().positive().nullable().default(null),
  level2: z.string().min(1, '二级指标不能为空 / level2 must not be empty'),
  level3: z.string(),
  weight,
  min: bound.nullable().default(null),
  max: bound.nullable().default(null),
  deductionText: z.string(),
  bonusText: z.string().default(''),
  method: z.string().min(1, '考核方式不能为空 / method must not be empty'),
  mode: z.enum(['web', 'evidence', 'panel', 'external', 'mixed'], {
    error: '考核方式类别必须是 web | evidence | panel | external | mixed 之一 / mode must be web | evidence | panel | external | mixed',
  }),
  rule: rubricRuleSchema,
  bonus: bonusSchema.nullable().default(null),
  checks: z.array(z.string().min(1)).default([]),
  keyField: z.string().min(1).optional(),
  responsible: z.array(z.string().min(1)).optional(),
  counter: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
}).strict();

const classSchema = z.object({
  base: z.number().positive().nullable(),
  requiredColumns: z.array(z.string().min(1)).min(1, '至少需要一个必备栏目 / at least one required column'),
  rows: z.array(rubricRowSchema).min(1, '至少需要一个指标 / at least one row'),
}).strict();

const extraItemSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  points: points.nullable(),
  repeatable: z.boolean().optional(),
}).strict();

const share = z.number().min(0).max(1, '比例应在 0 与 1 之间 / share must be between 0 and 1');

export const rubricSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(1),
  source: z.string().min(1, '必须注明来源文件 / source is required'),
  classes: z.object({ A: classSchema, B: classSchema }).strict(),
  extras: z.object({
    bonus: z.array(extraItemSchema),
    penalty: z.array(extraItemSchema),
    bonusMethod: z.string().min(1),
    penaltyMethod: z.string().min(1),
  }).strict(),
  grading: z.object({
    order: z.array(z.string().min(1)).min(2),
    excellent: share,
    good: z.object({ min: share, max: share }).strict(),
    lower: z.object({ A: share, B: share }).strict(),
    note: z.string().min(1),
  }).strict(),
}).strict();

export type RubricFile = z.infer<typeof rubricSchema>;
