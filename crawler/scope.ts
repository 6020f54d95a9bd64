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

/** The standard ports: a host named without a port may be reached on either (sites move from http to https). */
const DEFAULT_PORTS = ['80', '443'];
const ANY_PORT = '*';

/**
 * Host and port of an entry. A URL (with scheme) names its port, the scheme's default meaning 80 and 443; a bare
 * `host:port` names that port; a bare host (no scheme, no port) allows any port (programmatic use only: the
 * county config's entries are made explicit by collectHosts).
 */
function entryOf(entry: string): { host: string; port: string } | null {
  const trimmed = entry.trim().toLowerCase();
  if (!trimmed) return null;
  if (trimmed.startsWith('*.')) {
    const m = /^(\*\.[^:/]+)(?::(\d+|\*))?$/.exec(trimmed);
    return m ? { host: m[1], port: m[2] ?? ANY_PORT } : null;
  }
  try {
    const hasScheme = trimmed.includes('://');
    const anyPort = trimmed.endsWith(':*');
    const u = new URL(hasScheme ? trimmed : `http://${anyPort ? trimmed.slice(0, -2) : trimmed}`);
    if (anyPort) return { host: u.hostname, port: ANY_PORT };
    if (u.port) return { host: u.hostname, port: u.port };
    if (hasScheme) return { host: u.hostname, port: '' };
    return { host: u.hostname, port: /:\d+$/.test(trimmed) ? '' : ANY_PORT };
  } catch {
    return null;
  }
}

function hostOf(entry: string): string | null {
  return entryOf(entry)?.host ?? null;
}

function effectivePort(u: URL): string {
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

function collectHosts(config: CountyConfig): string[] {
  const entries: string[] = [];
  for (const unit of config.units) {
    entries.push(unit.home);
    for (const url of Object.values(unit.columns ?? {})) entries.push(url);
    for (const account of unit.newMedia ?? []) if (account.feed) entries.push(account.feed);
  }
  // a bare extra host names the standard ports only; another port must be written out (host:8080)
  for (const extra of config.extraHosts ?? [])
    entries.push(/:(\d+|\*)$/.test(extra.trim()) || extra.includes('://') ? extra : `${extra.trim()}:80`);
  return entries;
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
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
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

/** The entry a host name falls under: itself when named, else the first wildcard covering it. */
function matching(hosts: string[], hostname: string): string | null {
  if (hosts.includes(hostname)) return hostname;
  for (const h of hosts) {
    if (!h.startsWith('*.')) continue;
    const base = h.slice(2);
    if (hostname === base || hostname.endsWith(`.${base}`)) return h;
  }
  return null;
}

function portAllowed(ports: Map<string, Set<string>>, entryHost: string, port: string): boolean {
  const allowed = ports.get(entryHost);
  return !allowed || allowed.has(ANY_PORT) || allowed.has(port);
}

export function createScopeGuardFromHosts(hostEntries: string[]): ScopeGuard {
  const hosts = [...new Set(hostEntries.map(hostOf).filter((h): h is string => h !== null))].sort();
  const ports = new Map<string, Set<string>>();
  for (const e of hostEntries.map(entryOf)) {
    if (!e) continue;
    const set = ports.get(e.host) ?? new Set<string>();
    for (const p of e.port === '' || e.port === '80' || e.port === '443' ? DEFAULT_PORTS : [e.port]) set.add(p);
    ports.set(e.host, set);
  }
  const wrongPort = (host: string, u: URL): ScopeDecision => ({
    allowed: false,
    reason: 'out_of_scope',
    message: `主机 ${host} 的端口 ${effectivePort(u)} 未在配置中列出，不抓取`,
  });
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
      const port = effectivePort(u);
      if (isPrivateAddress(hostname)) {
        if (hosts.includes(hostname)) return portAllowed(ports, hostname, port) ? { allowed: true } : wrongPort(hostname, u);
        return { allowed: false, reason: 'out_of_scope', message: `本机或内网地址 ${hostname} 未在配置中列出，不抓取` };
      }
      const entry = matching(hosts, hostname);
      if (entry) return portAllowed(ports, entry, port) ? { allowed: true } : wrongPort(hostname, u);
      return { allowed: false, reason: 'out_of_scope', message: `主机 ${hostname} 不在配置列出的检查范围内，不抓取` };
    },
  };
}

/** Hosts from unit homes, column overrides, feed URLs and `extraHosts`, each on the ports the config names. */
export function createScopeGuard(config: CountyConfig): ScopeGuard {
  return createScopeGuardFromHosts(collectHosts(config));
}
