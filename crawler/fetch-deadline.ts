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

// One listener per outside signal however many requests share it (a unit's cut-off covers all its requests, up to
// the host's connection count at once): a listener per request went past EventTarget's limit of 10 and warned.
const followers = new WeakMap<AbortSignal, Set<() => void>>();

function fanOut(this: AbortSignal): void {
  const set = followers.get(this);
  followers.delete(this);
  for (const abort of set ?? []) abort();
}

/** Aborts the deadline when `signal` aborts; the returned function stops following it (call it when done). */
export function followSignal(signal: AbortSignal | undefined, deadline: RequestDeadline): () => void {
  if (!signal) return () => undefined;
  let set = followers.get(signal);
  if (!set) {
    set = new Set();
    followers.set(signal, set);
    signal.addEventListener('abort', fanOut, { once: true });
  }
  const abort = () => deadline.abort();
  set.add(abort);
  return () => {
    const current = followers.get(signal);
    if (!current?.delete(abort) || current.size > 0) return;
    followers.delete(signal);
    signal.removeEventListener('abort', fanOut);
  };
}
