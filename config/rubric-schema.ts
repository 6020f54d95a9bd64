import { z } from 'zod';

// Schema of config/rubrics/<year>.yaml. Its parsed form is the Rubric of rubric-types.ts.

const ROW_ID = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9\u4e00-\u9fff]+)*$/;
const RULE_TYPES = 'perOccurrence | once | levels | ranged | assigned | none | checklist | quota | countUp';

const points = z.number({ error: '分值必须是数字 / points must be a number' }).positive('分值必须大于 0 / points must be > 0');
const bound = z.number({ error: '赋分范围必须是数字 / bound must be a number' });

const partSchema = z.object({ id: z.string().min(1), label: z.string().min(1), min: bound, max: bound }).strict();
const nonNegative = z.number({ error: '分值必须是数字 / points must be a number' }).min(0, '分值不能为负 / points must be ≥ 0');
const checklistItem = z.object({ id: z.string().min(1), label: z.string().min(1), points, max: points.optional() }).strict();
const share01 = z.number().positive().max(10);

const rubricRuleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('perOccurrence'), points, cap: points }).strict(),
    z.object({ type: z.literal('once'), points }).strict(),
    z
      .object({
        type: z.literal('levels'),
        levels: z
          .array(z.object({ id: z.string().min(1), label: z.string().min(1), points }).strict())
          .min(1, '至少需要一个档次 / at least one level'),
      })
      .strict(),
    z.object({ type: z.literal('ranged'), min: bound, max: bound, parts: z.array(partSchema).min(1).optional() }).strict(),
    z.object({ type: z.literal('assigned'), min: bound, max: bound }).strict(),
    z.object({ type: z.literal('none') }).strict(),
    z
      .object({
        type: z.literal('checklist'),
        mode: z.enum(['deduct', 'earn'], { error: '清单方式必须是 deduct（缺项扣分）或 earn（有项得分） / mode must be deduct or earn' }),
        items: z.array(checklistItem).min(1, '至少需要一个子项 / at least one item'),
      })
      .strict(),
    z
      .object({
        type: z.literal('quota'),
        period: z.enum(['month', 'quarter'], { error: '周期必须是 month 或 quarter / period must be month or quarter' }),
        target: points,
        below: nonNegative,
        blank: nonNegative,
        above: z
          .object({
            over: z.number().min(0),
            step: share01,
            points,
            cap: points.nullable().default(null),
            per: z.enum(['period', 'total']).default('total'),
          })
          .strict()
          .optional(),
        column: z.string().min(1).optional(),
        counter: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ type: z.literal('countUp'), points, max: points }).strict(),
  ],
  { error: `规则类型必须是 ${RULE_TYPES} 之一 / rule type must be one of ${RULE_TYPES}` },
);

const bonusSchema = z
  .object({
    points,
    cap: points.nullable(), // null: no cap (the source sets none)
    variants: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), points }).strict()).optional(),
    counter: z.string().min(1).optional(),
    capNote: z.string().min(1).optional(),
  })
  .strict();

const weight = z
  .number({ error: '赋分（weight）必须是数字 / weight is required and must be a number' })
  .min(0, '赋分不能为负 / weight must be ≥ 0');

const rubricRowSchema = z
  .object({
    id: z
      .string({ error: '指标 id 不能为空 / id is required' })
      .regex(ROW_ID, '指标 id 格式应为 name 或 name.sub / id must look like name or name.sub'),
    group: z.string().min(1).optional(),
    // level1/level2 may be left out when the row names its group: they are then the labels of the group path
    level1: z.string().min(1, '一级指标不能为空 / level1 must not be empty').optional(),
    level1Weight: z.number().positive().nullable().default(null),
    level2: z.string().min(1, '二级指标不能为空 / level2 must not be empty').optional(),
    level3: z.string().default(''),
    weight,
    min: bound.nullable().default(null),
    max: bound.nullable().default(null),
    deductionText: z.string().default(''),
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
  })
  .strict();

const groupSchema = z
  .object({
    id: z.string().regex(ROW_ID, '指标组 id 格式应为 name 或 name.sub / group id must look like name or name.sub'),
    label: z.string().min(1, '指标组名称不能为空 / label must not be empty'),
    parent: z.string().min(1).optional(),
    min: bound.optional(),
    max: bound.optional(),
    scaleTo: z.number().positive().optional(),
    note: z.string().min(1).optional(),
  })
  .strict();

const classSchema = z
  .object({
    label: z.string().min(1).optional(),
    base: z.number().positive().nullable().default(null),
    scaleTo: z.number().positive().optional(),
    requiredColumns: z.array(z.string().min(1)).default([]),
    groups: z.array(groupSchema).optional(),
    rows: z.array(rubricRowSchema).min(1, '至少需要一个指标 / at least one row'),
  })
  .strict();

const extraItemSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    points: points.nullable(),
    repeatable: z.boolean().optional(),
    checks: z.array(z.string().min(1)).optional(), // findings a person confirmed make the item a candidate, never applied by themselves
  })
  .strict();

const share = z.number().min(0).max(1, '比例应在 0 与 1 之间 / share must be between 0 and 1');

export const rubricSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().min(1),
    source: z.string().min(1, '必须注明来源文件 / source is required'),
    classes: z.record(z.string().min(1), classSchema).refine((c) => Object.keys(c).length > 0, '至少需要一个类别 / at least one class'),
    extras: z
      .object({
        bonus: z.array(extraItemSchema).default([]),
        penalty: z.array(extraItemSchema).default([]),
        bonusMethod: z.string().default(''),
        penaltyMethod: z.string().default(''),
      })
      .strict()
      .default({ bonus: [], penalty: [], bonusMethod: '', penaltyMethod: '' }),
    grading: z
      .object({
        order: z.array(z.string().min(1)).min(2),
        excellent: share,
        good: z.object({ min: share, max: share }).strict(),
        lower: z.record(z.string().min(1), share),
        note: z.string().min(1),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export type RubricFile = z.infer<typeof rubricSchema>;
