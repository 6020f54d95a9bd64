import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCountyConfig, type CountyConfig } from '../config/index.ts';

export const SAMPLE_CONFIG_PATH = fileURLToPath(new URL('../config/sample.yaml', import.meta.url));
export const SAMPLE_PLACEHOLDER_ORIGIN = 'http://sample-portal.invalid';
export { SAMPLE_AS_OF } from './sample-date.ts';

/** The bundled sample config pointed at a running sample portal. */
export function sampleConfigFor(origin: string, path = SAMPLE_CONFIG_PATH): CountyConfig {
  const text = readFileSync(path, 'utf8').replaceAll(SAMPLE_PLACEHOLDER_ORIGIN, origin);
  return parseCountyConfig(text, path);
}
