// Shape of `elementDefinitions` in config/check-settings.yaml: each 指南要素 / 机构职能字段 with the kind of thing it
// is (a phone number, a time range, an address …), its label synonyms (each with the page it came from), the
// words of its value where the value is a word (申请方式, 机构名称), and traces: words whose presence makes an
// unrecognised element doubtful rather than absent.
import { z } from 'zod';

const ELEMENT_KINDS = [
  'classification',
  'obtainWay',
  'workBody',
  'address',
  'hours',
  'phone',
  'fax',
  'internet',
  'website',
  'newMedia',
  'readingPlace',
  'duties',
  'contact',
  'person',
] as const;

const synonym = z.object({ word: z.string().min(1), source: z.string().min(1) });

const elementDefinition = z.object({
  id: z.string().min(1),
  kind: z.enum(ELEMENT_KINDS),
  labels: z.array(synonym).default([]),
  values: z.array(synonym).default([]),
  notAfter: z.array(z.string()).default([]),
  /** Labels any place may carry (地址, 联系地址): notAfter words anywhere earlier on the same line rule them out. */
  looseLabels: z.array(z.string()).default([]),
  traces: z.array(z.string()).default([]),
});

export const elementDefinitions = z.object({
  guide: z.array(elementDefinition),
  functions: z.array(elementDefinition),
});
export type ElementDefinition = z.infer<typeof elementDefinition>;
