import ts from 'typescript';

interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

const vitestBlocks = new Set(['describe', 'it', 'test']);

/** The base identifier of a callee: `it`, `it.skip`, `it.each(cases)` and `describe.concurrent` all give their first name. */
function calleeRoot(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return calleeRoot(expr.expression);
  if (ts.isCallExpression(expr)) return calleeRoot(expr.expression);
  return undefined;
}

/** True when every branch of the expression is describe/it/test (`hasChromium() ? describe : describe.skip`). */
function isVitestBlockExpression(expr: ts.Expression, blocks: Set<string>): boolean {
  if (ts.isConditionalExpression(expr)) {
    return isVitestBlockExpression(expr.whenTrue, blocks) && isVitestBlockExpression(expr.whenFalse, blocks);
  }
  if (ts.isParenthesizedExpression(expr)) return isVitestBlockExpression(expr.expression, blocks);
  const root = calleeRoot(expr);
  return root !== undefined && blocks.has(root);
}

/** describe/it/test plus the file's own aliases of them (`const run = cond ? describe : describe.skip`). */
function vitestBlockNames(sf: ts.SourceFile): Set<string> {
  const names = new Set(vitestBlocks);
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.initializer && isVitestBlockExpression(decl.initializer, names)) {
        names.add(decl.name.text);
      }
    }
  }
  return names;
}

/** A describe/it/test callback: its length is a list of cases, not one piece of logic. */
function isVitestBlockCallback(node: FunctionNode, blocks: Set<string>): boolean {
  const parent = node.parent;
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(node as ts.Expression)) return false;
  return isVitestBlockExpression(parent.expression, blocks);
}

function functionName(node: FunctionNode, sf: ts.SourceFile): string {
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name) return parent.name.getText(sf);
  if (ts.isCallExpression(parent)) return `(argument of ${parent.expression.getText(sf).slice(0, 40)})`;
  if (ts.isExportAssignment(parent)) return 'export default';
  return '(anonymous)';
}

/** Every function in the file longer than `limit` lines, counted from its first to its last line inclusive. */
export function longFunctions(sf: ts.SourceFile, limit: number, isTestFile: boolean): LongFunction[] {
  const result: LongFunction[] = [];
  const blocks = isTestFile ? vitestBlockNames(sf) : new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) && node.body && !isVitestBlockCallback(node, blocks)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > limit) result.push({ file: sf.fileName, line: start + 1, name: functionName(node, sf), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return result;
}
