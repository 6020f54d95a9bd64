// Reads onboard/words.yaml (the words zwgk init reads names and navigation by).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { NewMediaAccount } from '../config/index.ts';

interface OnboardWords {
  platformLinks: string[];
  unitListLinks: string[];
  newMediaLinks: string[];
  platforms: Record<Exclude<NewMediaAccount['platform'], 'other'>, string[]>;
  orgSuffixes: { text: string; after?: string[] }[];
  kinds: string[];
  partyPrefixes: string[];
  historicalMarkers: string[];
  formerNames: { current: string; former: string[]; source: string }[];
}

let cached: OnboardWords | null = null;

export function onboardWords(): OnboardWords {
  cached ??= parse(readFileSync(new URL('./words.yaml', import.meta.url), 'utf8')) as OnboardWords;
  return cached;
}
