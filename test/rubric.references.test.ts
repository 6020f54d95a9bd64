import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../checks/index.ts';
import { assertRubricReferences, knownColumnKeys, loadCountyConfig, loadRubric } from '../config/index.ts';

describe('the built-in rubric against the bundled configs', () => {
  it('names only known check ids and column keys, and every responsible unit exists', () => {
    const rubric = loadRubric('builtin:2023', 2023);
    for (const file of ['config/sample.yaml', 'config/linyi-2023.yaml']) {
      const config = loadCountyConfig(new URL(`../${file}`, import.meta.url).pathname);
      expect(() => assertRubricReferences(rubric, { checkIds: CHECK_IDS, columnKeys: knownColumnKeys(), config })).not.toThrow();
    }
  });
});
