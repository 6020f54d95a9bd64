import { z } from 'zod';
import { httpUrl } from './url-schema.ts';

// `site:` in the county config (the county portal's own 19号 self-check) and `site:` on a unit with a site of its own.

export const SITE_KINDS = ['门户', '部门'] as const;
const kind = z.enum(SITE_KINDS, { error: '网站类别必须是 门户 或 部门 / kind must be 门户 or 部门' });

const probeSchema = z
  .object({
    // Probes a day (19号: at least 20); spread over the day with jitter.
    perDay: z.number().int().min(1).max(288).default(24),
    // Addresses outside the portal's network, asked when a probe fails: all failing too means our own network was down.
    referenceUrls: z.array(httpUrl).default([]),
  })
  .strict();

export const countySiteSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, '网站 id 必须是小写 ASCII 字母、数字、-、_ / id must be lower-case ASCII')
      .default('portal'),
    name: z.string().min(1).optional(), // default: <county>人民政府门户网站
    home: httpUrl,
    kind: kind.default('门户'),
    // Which 19号 table: builtin:19hao or a province's/city's stricter version as a YAML file path.
    indicators: z.string().min(1).default('builtin:19hao'),
    probes: probeSchema.default({ perDay: 24, referenceUrls: [] }),
  })
  .strict();

export const unitSiteSchema = z
  .object({
    home: httpUrl.optional(), // default: the unit's home
    kind: kind.default('部门'),
  })
  .strict();

export type CountySiteConfig = z.infer<typeof countySiteSchema>;
export type UnitSiteConfig = z.infer<typeof unitSiteSchema>;

export interface ConfiguredSite {
  id: string;
  name: string;
  home: string;
  kind: '门户' | '部门';
  unitId: string | null;
}

/** Every site the 19号 site-level checks run on: the county portal (`site:`), then each unit with `site:`. */
export function configuredSites(config: {
  county: string;
  site?: CountySiteConfig;
  units: { id: string; name: string; home: string; site?: UnitSiteConfig }[];
}): ConfiguredSite[] {
  const out: ConfiguredSite[] = [];
  if (config.site)
    out.push({
      id: config.site.id,
      name: config.site.name ?? `${config.county}人民政府门户网站`,
      home: config.site.home,
      kind: config.site.kind,
      unitId: null,
    });
  for (const u of config.units)
    if (u.site) out.push({ id: u.id, name: `${u.name}网站`, home: u.site.home ?? u.home, kind: u.site.kind, unitId: u.id });
  return out;
}
