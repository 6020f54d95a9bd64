// Pre-flight: everything an inspection needs after its crawl is loaded and checked before its first request, so a
// bad rubric path or `rules:` key is reported in a second, not after a full crawl that then leaves no findings.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  assessmentWindow,
  ConfigError,
  ContentWordsError,
  loadContentWords,
  loadRubricForConfig,
  type CountyConfig,
  type Rubric,
} from '../config/index.ts';
import { CheckSettingsError, loadCheckSettings, type CheckSettings } from '../checks/index.ts';

export interface PreflightResult {
  rubric: Rubric;
  settings: CheckSettings;
}

type Problem = { path: string; message: string };

/** Problems with the output directory: it must be (or become) a writable directory, and findings.json a file. */
function outDirProblems(outDir: string): Problem[] {
  const full = resolve(outDir);
  if (existsSync(full)) {
    if (!statSync(full).isDirectory())
      return [{ path: '--out', message: `输出位置 ${outDir} 已存在且不是目录 / --out exists and is not a directory` }];
    const findings = join(full, 'findings.json');
    if (existsSync(findings) && !statSync(findings).isFile())
      return [{ path: '--out', message: `${findings} 是一个目录，无法写入检查结果 / findings.json is a directory` }];
  }
  let probe = full;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  try {
    accessSync(probe, constants.W_OK);
  } catch {
    return [{ path: '--out', message: `没有写入 ${probe} 的权限，检查结果将无法保存 / output directory is not writable` }];
  }
  if (!statSync(probe).isDirectory()) return [{ path: '--out', message: `${probe} 不是目录 / not a directory` }];
  return [];
}

/**
 * Loads and checks what the run will need after crawling: the rubric, the check settings with the county's
 * `rules:`, the assessment window, the output directory. Every problem is reported at once, each with its place
 * (ConfigError naming the config file). Returns the loaded rubric and settings.
 */
export function preflightInspection(config: CountyConfig, configPath: string, opts: { asOf: string; outDir?: string }): PreflightResult {
  const problems: Problem[] = [];
  let rubric: Rubric | null = null;
  let settings: CheckSettings | null = null;
  try {
    rubric = loadRubricForConfig(config, config.year);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems.map((p) => ({ path: `rubric（${err.file}${p.path ? `: ${p.path}` : ''}）`, message: p.message })));
  }
  if (rubric) {
    const classes = Object.keys(rubric.classes);
    config.units.forEach((u, i) => {
      if (!classes.includes(u.class)) {
        problems.push({
          path: `units[${i}].class`,
          message: `类别“${u.class}”不在考核细则中，应为 ${classes.join('、')} 之一 / class is not a class of the rubric`,
        });
      }
    });
  }
  try {
    settings = loadCheckSettings(config.rules);
  } catch (err) {
    if (!(err instanceof CheckSettingsError)) throw err;
    problems.push({ path: 'rules', message: err.message });
  }
  try {
    loadContentWords(); // the content-safety word lists (config/content-words/)
  } catch (err) {
    if (!(err instanceof ContentWordsError)) throw err;
    problems.push({ path: 'content-words', message: err.message });
  }
  const window = assessmentWindow(config, opts.asOf);
  if (window.start > window.end) {
    problems.push({
      path: config.window ? 'window' : 'year',
      message: `检查日期 ${opts.asOf} 早于考核窗口开始 ${window.start}，没有可检查的时间段 / --as-of is before the assessment window`,
    });
  }
  if (opts.outDir !== undefined) problems.push(...outDirProblems(opts.outDir));
  if (problems.length > 0 || !rubric || !settings) throw new ConfigError(configPath, problems);
  return { rubric, settings };
}
