// One total deadline per request, from connect to the last byte; an attachment may take the longer one.

export interface RequestDeadline {
  /** Aborts when the deadline passes. */
  signal: AbortSignal;
  /** The deadline in force, in milliseconds from the start. */
  limitMs(): number;
  /** Moves the deadline to `ms` from the start (only ever later). */
  extendTo(ms: number): void;
  /** Aborts now (the caller gave up). */
  abort(): void;
  clear(): void;
}

export function startDeadline(limitMs: number, now: () => number = Date.now): RequestDeadline {
  const started = now();
  const controller = new AbortController();
  let limit = limitMs;
  const arm = () => setTimeout(() => controller.abort(), Math.max(0, limit - (now() - started)));
  let timer = arm();
  return {
    signal: controller.signal,
    limitMs: () => limit,
    extendTo(ms) {
      if (ms <= limit) return;
      clearTimeout(timer);
      limit = ms;
      timer = arm();
    },
    abort: () => controller.abort(),
    clear: () => clearTimeout(timer),
  };
}
