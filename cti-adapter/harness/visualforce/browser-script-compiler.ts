import { readFileSync, statSync } from 'node:fs';
import ts from 'typescript';

/**
 * Serves the harness's browser scripts (written in strict TypeScript, type-checked with the rest of the repo)
 * as classic scripts: `typescript.transpileModule` strips the types; the files import types only and end with
 * `export {}` to be modules for `isolatedModules`, which this removes. Cached by modification time.
 */
export class BrowserScriptCompiler {
  private readonly cache = new Map<string, { mtimeMs: number; code: string }>();

  compile(path: string): string {
    const mtimeMs = statSync(path).mtimeMs;
    const hit = this.cache.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.code;
    const out = ts.transpileModule(readFileSync(path, 'utf8'), {
      fileName: path,
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false },
      reportDiagnostics: false,
    });
    const code = `(function () {\n${out.outputText.replace(/^export \{\};?\s*$/m, '').replace(/^\/\/# sourceMappingURL.*$/m, '')}\n})();\n`;
    if (/^\s*(import|export)\s/m.test(code)) throw new Error(`${path}: browser scripts may import types only`);
    this.cache.set(path, { mtimeMs, code });
    return code;
  }
}
