import type { ErrorClass, FetchStats, HostStats } from '../model/index.ts';

export type { FetchStats, HostStats };

function emptyHost(): HostStats {
  return { requests: 0, pages: 0, bytes: 0, notModified: 0, retries: 0, errors: {} };
}

export interface StatsRecorder {
  request(host: string, bytes: number): void;
  retry(host: string): void;
  page(host: string): void;
  notModified(host: string): void;
  error(host: string, errorClass: ErrorClass): void;
  linkCheck(): void;
  snapshot(): FetchStats;
}

export function createStatsRecorder(): StatsRecorder {
  const total = emptyHost();
  const hosts = new Map<string, HostStats>();
  let linkChecks = 0;
  const both = (host: string, apply: (s: HostStats) => void) => {
    apply(total);
    let h = hosts.get(host);
    if (!h) {
      h = emptyHost();
      hosts.set(host, h);
    }
    apply(h);
  };
  return {
    request: (host, bytes) =>
      both(host, (s) => {
        s.requests++;
        s.bytes += bytes;
      }),
    retry: (host) =>
      both(host, (s) => {
        s.retries++;
      }),
    page: (host) =>
      both(host, (s) => {
        s.pages++;
      }),
    notModified: (host) =>
      both(host, (s) => {
        s.notModified++;
      }),
    error: (host, errorClass) =>
      both(host, (s) => {
        s.errors[errorClass] = (s.errors[errorClass] ?? 0) + 1;
      }),
    linkCheck: () => {
      linkChecks++;
    },
    snapshot(): FetchStats {
      const copy = (s: HostStats): HostStats => ({ ...s, errors: { ...s.errors } });
      return { ...copy(total), linkChecks, hosts: Object.fromEntries([...hosts].map(([k, v]) => [k, copy(v)])) };
    },
  };
}
