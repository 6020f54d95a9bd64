import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const PASSWORD_MIN = 8;
/** Longer input is refused before any hashing: a megabyte "password" must not cost the server anything. */
export const PASSWORD_MAX = 128;

let common: Set<string> | null = null;
const commonPasswords = (): Set<string> =>
  (common ??= new Set(
    (parse(readFileSync(fileURLToPath(new URL('./password-policy.yaml', import.meta.url)), 'utf8')) as { common: string[] }).common.map(
      (p) => String(p).toLowerCase(),
    ),
  ));

const RUNS = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'zyxwvutsrqponmlkjihgfedcba', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** True when the whole password is one straight run of a row of digits, the alphabet or a keyboard row (12345678, abcdefgh). */
function plainRun(lower: string): boolean {
  return RUNS.some((run) => run.includes(lower));
}

/** A run with up to two characters stuck on (abcdefgh1, !12345678) is still a run. */
function nearlyRun(lower: string): boolean {
  for (let a = 0; a <= 2; a++) {
    for (let b = 0; a + b <= 2; b++) {
      const seg = lower.slice(a, lower.length - b);
      if (seg.length >= 6 && plainRun(seg)) return true;
    }
  }
  return false;
}

/** Why a new password is refused (Chinese, for the user), or null when it is acceptable. */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 个字符`;
  if (password.length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 个字符`;
  const lower = password.toLowerCase();
  const kinds = [/[a-z]/i, /[0-9]/, /[^a-z0-9]/i].filter((re) => re.test(password)).length;
  if (kinds < 2) return '密码过于简单：须同时包含字母、数字、符号中的至少两类（如 12345678 这样的纯数字密码不能使用）';
  if (new Set(lower).size <= 2 || nearlyRun(lower)) {
    return '密码过于简单：不能只是重复的字符或连续的数字、字母、键盘序列';
  }
  if (commonPasswords().has(lower)) return '密码过于常见（在公开泄露的常用密码表中），请换一个';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return '密码不能包含用户名';
  return null;
}
