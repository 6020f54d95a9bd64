import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Nice values of this process's threads by thread id (Linux /proc), or null where /proc has no task list. */
export function threadNiceValues(): Map<number, number> | null {
  if (!existsSync('/proc/self/task')) return null;
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      // fields after the parenthesised command name; nice is field 19 of the whole line
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}
