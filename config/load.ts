import { readFileSync, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { countyConfigSchema, type CountyConfig } from './schema.ts';
import { yamlToJs } from './yaml-doc.ts';
import { ConfigError } from './config-error.ts';
import { notifyConfigProblems } from './notify-schema.ts';

/** A config problem that names the file and the place inside it. CLI exits 2 on it. */
export { ConfigError } from './config-error.ts';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function zodProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Semantic checks zod cannot express: unique ids, unique names. */
function crossChecks(config: CountyConfig): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  config.units.forEach((unit, i) => {
    const firstId = seenIds.get(unit.id);
    if (firstId !== undefined) {
      problems.push({
        path: `units[${i}].id`,
        message: `单位 id "${unit.id}" 与 units[${firstId}] 重复 / duplicate unit id "${unit.id}" (first at units[${firstId}])`,
      });
    } else seenIds.set(unit.id, i);
    const firstName = seenNames.get(unit.name);
    if (firstName !== undefined) {
      problems.push({
        path: `units[${i}].name`,
        message: `单位名称 "${unit.name}" 与 units[${firstName}] 重复 / duplicate unit name (first at units[${firstName}])`,
      });
    } else seenNames.set(unit.name, i);
  });
  if (config.window && config.window.start > config.window.end) {
    problems.push({ path: 'window', message: '考核窗口开始日期晚于结束日期 / window start is after its end' });
  }
  problems.push(...notifyConfigProblems(config));
  return problems;
}

export function parseCountyConfig(text: string, file: string): CountyConfig {
  const parsed = countyConfigSchema.safeParse(yamlToJs(text, file));
  if (!parsed.success) throw new ConfigError(file, zodProblems(parsed.error));
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return parsed.data;
}

const configFiles = new WeakMap<CountyConfig, string>();

/** The file a config was loaded from (relative paths inside it, such as rubric:, resolve from its folder). */
export function configFileOf(config: CountyConfig): string | undefined {
  return configFiles.get(config);
}

export function loadCountyConfig(file: string): CountyConfig {
  const full = resolve(file);
  if (!existsSync(full)) {
    throw new ConfigError(file, [{ path: '', message: '配置文件不存在 / config file not found' }]);
  }
  if (!statSync(full).isFile()) {
    throw new ConfigError(file, [
      { path: '', message: '这是一个目录（或不是普通文件），不是配置文件 / config path is a directory, not a file' },
    ]);
  }
  const config = parseCountyConfig(readFileSync(full, 'utf8'), file);
  configFiles.set(config, file);
  return config;
}
