import ts from 'typescript';

interface ExportedName {
  file: string;
  name: string;
  line: number;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a file declares with `export` (functions, classes, constants, types, interfaces, enums). */
export function exportedNames(sf: ts.SourceFile): ExportedName[] {
  const out: ExportedName[] = [];
  const add = (name: ts.Node) =>
    out.push({ file: sf.fileName, name: name.getText(sf), line: sf.getLineAndCharacterOfPosition(name.getStart(sf)).line + 1 });
  for (const st of sf.statements) {
    if (!hasExportModifier(st)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      add(st.name);
    }
  }
  return out;
}

/**
 * Every name another module could be using: named imports and re-exports, destructured dynamic imports, and
 * (conservatively) every property name read anywhere, which covers `import * as ns` and `(await import(…)).name`.
 */
export function usedNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) names.add((node.propertyName ?? node.name).getText(sf));
    else if (ts.isPropertyAccessExpression(node)) names.add(node.name.getText(sf));
    else if (ts.isBindingElement(node)) names.add((node.propertyName ?? node.name).getText(sf));
    else if (ts.isImportTypeNode(node) && node.qualifier) names.add(node.qualifier.getText(sf));
    else if (ts.isQualifiedName(node)) names.add(node.right.getText(sf));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Identifiers a file uses apart from its own declarations' names (an export used only in its own file). */
export function localUses(sf: ts.SourceFile, name: string): number {
  let n = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) n++;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return n - 1;
}

/** Files an index.ts re-exports whole (`export * from './x.ts'`): every export of theirs is the folder's API. */
export function starReexported(files: ts.SourceFile[]): Set<string> {
  const out = new Set<string>();
  for (const sf of files) {
    if (!/(^|\/)index\.ts$/.test(sf.fileName)) continue;
    const dir = sf.fileName.replace(/index\.ts$/, '');
    for (const st of sf.statements) {
      if (!ts.isExportDeclaration(st) || st.exportClause || !st.moduleSpecifier) continue;
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (spec.startsWith('./')) out.add(dir + spec.slice(2));
    }
  }
  return out;
}
