import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { authenticate, type Store, type UserRecord } from '../../store/index.ts';

interface ThrottlePolicy {
  freePerAccount: number; // failed guesses an account may have before delays start
  freePerAddress: number; // the same for one client address (an office behind one NAT address shares it)
  maxDelayMs: number;
  forgetMs: number; // a key with no failure for this long starts over
}

const DEFAULT_THROTTLE: ThrottlePolicy = {
  freePerAccount: 5,
  freePerAddress: 20,
  maxDelayMs: 15 * 60_000,
  forgetMs: 24 * 3_600_000,
};
const MAX_KEYS = 50_000; // bounded memory under a flood of made-up user names

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Failed logins per account and per client address, with growing delays: after the free attempts, each further
 * failure doubles the wait (1 s, 2 s, 4 s … up to maxDelayMs) before the next attempt is even checked. A refused
 * attempt costs no password hashing. Shared by the login form and the API's Basic auth; kept in memory (a restart
 * forgets, which only gives an attacker back a handful of guesses).
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => Date,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  private keys(username: string, address: string): [string, number][] {
    return [
      [`u:${username.trim().toLowerCase()}`, this.policy.freePerAccount],
      [`a:${address}`, this.policy.freePerAddress],
    ];
  }

  /** Milliseconds until this account or address may try again; 0 when it may try now. */
  waitMs(username: string, address: string): number {
    const t = this.now().getTime();
    let wait = 0;
    for (const [key] of this.keys(username, address)) {
      const e = this.entries.get(key);
      if (e && t - e.lastFailure > this.policy.forgetMs) this.entries.delete(key);
      else if (e) wait = Math.max(wait, e.blockedUntil - t);
    }
    return Math.max(0, wait);
  }

  fail(username: string, address: string): void {
    const t = this.now().getTime();
    for (const [key, free] of this.keys(username, address)) {
      const e = this.entries.get(key) ?? { failures: 0, lastFailure: t, blockedUntil: 0 };
      e.failures++;
      e.lastFailure = t;
      const over = e.failures - free;
      if (over > 0) e.blockedUntil = t + Math.min(this.policy.maxDelayMs, 1000 * 2 ** Math.min(over - 1, 30));
      this.entries.delete(key); // re-insert: Map order is then least recently failed first
      this.entries.set(key, e);
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A successful login clears the account's count (the address keeps its own: one right password must not unlock a spray). */
  succeed(username: string): void {
    this.entries.delete(`u:${username.trim().toLowerCase()}`);
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's address as the socket reports it. Behind a reverse proxy on the same machine (nginx in front for
 * HTTPS) every request comes from 127.0.0.1: then the address the proxy appended last to X-Forwarded-For is used,
 * so one office's failed logins do not slow down the whole county. Only a loopback peer is trusted with that header.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? 'unknown';
  if (!LOOPBACK.test(peer)) return peer;
  const forwarded = c.req
    .header('x-forwarded-for')
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .pop();
  return forwarded && forwarded.length <= 64 ? forwarded : peer;
}

export function waitMessage(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `登录失败次数过多，请 ${s >= 120 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`}后再试。`;
}

/** authenticate() behind the throttle: while the account or address must wait, no password is checked at all. */
export function throttledAuthenticate(
  throttle: LoginThrottle,
  store: Store,
  username: string,
  password: string,
  address: string,
): { user: UserRecord | null; waitMs: number } {
  const wait = throttle.waitMs(username, address);
  if (wait > 0) return { user: null, waitMs: wait };
  const user = authenticate(store, username, password);
  if (user) throttle.succeed(username);
  else throttle.fail(username, address);
  return { user, waitMs: 0 };
}
