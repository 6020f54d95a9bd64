// The layering rules (.dependency-cruiser.cjs, scripts/sql-outside-store.mjs) fail on what they forbid: each case
// plants one violation in a small tree of the project's folder names and expects exactly that rule to fire.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IForbiddenRuleType, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without declarations
import { sqlOutsideStore } from '../scripts/sql-outside-store.mjs';

const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[] };

const CLEAN: Record<string, string> = {
  'model/index.ts': 'export interface Finding { id: string }\n',
  'store/index.ts': "export * from './runs.ts';\n",
  'store/runs.ts': "import type { Finding } from '../model/index.ts';\nexport const runs = (f: Finding) => f.id;\n",
  'checks/index.ts': "import { runs } from '../store/index.ts';\nexport const check = () => runs({ id: 'x' });\n",
  'crawler/index.ts': "export { fetchPage } from './fetch.ts';\n",
  'crawler/fetch.ts': "import { runs } from '../store/index.ts';\nexport const fetchPage = () => runs({ id: 'p' });\n",
};

function tree(extra: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries({ ...CLEAN, ...extra })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function violations(extra: Record<string, string>): Promise<string[]> {
  const root = tree(extra);
  const result = await cruise(
    ['model', 'store', 'checks', 'crawler', 'scoring'].filter((f) =>
      Object.keys({ ...CLEAN, ...extra }).some((p) => p.startsWith(`${f}/`)),
    ),
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: rules.forbidden },
      tsPreCompilationDeps: true,
    },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('dependency rules', () => {
  it('pass on a tree that keeps the layers', async () => {
    expect(await violations({})).toEqual([]);
  });

  it('fail on an upward import (store importing checks)', async () => {
    const found = await violations({ 'store/upward.ts': "import { check } from '../checks/index.ts';\nexport const up = check;\n" });
    expect(found).toEqual(['layer-store: store/upward.ts → checks/index.ts']);
  });

  it('fail on a cycle inside a folder', async () => {
    const found = await violations({
      'crawler/a.ts': "import { b } from './b.ts';\nexport const a = () => b();\n",
      'crawler/b.ts': "import { a } from './a.ts';\nexport const b = () => a();\n",
    });
    expect(found.filter((v) => v.startsWith('no-cycle:')).length).toBeGreaterThan(0);
    expect(found.every((v) => v.startsWith('no-cycle:'))).toBe(true);
  });

  it('fail on a cycle of type-only imports too', async () => {
    const found = await violations({
      'crawler/a.ts': "import type { B } from './b.ts';\nexport interface A { b: B }\n",
      'crawler/b.ts': "import type { A } from './a.ts';\nexport interface B { a?: A }\n",
    });
    expect(found.filter((v) => v.startsWith('no-cycle:')).length).toBeGreaterThan(0);
    expect(found.every((v) => v.startsWith('no-cycle:'))).toBe(true);
  });

  it("fail on an import around another folder's index.ts", async () => {
    const found = await violations({ 'checks/inside.ts': "import { runs } from '../store/runs.ts';\nexport const inside = runs;\n" });
    expect(found).toEqual(['through-index: checks/inside.ts → store/runs.ts']);
  });
});

describe('SQL outside store/', () => {
  it('finds SQL text and the raw database handle outside store/, and nothing in store/', () => {
    const root = tree({
      'scoring/from-store.ts': 'export const n = (s: any) =>\n  s.db\n    .prepare(`SELECT count(*) FROM runs`)\n    .get();\n',
      'crawler/batch.ts': 'export const tx = (s: any, f: () => void) => s.db.transaction(f)();\n',
      'store/runs-sql.ts': "export const q = (db: any) => db.prepare('SELECT * FROM runs').all();\n",
    });
    const found = sqlOutsideStore(root) as string[];
    expect(found.map((f) => f.split(':')[0]).sort()).toEqual(['crawler/batch.ts', 'scoring/from-store.ts', 'scoring/from-store.ts']);
  });

  it('finds nothing in the project itself', () => {
    expect(sqlOutsideStore(join(import.meta.dirname, '..'))).toEqual([]);
  });
});
