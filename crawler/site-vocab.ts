// Reads config/site-marks.yaml: how footer marks, search and the 找错 entry are recognised (data with sources).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const words = z.array(z.string().min(1)).min(1);
const schema = z
  .object({
    siteCode: z.object({ labels: words, value: z.string(), meta: words }).strict(),
    icp: z.object({ pattern: z.string(), linkHosts: words }).strict(),
    police: z.object({ patterns: words, linkHosts: words, linkParams: words }).strict(),
    sponsor: z.object({ labels: words }).strict(),
    contact: z.object({ labels: words, value: z.string() }).strict(),
    conac: z.object({ ids: words, linkHosts: words }).strict(),
    search: z.object({ texts: words, actionWords: words, inputNames: words }).strict(),
    errorReport: z.object({ texts: words, ids: words, scriptWords: words, linkHosts: words }).strict(),
    footer: z.object({ words, scriptWords: words }).strict(),
  })
  .strict();

export type SiteVocab = z.infer<typeof schema>;
const FILE = new URL('../config/site-marks.yaml', import.meta.url);
let cached: SiteVocab | null = null;

export function loadSiteVocab(): SiteVocab {
  if (cached) return cached;
  const parsed = schema.safeParse(parse(readFileSync(FILE, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`config/site-marks.yaml：${i.path.join('.')}：${i.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** A link host matches a configured host with dots or with dashes (IPv6 gateways rewrite www.beian.gov.cn to www-beian-gov-cn…). */
export function hostMatches(host: string, wanted: readonly string[]): boolean {
  const h = host.toLowerCase();
  return wanted.some((w) => h.includes(w.toLowerCase()) || h.includes(w.toLowerCase().replace(/\./g, '-')));
}
