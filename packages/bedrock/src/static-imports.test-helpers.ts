import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";

/**
 * Every package a module loads when imported: the bare specifiers of the static imports and
 * re-exports in the JavaScript TypeScript emits for it, following relative imports and
 * workspace packages (`@bedrock-embeddings/<name>`, read from its sources). Type-only imports
 * are erased, as in the build; `import()` is not followed, since it loads on demand.
 *
 * @example
 * staticPackageImports("packages/bedrock/src/index.ts").has("@aws-sdk/client-s3"); // false
 */
export function staticPackageImports(entryFile: string, workspaceRoot: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [resolve(entryFile)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of emittedStaticImports(file)) {
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else if (specifier.startsWith("@bedrock-embeddings/")) {
        const [, name, ...subpath] = specifier.split("/");
        pending.push(resolve(workspaceRoot, "packages", name ?? "", "src", ...subpath, "index.ts"));
      } else packages.add(specifier);
    }
  }
  return packages;
}

function emittedStaticImports(file: string): string[] {
  const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: file,
  });
  const emitted = ts.createSourceFile(file.replace(/\.ts$/, ".js"), outputText, ts.ScriptTarget.ES2022);
  return emitted.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier !== undefined &&
    ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier.text]
      : [],
  );
}
