// Every Office.js member the add-in uses (addin/excel/*.ts) is within the requirement set manifest.xml declares
// (ExcelApi MinVersion) or sits behind an isSetSupported check. The requirement of each member is read from the
// `[Api set: …]` annotation of its declaration in @types/office-js, through the TypeScript checker:
// - a property access or method call on one of our typed subsets (XRange …, api.ts) is mapped to the real member
//   through the `Subset<Real, Mine>` pairs of api.ts (nested type literals, as in XOffice.context, by path);
// - property names given as strings to load() ('items/name', or an array or a function returning one) are resolved
//   on the loaded object's type;
// - an object literal typed as an Office.js type (InsertWorksheetOptions) counts each property it sets.
// A member above the declared set is "behind a check" when an enclosing function calls
// isSetSupported('ExcelApi', 'V') with V at least its set, before the use. A member with no annotation (Office's
// common API: onReady, context, isNullObject, sync) needs no set.
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersion } from '../../addin/fake/fake-excel.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const excelDir = join(repo, 'addin', 'excel');
const apiFile = join(excelDir, 'api.ts');
// Real path: node_modules may be a symlink, and the compiler reports declarations by their real path.
const officeTypes = realpathSync(join(repo, 'node_modules', '@types', 'office-js', 'index.d.ts'));

function declaredExcelApi(): string {
  const xml = readFileSync(join(repo, 'manifest.xml'), 'utf8');
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!m) throw new Error('manifest.xml declares no ExcelApi requirement');
  return m[1];
}

interface ApiSet {
  set: string;
  version: string;
}

interface Use {
  /** Excel.RangeFill.pattern */
  member: string;
  api: ApiSet | null;
  file: string;
  line: number;
  guarded: boolean;
}

const samePath = (a: string, b: string) => resolve(a) === resolve(b);

/** The `[Api set: X n]` annotations of a symbol's declarations; the highest when overloads differ. */
function apiSetOf(symbol: ts.Symbol): ApiSet | null {
  let best: ApiSet | null = null;
  for (const decl of symbol.declarations ?? []) {
    const text = decl.getFullText().slice(0, decl.getFullText().length - decl.getText().length);
    const m = /\[Api set: (\w+) ([\d.]+)\s*\]/.exec(text);
    if (!m) continue;
    const found = { set: m[1], version: m[2] };
    if (!best || (best.set === found.set && compareVersion(found.version, best.version) > 0)) best = found;
  }
  return best;
}

function qualifiedName(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  return checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, '');
}

/**
 * Analyses addin/excel/*.ts (files given in `overrides` replace the ones on disk, for the test that the check is
 * live). Returns every use of an Office.js member.
 */
function analyse(overrides: Record<string, string> = {}): { uses: Use[]; floor: string } {
  const files = readdirSync(excelDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(excelDir, f));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['office-js'],
    typeRoots: [join(repo, 'node_modules', '@types')],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => overrides[resolve(f)] ?? read(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) =>
    overrides[resolve(f)] !== undefined
      ? ts.createSourceFile(f, overrides[resolve(f)], lang)
      : getSourceFile(f, lang, ...rest);
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.some((f) => samePath(f, d.file!.fileName)));
  if (errors.length)
    throw new Error(
      ts.formatDiagnostics(errors, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => repo,
        getNewLine: () => '\n',
      }),
    );

  // Our interface name → the real Office.js type, from `Subset<Real, Mine>` in api.ts.
  const realOf = new Map<string, ts.Type>();
  const api = program.getSourceFile(apiFile)!;
  api.forEachChild(function visit(node): void {
    if (ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Subset' && node.typeArguments?.length === 2) {
      const [real, mine] = node.typeArguments;
      realOf.set(mine.getText(), checker.getTypeFromTypeNode(real));
    }
    node.forEachChild(visit);
  });
  expect(realOf.size, 'Subset pairs in api.ts').toBeGreaterThan(10);

  const inOfficeTypes = (s: ts.Symbol) =>
    (s.declarations ?? []).some((d) => samePath(d.getSourceFile().fileName, officeTypes));
  const property = (type: ts.Type, name: string) => checker.getPropertyOfType(checker.getNonNullableType(type), name);

  /** The real member behind a member of one of our interfaces (or itself when it is Office.js's own). */
  function realMember(symbol: ts.Symbol): ts.Symbol | undefined {
    if (inOfficeTypes(symbol)) return symbol;
    const decl = symbol.declarations?.[0];
    if (!decl || !samePath(decl.getSourceFile().fileName, apiFile)) return undefined;
    const path: string[] = [];
    let node: ts.Node = decl;
    while (!ts.isInterfaceDeclaration(node)) {
      if ((ts.isPropertySignature(node) || ts.isMethodSignature(node)) && node.name) path.unshift(node.name.getText());
      // A member of a method's return type ({ readonly value: string[] }): step through the call.
      if (ts.isTypeLiteralNode(node)) {
        let p: ts.Node = node.parent;
        while (ts.isIntersectionTypeNode(p) || ts.isParenthesizedTypeNode(p)) p = p.parent;
        if (ts.isMethodSignature(p)) path.unshift('()');
      }
      node = node.parent;
      if (!node || ts.isSourceFile(node)) return undefined;
    }
    let type = realOf.get(node.name.text);
    if (!type) return undefined;
    let member: ts.Symbol | undefined;
    for (const name of path) {
      if (name === '()') {
        type = checker.getNonNullableType(type).getCallSignatures()[0].getReturnType();
        continue;
      }
      member = property(type, name);
      if (!member) throw new Error(`${node.name.text}.${path.join('.')}: no member "${name}" on the real type`);
      type = checker.getTypeOfSymbol(member);
    }
    return member;
  }

  /** The real type behind a type of ours (an array's element type for 'items/…' paths). */
  function realType(type: ts.Type): ts.Type {
    const t = checker.getNonNullableType(type);
    const name = t.getSymbol()?.getName() ?? t.aliasSymbol?.getName();
    return (name ? realOf.get(name) : undefined) ?? t;
  }

  /** The string literals an expression can evaluate to (a literal, an array, a const, a call of a local function). */
  function strings(expr: ts.Expression, depth = 0): ts.StringLiteralLike[] {
    if (depth > 5) return [];
    if (ts.isStringLiteralLike(expr)) return [expr];
    if (ts.isArrayLiteralExpression(expr)) return expr.elements.flatMap((e) => strings(e, depth + 1));
    if (ts.isConditionalExpression(expr))
      return [...strings(expr.whenTrue, depth + 1), ...strings(expr.whenFalse, depth + 1)];
    if (ts.isParenthesizedExpression(expr)) return strings(expr.expression, depth + 1);
    const target = ts.isCallExpression(expr) ? expr.expression : expr;
    if (!ts.isIdentifier(target)) return [];
    const decl = checker.getSymbolAtLocation(target)?.declarations?.[0];
    if (!decl) return [];
    if (ts.isVariableDeclaration(decl) && decl.initializer) return strings(decl.initializer, depth + 1);
    if (ts.isFunctionDeclaration(decl) && decl.body && ts.isCallExpression(expr)) {
      const out: ts.StringLiteralLike[] = [];
      decl.body.forEachChild(function visit(n): void {
        if (ts.isReturnStatement(n) && n.expression) out.push(...strings(n.expression, depth + 1));
        else if (!ts.isFunctionLike(n)) n.forEachChild(visit);
      });
      return out;
    }
    return [];
  }

  /** isSetSupported('ExcelApi', 'V') called in an enclosing function before `at`, with V ≥ version. */
  function guarded(at: ts.Node, version: string): boolean {
    for (let fn: ts.Node | undefined = at.parent; fn; fn = fn.parent) {
      if (!ts.isFunctionLike(fn)) continue;
      let found = false;
      fn.forEachChild(function visit(n): void {
        if (found || n.getStart() >= at.getStart()) return;
        if (
          ts.isCallExpression(n) &&
          n.expression.getText() === 'isSetSupported' &&
          n.arguments.length === 2 &&
          ts.isStringLiteralLike(n.arguments[0]) &&
          n.arguments[0].text === 'ExcelApi' &&
          ts.isStringLiteralLike(n.arguments[1]) &&
          compareVersion(n.arguments[1].text, version) >= 0
        )
          found = true;
        n.forEachChild(visit);
      });
      if (found) return true;
    }
    return false;
  }

  const floor = declaredExcelApi();
  const uses: Use[] = [];
  const record = (member: ts.Symbol, at: ts.Node) => {
    const apiSet = apiSetOf(member);
    const sf = at.getSourceFile();
    uses.push({
      member: qualifiedName(checker, member),
      api: apiSet,
      file: sf.fileName.slice(repo.length + 1),
      line: sf.getLineAndCharacterOfPosition(at.getStart()).line + 1,
      guarded: apiSet !== null && apiSet.set === 'ExcelApi' && guarded(at, apiSet.version),
    });
  };

  for (const file of files) {
    if (samePath(file, apiFile)) continue;
    const sf = program.getSourceFile(file)!;
    sf.forEachChild(function visit(node): void {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const member = symbol && realMember(symbol);
        if (member) record(member, node.name);
        // load('a,b/c') and load([...]): each named property, on the loaded object's real type.
        if (node.name.text === 'load' && member && ts.isCallExpression(node.parent) && node.parent.arguments.length) {
          const owner = realType(checker.getTypeAtLocation(node.expression));
          for (const lit of strings(node.parent.arguments[0])) {
            for (const path of lit.text.split(',')) {
              let type = owner;
              for (const name of path.trim().split('/')) {
                const prop = property(type, name);
                if (!prop) throw new Error(`${lit.getText()}: no property "${name}" on ${checker.typeToString(type)}`);
                record(prop, lit);
                type = checker.getTypeOfSymbol(prop);
                type = checker.getIndexTypeOfType(checker.getNonNullableType(type), ts.IndexKind.Number) ?? type;
                type = realType(type);
              }
            }
          }
        }
      }
      if (ts.isObjectLiteralExpression(node)) {
        const found = checker.getContextualType(node);
        const contextual = found && checker.getNonNullableType(found);
        if (contextual && contextual.getSymbol() && inOfficeTypes(contextual.getSymbol()!)) {
          for (const p of node.properties) {
            const prop = p.name && ts.isIdentifier(p.name) ? property(contextual, p.name.text) : undefined;
            if (prop) record(prop, p);
          }
        }
      }
      node.forEachChild(visit);
    });
  }
  return { uses, floor };
}

const allowed = (u: Use, floor: string) =>
  u.api === null || (u.api.set === 'ExcelApi' && compareVersion(u.api.version, floor) <= 0) || u.guarded;
const describeUse = (u: Use) =>
  `${u.file}:${u.line} ${u.member} [${u.api ? `${u.api.set} ${u.api.version}` : 'no set'}]`;

describe('Office.js members used by addin/excel against the manifest’s requirement set', () => {
  const { uses, floor } = analyse();

  it('finds the members and their API sets in @types/office-js', () => {
    expect(floor).toBe('1.8');
    const set = (m: string) => uses.find((u) => u.member === m)?.api;
    // A sample the rest depends on: the annotations are read, member by member.
    expect(set('Excel.Range.values')).toEqual({ set: 'ExcelApi', version: '1.1' });
    expect(set('Excel.Worksheet.getRangeByIndexes')).toEqual({ set: 'ExcelApi', version: '1.7' });
    expect(set('Excel.NamedItem.formula')).toEqual({ set: 'ExcelApi', version: '1.7' });
    expect(set('Excel.createWorkbook')).toEqual({ set: 'ExcelApi', version: '1.8' });
    expect(set('Excel.RangeFill.tintAndShade')).toEqual({ set: 'ExcelApi', version: '1.9' });
    expect(set('Excel.Workbook.insertWorksheetsFromBase64')).toEqual({ set: 'ExcelApi', version: '1.13' });
    expect(set('Excel.InsertWorksheetOptions.positionType')).toEqual({ set: 'ExcelApi', version: '1.13' });
    expect(new Set(uses.map((u) => u.member)).size).toBeGreaterThan(40);
  });

  it('every member is within ExcelApi 1.8 or behind isSetSupported', () => {
    const outside = uses.filter((u) => !allowed(u, floor)).map(describeUse);
    expect(outside).toEqual([]);
    // The ones above the floor that are checked (1.9 fill details and the upgrade's format copy, 1.13 insert).
    const above = [
      ...new Set(uses.filter((u) => u.api && compareVersion(u.api.version, floor) > 0).map((u) => u.member)),
    ].sort();
    expect(above).toEqual([
      'Excel.InsertWorksheetOptions.positionType',
      'Excel.Range.copyFrom',
      'Excel.RangeFill.pattern',
      'Excel.RangeFill.patternColor',
      'Excel.RangeFill.tintAndShade',
      'Excel.Workbook.insertWorksheetsFromBase64',
    ]);
  });

  it('catches a use without a check (restoreFill as it was: pattern and tint set unconditionally)', () => {
    const file = join(excelDir, 'index.ts');
    const source = readFileSync(file, 'utf8');
    const unguarded = source.replace("  if (!isSetSupported('ExcelApi', '1.9')) return;\n", '');
    expect(unguarded).not.toBe(source);
    const { uses: bad } = analyse({ [file]: unguarded });
    const outside = bad.filter((u) => !allowed(u, floor)).map((u) => u.member);
    expect(outside).toEqual([
      'Excel.RangeFill.pattern',
      'Excel.RangeFill.patternColor',
      'Excel.RangeFill.tintAndShade',
    ]);
  });
});
