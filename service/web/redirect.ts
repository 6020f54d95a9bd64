const BASE = 'http://workspace.invalid';

/**
 * Where to go after login: only a path on this site. A browser drops tabs and newlines and reads `\` as `/`,
 * so `/\t/evil.example/` is `//evil.example/`, another host: any control character, backslash or a result
 * that leaves our origin is refused.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE || next.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
