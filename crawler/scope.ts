import { isIP } from 'node:net';
import type { CountyConfig } from '../config/index.ts';
import type { ErrorClass } from '../store/index.ts';

// Only hosts named in the county config are fetched: the tool inspects the county's own sites, nothing else.

export type ScopeDecision = { allowed: true } | { allowed: false; reason: ErrorClass; message: string };

export interface ScopeGuard {
  check(url: string): ScopeDecision;
  /** Hosts allowed, lower case; a leading `*.` allows every subdomain of that host. */
  hosts: string[];
}

function hostOf(entry: string): string | null {
  const trimmed = entry.trim().toLowerCase();
  if (!trimmed) return null;
  if (trimmed.startsWith('*.')) return trimmed;
  try {
    const u = new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`);
    return u.hostname;
  } catch {
    return null;
  }
}

function collectHosts(config: CountyConfig): string[] {
  const entries: string[] = [];
  for (const unit of config.units) {
    entries.push(unit.home);
    for (const url of Object.values(unit.columns ?? {})) entries.push(url);
    for (const account of unit.newMedia ?? []) if (account.feed) entries.push(account.feed);
  }
  entries.push(...(config.extraHosts ?? []));
  const hosts = new Set<string>();
  for (const entry of entries) {
    const host = hostOf(entry);
    if (host) hosts.add(host);
  }
  return [...hosts].sort();
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT and unspecified addresses. */
export function isPrivateAddress(hostname: string): boolean {
  const host = stripBrackets(hostname.toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const kind = isIP(host);
  if (kind === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
      || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (kind === 6) {
    if (host === '::' || host === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isPrivateAddress(mapped[1]);
    const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mappedHex) {
      const hi = parseInt(mappedHex[1], 16);
      const lo = parseInt(mappedHex[2], 16);
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

function matches(hosts: string[], hostname: string): boolean {
  for (const h of hosts) {
    if (h.startsWith('*.')) {
      const base = h.slice(2);
      if (hostname === base || hostname.endsWith(`.${base}`)) return true;
    } else if (h === hostname) {
      return true;
    }
  }
  return false;
}

export function createScopeGuardFromHosts(hostEntries: string[]): ScopeGuard {
  const hosts = [...new Set(hostEntries.map(hostOf).filter((h): h is string => h !== null))].sort();
  return {
    hosts,
    check(url: string): ScopeDecision {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return { allowed: false, reason: 'other', message: `网址无效：${url}` };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        return { allowed: false, reason: 'unsupported_scheme', message: `不支持的协议 ${u.protocol}，只抓取 http/https 网址` };
      }
      const hostname = u.hostname.toLowerCase();
      // Private and loopback addresses pass only when named exactly, never through a wildcard.
      if (isPrivateAddress(hostname)) {
        if (hosts.includes(hostname)) return { allowed: true };
        return { allowed: false, reason: 'out_of_scope', message: `本机或内网地址 ${hostname} 未在配置中列出，不抓取` };
      }
      if (matches(hosts, hostname)) return { allowed: true };
      return { allowed: false, reason: 'out_of_scope', message: `主机 ${hostname} 不在配置列出的检查范围内，不抓取` };
    },
  };
}

/** Hosts from unit homes, column overrides, feed URLs and `extraHosts`. */
export function createScopeGuard(config: CountyConfig): ScopeGuard {
  return createScopeGuardFromHosts(collectHosts(config));
}
