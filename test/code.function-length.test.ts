import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { longFunctions } from './helpers/function-length.js';
import { parseSource, projectSourceFiles, repoRoot } from './helpers/source-files.js';

const maxLines = 80;

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true);
}

const bodyOf = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('function length (issue 16: no function over 80 lines)', () => {
  it('measures declarations, methods, arrows and function expressions, and names them', () => {
    const sf = parse(
      [
        `function big() {\n${bodyOf(80)}\n}`,
        `const arrow = () => {\n${bodyOf(79)}\n};`,
        `class K { method() {\n${bodyOf(81)}\n} }`,
        `register(function () {\n${bodyOf(85)}\n});`,
        `function small() {\n${bodyOf(78)}\n}`,
      ].join('\n'),
    );
    const found = longFunctions(sf, maxLines, false).map((f) => [f.name, f.lines]);
    expect(found).toEqual([
      ['big', 82],
      ['arrow', 81],
      ['method', 83],
      ['(argument of register)', 87],
    ]);
  });

  it('leaves out describe/it/test callbacks in test files, but not the functions inside them', () => {
    const code = `const run = ok ? describe : describe.skip;\nrun('x', () => {\n  it.each([1])('y', () => {\n${bodyOf(90)}\n  });\n  const helper = () => {\n${bodyOf(90)}\n  };\n});`;
    expect(longFunctions(parse(code), maxLines, true).map((f) => f.name)).toEqual(['helper']);
    expect(longFunctions(parse(code), maxLines, false).map((f) => f.name)).toContain('(argument of run)');
  });

  it(`no function in the code base is longer than ${maxLines} lines (outside sample/)`, () => {
    const offenders = projectSourceFiles()
      .flatMap((file) => longFunctions(parseSource(repoRoot, file), maxLines, /\.test\.ts$/.test(file)))
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.lines} lines  ${f.file}:${f.line}  ${f.name}`);
    expect(offenders, `split these into named steps:\n${offenders.join('\n')}`).toEqual([]);
  });
});
