import { z } from 'zod';

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A string that parses as an http(s) address (the config's homes, columns, feeds, probe references). */
export const httpUrl = z
  .string({ error: '必须是网址字符串 / must be a URL string' })
  .refine(isHttpUrl, { message: '不是有效的 http(s) 网址 / not a valid http(s) URL' });
