import { isAlias, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ConfigError } from './config-error.ts';

/** yaml's default; a county config or rubric uses a handful of aliases at most. */
const MAX_ALIAS_COUNT = 100;

const at = (line: number, col: number): string => `第${line}行第${col}列 (line ${line}, col ${col})`;

/**
 * YAML text to plain data, every problem as a ConfigError naming the file and the line: syntax errors, and an
 * "alias bomb" (aliases expanding to millions of nodes), which yaml refuses with an unlocated ReferenceError.
 */
export function yamlToJs(text: string, file: string): unknown {
  return parseYamlDocument(text, file).data;
}

/** The parsed document and its line counter (to locate later problems) beside the data; errors as in yamlToJs. */
export function parseYamlDocument(text: string, file: string): { doc: Document; lineCounter: LineCounter; data: unknown } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: e.linePos ? at(e.linePos[0].line, e.linePos[0].col) : '',
        message: `YAML 语法错误 / YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  try {
    return { doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let first: { line: number; col: number } | null = null;
    let aliases = 0;
    visit(doc, {
      Alias(_key, node) {
        aliases++;
        if (!first && isAlias(node) && node.range) first = lineCounter.linePos(node.range[0]);
      },
    });
    const where = first as { line: number; col: number } | null;
    throw new ConfigError(file, [
      {
        path: where ? at(where.line, where.col) : '',
        message: `YAML 别名（*引用）展开过多（文件中有 ${aliases} 处别名，展开后超过上限），疑似“别名炸弹”，已拒绝 / aliases expand too far (alias bomb): ${err.message}`,
      },
    ]);
  }
}
