import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const schema = z
  .object({
    rectifyWorkingDays: z.number().int().positive(),
    sessionHours: z.number().positive(),
    recheckCron: z.string(),
    selfcheckPerUnitPerDay: z.number().int().min(0),
    refusedRetryMinutes: z.number().positive(),
  })
  .strict();

export type ServiceSettings = z.infer<typeof schema>;

export function loadServiceSettings(path = fileURLToPath(new URL('./settings.yaml', import.meta.url))): ServiceSettings {
  return schema.parse(parse(readFileSync(path, 'utf8')));
}
