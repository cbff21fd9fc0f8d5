import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';

/**
 * Blanks Apex comments and string literals so that annotations and names are read from code only. One left-to-right
 * scan, so `//` inside a string (`'https://…'`) is not taken for a comment and a quote inside a comment does not
 * open a string.
 */
export function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    if (two === '/*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      out += ' ';
    } else if (two === '//') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      out += ' ';
    } else if (source[i] === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== "'" && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
      out += "''";
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

/** True when the class is a test class (`@IsTest` before its `class` keyword). */
export function isTestClass(source: string): boolean {
  const code = codeOnly(source);
  const classIndex = code.search(/\bclass\b/i);
  return classIndex >= 0 && /@istest\b/i.test(code.slice(0, classIndex));
}

/**
 * Checks that every non-test Apex class has tests: a test class named `<Class>_Tests` that references the
 * class, or — for small types exercised through another class — an ApexDoc tag `@tested-by <TestClass>` naming
 * an existing test class that references it. Apex cannot run here, so this is what "tests present" can mean
 * offline; coverage itself is measured by `sf apex run test --code-coverage` in an org.
 *
 * @param packageDir e.g. `<root>/force-app`
 */
export function checkApexTestsPresent(packageDir: string): {
  findings: Finding[];
  classCount: number;
  testCount: number;
} {
  if (!existsSync(packageDir)) return { findings: [], classCount: 0, testCount: 0 };
  const classes = listFiles(packageDir).filter((file) => file.endsWith('.cls'));
  const sources = new Map(classes.map((file) => [path.basename(file, '.cls'), readFileSync(file, 'utf8')]));
  const tests = new Map([...sources].filter(([, source]) => isTestClass(source)));
  const references = (testName: string, className: string): boolean => {
    const source = tests.get(testName);
    return source !== undefined && new RegExp(`\\b${className}\\b`).test(codeOnly(source));
  };
  const findings: Finding[] = [];
  let classCount = 0;
  for (const file of classes) {
    const name = path.basename(file, '.cls');
    const source = sources.get(name) ?? '';
    if (tests.has(name)) continue;
    classCount += 1;
    const testedBy = /@tested-by\s+([A-Za-z]\w*)/.exec(source)?.[1];
    const testName = testedBy ?? `${name}_Tests`;
    if (references(testName, name)) continue;
    const line = source.slice(0, Math.max(0, source.search(/\bclass\b/i))).split('\n').length;
    findings.push({
      check: 'apex-tests',
      file: relative(projectRoot, file),
      line,
      rule: 'MissingTestClass',
      message: testedBy
        ? `@tested-by names ${testedBy}, which is not a test class referencing ${name}`
        : `no test class ${name}_Tests referencing ${name} (or an ApexDoc @tested-by <TestClass>)`,
    });
  }
  return { findings, classCount, testCount: tests.size };
}
