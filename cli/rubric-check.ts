import { CHECK_IDS } from '../checks/index.ts';
import { assertRubricReferences, knownColumnKeys, loadRubricForConfig, type CountyConfig, type Rubric } from '../config/index.ts';
import { rubricWarningLines } from './rubric-warnings.ts';

/**
 * The county's rubric, checked against what it names (check ids, column keys, the config's units and classes):
 * a mistake is a ConfigError (exit 2) naming file, line and item; the loader's warnings go to stderr.
 */
export function checkedRubric(config: CountyConfig, configFile: string, year: number, spec?: string): Rubric {
  const rubric = loadRubricForConfig(config, year, spec ?? config.rubric);
  const unitWarnings = assertRubricReferences(rubric, { checkIds: CHECK_IDS, columnKeys: knownColumnKeys(), config }, configFile);
  for (const line of rubricWarningLines(spec ?? config.rubric, [...(rubric.warnings ?? []), ...unitWarnings]))
    process.stderr.write(`${line}\n`);
  return rubric;
}
