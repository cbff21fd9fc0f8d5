import path from 'node:path';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { projectRoot, relative } from '../lib/paths';
import { codeOnly } from './apex-tests-present';

const CHECK = 'contract-vector-tests';

/**
 * Checks that the Apex contract tests run every contract vector, which only an org would tell otherwise: each
 * `*ContractVectors_Tests.cls` lists the vector ids of its static resources (`'SoftphoneVectorsX' => new
 * List<String>{ 'id', … }`) and its `itCoversEveryVector` compares that list, in order, with the ids of the resource's
 * JSON; one test method per vector runs it (`runVector('SoftphoneVectorsX', 'id')`). A vector added to a JSON file
 * without its entry and its method fails that Apex test in the org (and the vector then runs only in the org
 * stand-in), so here: every resource named in a list must exist, its list must equal the JSON's ids in order, and
 * every id must be run by a method of the class.
 * Test classes that keep a single list for one resource (`VECTORS = new List<String>{…}` with a `RESOURCE` constant)
 * are not read here.
 *
 * @param classesDir the unpackaged test classes (`unpackaged/main/default/classes`)
 * @param resourcesDir the unpackaged static resources holding the vectors (`unpackaged/main/default/staticresources`)
 */
export function checkContractVectorTests(
  classesDir: string,
  resourcesDir: string,
): { findings: Finding[]; classCount: number; vectorCount: number } {
  const findings: Finding[] = [];
  let classCount = 0;
  let vectorCount = 0;
  if (!existsSync(classesDir)) return { findings, classCount, vectorCount };
  for (const name of readdirSync(classesDir)
    .filter((n) => n.endsWith('ContractVectors_Tests.cls'))
    .sort()) {
    const file = path.join(classesDir, name);
    const source = readFileSync(file, 'utf8');
    const lists = vectorLists(source);
    if (lists.length === 0) continue;
    classCount += 1;
    const code = codeOnly(source);
    const runs = runVectorCalls(source);
    for (const list of lists) {
      const at = (message: string, rule: string): void => {
        findings.push({ check: CHECK, file: relative(projectRoot, file), line: list.line, rule, message });
      };
      const json = path.join(resourcesDir, `${list.resource}.json`);
      if (!existsSync(json)) {
        at(`lists vectors of ${list.resource}, but ${relative(projectRoot, json)} does not exist`, 'MissingResource');
        continue;
      }
      const ids = vectorIdsOf(json);
      vectorCount += ids.length;
      if (ids.join('\n') !== list.ids.join('\n')) {
        const missing = ids.filter((id) => !list.ids.includes(id));
        const extra = list.ids.filter((id) => !ids.includes(id));
        at(
          `the list of ${list.resource} differs from the ids of ${relative(projectRoot, json)} in order` +
            (missing.length ? `; not listed: ${missing.join(', ')}` : '') +
            (extra.length ? `; not in the file: ${extra.join(', ')}` : '') +
            ' (itCoversEveryVector fails in the org)',
          'VectorList',
        );
      }
      for (const id of ids) {
        if (!runs.has(`${list.resource}\n${id}`)) {
          at(
            `no test method runs vector ${id} of ${list.resource} (runVector('${list.resource}', '${id}'))`,
            'NoTestMethod',
          );
        }
      }
    }
    if (!/\bitCoversEveryVector\b/.test(code)) {
      findings.push({
        check: CHECK,
        file: relative(projectRoot, file),
        line: 1,
        rule: 'NoCoverageTest',
        message: 'a contract vector test class without itCoversEveryVector',
      });
    }
  }
  return { findings, classCount, vectorCount };
}

interface VectorList {
  resource: string;
  ids: string[];
  line: number;
}

/** The `'Resource' => new List<String>{ 'id', … }` entries of a class, with the line of each resource name. */
function vectorLists(source: string): VectorList[] {
  const lists: VectorList[] = [];
  const entry = /'([A-Za-z0-9_]+)'\s*=>\s*new\s+List<String>\s*\{([^}]*)\}/g;
  for (const match of source.matchAll(entry)) {
    const ids = [...(match[2] ?? '').matchAll(/'([^'\n]*)'/g)].map((m) => m[1] ?? '');
    lists.push({
      resource: match[1] ?? '',
      ids,
      line: source.slice(0, match.index).split('\n').length,
    });
  }
  return lists;
}

/** `runVector('Resource', 'id')` calls of the class, as `Resource\nid`. */
function runVectorCalls(source: string): Set<string> {
  const calls = new Set<string>();
  for (const match of source.matchAll(/runVector\(\s*'([^']+)'\s*,\s*'([^']+)'\s*\)/g)) {
    calls.add(`${match[1]}\n${match[2]}`);
  }
  return calls;
}

function vectorIdsOf(file: string): string[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { vectors?: { id?: unknown }[] };
  return (parsed.vectors ?? []).map((v) => String(v.id));
}
