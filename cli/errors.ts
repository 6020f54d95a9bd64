// Loaded by every command, `zwgk --help` included: it imports only the ground floor (model/ loads nothing), never
// config/index.ts, which loads zod and yaml (~150 ms; commands import config/ when they run, see cli/main.ts).
import { InputError } from '../model/index.ts';

/** A config/ ConfigError (the CLI prints it under its own heading), recognised by name for the reason above. */
export function isConfigError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'ConfigError';
}

/** Bad arguments or input: the CLI exits 2 with this message (Chinese first, English after). */
export class UsageError extends InputError {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The one place that turns an error into an exit code: every InputError (config, tables, arguments, users,
 * decisions, unit lists, a missing database) is the user's to fix and exits 2; anything else exits 1.
 */
export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError) return EXIT.usage;
  if (err && typeof err === 'object' && (err as { exitCode?: unknown }).exitCode === 2) return EXIT.usage;
  return EXIT.failed;
}

export function parseAsOf(value: string | undefined, flag = '--as-of'): string {
  if (value === undefined) {
    // "today" in Asia/Shanghai
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  if (!ok) throw new UsageError(`${flag}: "${value}" 不是有效日期，应为 YYYY-MM-DD / ${flag} must be a valid date YYYY-MM-DD`);
  return value;
}
