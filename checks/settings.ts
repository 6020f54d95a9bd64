import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputError } from '../config/index.ts';
import { elementDefinitions } from './element-definitions.ts';

const SETTINGS_FILE = new URL('../config/check-settings.yaml', import.meta.url);

const settingsSchema = z.object({
  columnPeriods: z.record(z.string(), z.number().int().positive()),
  labelPeriods: z.array(z.object({ keywords: z.array(z.string()), days: z.number().int().positive() })),
  kindPeriods: z.record(z.string(), z.number().int().positive().nullable()),
  warnDays: z.number().int().min(0),
  deptInfoMaxAgeDays: z.number().int().positive(),
  newMediaMaxGapDays: z.number().int().positive(),
  newMediaWarnDays: z.number().int().positive(),
  consultationReplyWorkdays: z.number().int().positive(),
  interpretationWorkdays: z.number().int().min(0),
  articleMinChars: z.number().int().min(0),
  guideShortChars: z.number().int().min(0),
  budgetWarnFrom: z.string().regex(/^\d{2}-\d{2}$/),
  blankPlaceholders: z.array(z.string()),
  articleColumns: z.array(z.string()),
  personTitles: z.array(z.string()),
  surnames: z.array(z.string()),
  documentNumberPattern: z.string(),
  governmentDocumentPattern: z.string(),
  attributeMarks: z.array(z.string()),
  attributeFieldLabels: z.array(z.string()),
  interpretationForms: z.array(z.object({ form: z.string(), keywords: z.array(z.string()) })),
  multiformMinForms: z.number().int().positive(),
  consultationFields: z.object({
    question: z.array(z.string()),
    reply: z.array(z.string()),
    replyText: z.array(z.string()),
    status: z.array(z.string()),
    unansweredStatus: z.array(z.string()),
  }),
  majorProjectCategories: z.record(z.string(), z.array(z.string())),
  majorProjectRequired: z.object({ A: z.array(z.string()), B: z.array(z.string()) }),
  decisionsCatalogKeywords: z.array(z.string()),
  decisionsCatalogKindWords: z.array(z.string()),
  decisionsCatalogNotKindWords: z.array(z.string()),
  decisionsCatalogAlsoIn: z.array(z.string()),
  precommentKeywords: z.object({
    consultation: z.array(z.string()),
    draft: z.array(z.string()),
    interpretation: z.array(z.string()),
    result: z.array(z.string()),
    namedDraft: z.array(z.string()),
    notKind: z.array(z.string()),
  }),
  precommentMinDays: z.number().int().positive(),
  keyFieldCurrentDays: z.number().int().positive(),
  keyFieldContents: z.record(z.string(), z.array(z.array(z.string()))),
  privateEconomyParts: z.array(z.object({ id: z.string(), keywords: z.array(z.string()) })),
  privateEconomyField: z.string(),
  privateEconomyPartPoints: z.number().positive(),
  catalogItemFields: z.array(z.string()),
  catalogStripSuffixes: z.array(z.string()),
  elementDefinitions,
});

export type CheckSettings = z.infer<typeof settingsSchema>;

/** A settings problem names the key; thrown in Chinese because the CLI shows it as is. */
export class CheckSettingsError extends InputError {}

function unwrap(entry: unknown): unknown {
  if (entry && typeof entry === 'object' && !Array.isArray(entry) && 'value' in entry) {
    return (entry as { value: unknown }).value;
  }
  return entry;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

let cachedBase: Record<string, unknown> | null = null;

function baseSettings(): Record<string, unknown> {
  if (!cachedBase) {
    const raw = parse(readFileSync(SETTINGS_FILE, 'utf8')) as Record<string, unknown>;
    cachedBase = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unwrap(v)]));
  }
  return cachedBase;
}

/**
 * config/check-settings.yaml merged with a county's `rules:` (plain values or { value }).
 * Object-valued settings (e.g. columnPeriods) merge key by key; lists and scalars replace.
 */
export function loadCheckSettings(overrides?: Record<string, unknown>): CheckSettings {
  const merged: Record<string, unknown> = structuredClone(baseSettings());
  for (const [key, raw] of Object.entries(overrides ?? {})) {
    if (!(key in merged)) throw new CheckSettingsError(`检查设置中没有"${key}"这一项（rules.${key}）`);
    const value = unwrap(raw);
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
    throw new CheckSettingsError(`检查设置无效：${problems}`);
  }
  return parsed.data;
}
