/** The loader's warnings (loaded anyway, but an evaluator should look), one line each, naming file and place. */
export function rubricWarningLines(source: string, warnings: { path: string; message: string }[]): string[] {
  return warnings.map((w) => `注意：考核细则 ${source} 的 ${w.path}：${w.message}`);
}
