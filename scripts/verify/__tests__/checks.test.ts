/**
 * Each offline check proves itself: it is fed a known-bad sample and must report it with the file and line,
 * and a clean sample must pass. If a check is broken (tool missing, parser changed, wrong flags), these fail.
 */
import path from 'node:path';
import os from 'node:os';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { runApexLs } from '../checks/apex-semantics';
import { runPmd } from '../checks/pmd';
import { checkMetadataConversion } from '../checks/metadata-conversion';
import { checkProjectMetadata, checkStaticResourceFolders } from '../checks/package-boundary';
import { checkApexTestsPresent, codeOnly } from '../checks/apex-tests-present';
import { checkContractVectorTests } from '../checks/contract-vector-tests';
import { checkCustomFieldReferences } from '../checks/custom-field-references';
import { checkOrgPortability } from '../checks/org-portability';
import { checkNamespacedCopy } from '../checks/namespaced-copy';
import { checkSourceCitations } from '../checks/source-citations';
import { runPrettierCheck } from '../checks/prettier';
import { runTypeCheck } from '../checks/typescript';
import { runEslint } from '../checks/eslint';
import { checkMetadataText } from '../checks/metadata-text';
import { checkFormulas } from '../checks/formulas';
import { checkEmbeddedJson } from '../checks/embedded-json';
import { checkVisualforceReferences } from '../checks/visualforce-references';
import { FORMULA_SAMPLES as BAD_SAMPLES } from '../__fixtures__/metadata-values-bad/formula-samples';
import { FORMULA_SAMPLES as GOOD_SAMPLES } from '../__fixtures__/metadata-values-good/formula-samples';
import { checkRuntimeDependencies, type DependencyFacts } from '../checks/runtime-dependencies';
import type { Finding } from '../lib/finding';
import { checkUiLabels, readNoticeCodes } from '../checks/ui-labels';
import { ALLOWED_LITERALS, checkApexMessages, readsAsMessage } from '../checks/apex-messages';
import { ALLOWED_STAND_IN_LITERALS, checkStandInMessages } from '../checks/stand-in-messages';
import { projectRoot } from '../lib/paths';
import { templateTexts } from '../lib/template-text';
import { codeTexts, readsAsText } from '../lib/code-text';

const fixtures = path.join(__dirname, '..', '__fixtures__');
const bad = path.join(fixtures, 'apex-project-bad');
const good = path.join(fixtures, 'apex-project-good');
const badClasses = 'scripts/verify/__fixtures__/apex-project-bad/force-app/main/default';

const pick = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);

jest.setTimeout(120_000);

describe('apex-ls semantic check', () => {
  it('reports an unknown field on a standard object with file and line', async () => {
    const findings = await runApexLs(bad);
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: `${badClasses}/classes/UnknownField.cls`,
        line: 3,
        message: expect.stringContaining("Unknown field 'NoSuchField__c'"),
      }),
    );
  });

  it('reports an Apex syntax error with file and line', async () => {
    const findings = await runApexLs(path.join(fixtures, 'apex-syntax-error'));
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'scripts/verify/__fixtures__/apex-syntax-error/force-app/main/default/classes/SyntaxError.cls',
        line: 3,
        rule: 'Syntax',
      }),
    ]);
  });

  it('accepts a clean project', async () => {
    await expect(runApexLs(good)).resolves.toEqual([]);
  });
});

describe('PMD Security + Recommended', () => {
  it('reports SOQL injection and an unescaped Visualforce merge field with file and line', async () => {
    const { findings, ruleCount } = await runPmd(path.join(bad, 'force-app'));
    expect(ruleCount).toBeGreaterThan(50);
    expect(pick(findings, 'ApexSOQLInjection')).toContainEqual(
      expect.objectContaining({ file: `${badClasses}/classes/Injection.cls`, line: 4 }),
    );
    expect(pick(findings, 'VfUnescapeEl')).toContainEqual(
      expect.objectContaining({ file: `${badClasses}/pages/Unescaped.page`, line: 3 }),
    );
  });

  it('accepts a clean, documented class and its test', async () => {
    const { findings } = await runPmd(path.join(good, 'force-app'));
    expect(findings).toEqual([]);
  });
});

describe('metadata conversion check', () => {
  it('reports the class without a meta file and the misnamed field file that the converter drops silently', async () => {
    const { findings } = await checkMetadataConversion(path.join(fixtures, 'metadata-bad'));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'force-app/main/default/classes/NoMeta.cls', rule: 'DroppedByConverter' }),
        expect.objectContaining({
          file: 'force-app/main/default/objects/Contact/fields/Misnamed__c.field.xml',
          rule: 'UnknownLayout',
        }),
      ]),
    );
  });

  it('accepts a project whose every file is converted', async () => {
    const result = await checkMetadataConversion(good);
    expect(result.findings).toEqual([]);
    expect(result.memberCount).toBe(2);
    expect(result.fileCount).toBe(4);
  });

  it('converts a project checked out in a folder named like a metadata folder (…/lwc/…)', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'checkout-'));
    const checkout = path.join(parent, 'lwc', 'project');
    try {
      cpSync(good, checkout, { recursive: true });
      const result = await checkMetadataConversion(checkout);
      expect(result.findings).toEqual([]);
      expect(result.memberCount).toBe(2);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('package boundary (unpackaged tests and test data never ship)', () => {
  it('reports test data and a test helper left in the package, and an unpackaged folder that is not deployed', async () => {
    const { findings, directories } = await checkProjectMetadata(path.join(fixtures, 'unpackaged-bad'));
    expect(directories).toEqual(['force-app', 'test-data']);
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'force-app/main/default/staticresources/GreetingVectors.resource-meta.xml',
        rule: 'TestOnlyResourceInPackage',
      }),
      expect.objectContaining({ file: 'sfdx-project.json', rule: 'UnpackagedDirectory' }),
      expect.objectContaining({
        file: 'force-app/main/default/classes/VectorRunner.cls',
        rule: 'UnpackagedInPackage',
        message: expect.stringContaining('test-data/main/default/classes/VectorRunner.cls'),
      }),
    ]);
  });

  it('accepts a package whose tests and test data live in its unpackaged folder, and counts both folders', async () => {
    const result = await checkProjectMetadata(path.join(fixtures, 'unpackaged-good'));
    expect(result.findings).toEqual([]);
    expect(result.directories).toEqual(['force-app', 'test-data']);
    expect(result.fileCount).toBe(10);
  });
});

describe('static resources in folder form (the softphone bundle of ES modules)', () => {
  it('reports a folder resource not declared an archive, at its content type; accepts a zip', () => {
    expect(checkStaticResourceFolders(path.join(fixtures, 'staticresource-folder-bad'), 'force-app')).toEqual([
      expect.objectContaining({
        file: 'force-app/main/default/staticresources/Widget.resource-meta.xml',
        line: 4,
        rule: 'StaticResourceFolderNotArchive',
        message: expect.stringContaining('contentType is application/javascript'),
      }),
    ]);
  });

  it('accepts the package: the SoftphoneBundle folder is a zip', () => {
    expect(checkStaticResourceFolders(path.join(__dirname, '..', '..', '..'), 'force-app')).toEqual([]);
  });
});

describe('custom field references (what apex-ls no longer checks on Task and Contact)', () => {
  it('reports a misspelt Task custom field with file and line, and ignores comments', () => {
    const { findings } = checkCustomFieldReferences(path.join(bad, 'force-app'));
    expect(findings).toEqual([
      expect.objectContaining({
        file: `${badClasses}/classes/TaskFieldTypo.cls`,
        line: 4,
        message: expect.stringContaining('Real_Feild__c'),
      }),
      expect.objectContaining({ file: `${badClasses}/classes/UnknownField.cls`, line: 3 }),
    ]);
  });

  it('accepts a project whose custom names all exist', () => {
    expect(checkCustomFieldReferences(path.join(good, 'force-app')).findings).toEqual([]);
  });
});

describe('org portability (namespace, language)', () => {
  const portability = 'scripts/verify/__fixtures__/org-portability-bad/force-app/main/default/classes';

  it('reports package fields looked up by their names as text, profiles found by name and system-mode reads under sharing, with file and line', () => {
    const { findings } = checkOrgPortability([path.join(fixtures, 'org-portability-bad', 'force-app')]);
    expect(findings).toEqual([
      expect.objectContaining({ file: `${portability}/NamesAsText.cls`, line: 4, rule: 'PackageNameAsText' }),
      expect.objectContaining({
        file: `${portability}/NamesAsText.cls`,
        line: 5,
        rule: 'PackageNameAsText',
        message: expect.stringContaining('<ns>__real_field__c'),
      }),
      expect.objectContaining({ file: `${portability}/NamesAsText.cls`, line: 7, rule: 'PackageNameAsText' }),
      expect.objectContaining({ file: `${portability}/NamesAsText.cls`, line: 12, rule: 'PackageNameAsText' }),
      expect.objectContaining({ file: `${portability}/NamesAsText.cls`, line: 16, rule: 'PackageNameAsText' }),
      expect.objectContaining({ file: `${portability}/ProfileByName.cls`, line: 4, rule: 'ProfileByName' }),
      expect.objectContaining({ file: `${portability}/ProfileByName.cls`, line: 8, rule: 'ProfileByName' }),
      // line 12 (`Name LIKE :pattern`, what an admin typed) is a search, not a lookup of a fixed name
      expect.objectContaining({ file: `${portability}/ProfileByName.cls`, line: 16, rule: 'ProfileByName' }),
      expect.objectContaining({
        file: `${portability}/SharingReads.cls`,
        line: 3,
        rule: 'SystemModeReadWithSharing',
        message: expect.stringContaining('in SharingReads, declared with sharing'),
      }),
      expect.objectContaining({ file: `${portability}/SharingReads.cls`, line: 7, rule: 'SystemModeReadWithSharing' }),
      expect.objectContaining({
        file: `${portability}/SharingReads.cls`,
        line: 27,
        rule: 'SystemModeReadWithSharing',
        message: expect.stringContaining('in Inner, declared with (no keyword) sharing'),
      }),
    ]);
  });

  it('accepts tokens, comments and plain strings', () => {
    expect(checkOrgPortability([path.join(good, 'force-app')]).findings).toEqual([]);
  });
});

describe('namespaced copy (apex-ls and conversion with "namespace" set)', () => {
  it('checks the package with its namespace and reports in the original file: a qualified call to a missing method', async () => {
    const { findings } = await checkNamespacedCopy(path.join(fixtures, 'namespace-bad'));
    // Line 3 (rcsp.Greeter.hello()) resolves only when the namespace is set; line 4 calls a method Greeter lacks.
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'namespaced',
        file: 'scripts/verify/__fixtures__/namespace-bad/force-app/main/default/classes/GreeterCaller.cls',
        line: 4,
        message: expect.stringContaining("'goodbye' on 'rcsp.Greeter'"),
      }),
    ]);
  });

  it('accepts a clean project', async () => {
    await expect(checkNamespacedCopy(good)).resolves.toMatchObject({ findings: [] });
  });
});

describe('source citations (no path on one machine)', () => {
  it('reports a machine path cited in code and in a doc with file and line', () => {
    const { findings } = checkSourceCitations(path.join(fixtures, 'citations-bad'), ['src']);
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'scripts/verify/__fixtures__/citations-bad/src/cited.ts',
        line: 3,
        message: expect.stringContaining('shared/notes/ringcentral-platform.md'),
      }),
      expect.objectContaining({ file: 'scripts/verify/__fixtures__/citations-bad/src/notes.md', line: 3 }),
    ]);
  });

  it('accepts public citations and ordinary absolute paths such as /usr/bin/chromium', () => {
    expect(checkSourceCitations(path.join(fixtures, 'citations-good'), ['src']).findings).toEqual([]);
  });

  it('skips the known-bad fixture when the repository is scanned', () => {
    const { findings } = checkSourceCitations();
    expect(findings.filter((f) => f.file.includes('citations-bad'))).toEqual([]);
  });
});

describe('metadata values (what the XML formatter broke)', () => {
  const badValues = path.join(fixtures, 'metadata-values-bad');
  const goodValues = path.join(fixtures, 'metadata-values-good');
  const badFields = 'scripts/verify/__fixtures__/metadata-values-bad/force-app/main/default/objects/Activity/fields';
  const badCallCenters = 'scripts/verify/__fixtures__/metadata-values-bad/force-app/main/default/callCenters';

  it('reports padded and re-wrapped text nodes, malformed XML and a Prettier config that re-flows XML text, with file and line', async () => {
    const { findings } = await checkMetadataText(badValues);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: `${badFields}/Call_Recording__c.field-meta.xml`, line: 4, rule: 'PaddedText' }),
        expect.objectContaining({
          file: `${badFields}/Recording_Information__c.field-meta.xml`,
          line: 4,
          rule: 'IndentedLineBreak',
        }),
        expect.objectContaining({
          file: 'scripts/verify/__fixtures__/metadata-values-bad/.prettierrc.json',
          line: 3,
          rule: 'FormatterRewritesText',
        }),
        expect.objectContaining({
          file: 'scripts/verify/__fixtures__/metadata-values-bad/config/Malformed.xml',
          line: 4,
          rule: 'MalformedXml',
        }),
      ]),
    );
    expect(findings).toHaveLength(4);
  });

  it('evaluates formulas and validation rules on the sample records: blank must be blank, the link label and target exact, another host refused', () => {
    const samplesFile = path.join(badValues, 'formula-samples.ts');
    const { findings } = checkFormulas(path.join(badValues, 'force-app'), BAD_SAMPLES, samplesFile);
    const recording = `${badFields}/Call_Recording__c.field-meta.xml`;
    expect(findings).toEqual([
      expect.objectContaining({ file: `${badFields}/Call_Minutes__c.field-meta.xml`, line: 4, rule: 'NoSamples' }),
      expect.objectContaining({
        file: recording,
        line: 4,
        rule: 'WrongResult',
        message: expect.stringContaining('expected blank, got " "'),
      }),
      expect.objectContaining({
        file: recording,
        line: 4,
        rule: 'WrongResult',
        message: expect.stringContaining('got label " Play recording ", target " _blank "'),
      }),
      expect.objectContaining({
        file: `${badFields}/Caller_Initials__c.field-meta.xml`,
        rule: 'FormulaError',
        message: expect.stringContaining('Unknown function INITCAP'),
      }),
      expect.objectContaining({
        file: 'scripts/verify/__fixtures__/metadata-values-bad/force-app/main/default/objects/Task/validationRules/Recording_Link_Is_Https.validationRule-meta.xml',
        line: 5,
        rule: 'WrongResult',
        message: expect.stringContaining('sample "another host": expected the save to be refused'),
      }),
      expect.objectContaining({
        file: 'scripts/verify/__fixtures__/metadata-values-bad/formula-samples.ts',
        line: 25,
        rule: 'StaleSamples',
      }),
    ]);
  });

  it('reports a sample record that leaves out a field the formula reads', () => {
    const { findings } = checkFormulas(path.join(goodValues, 'force-app'), {
      ...GOOD_SAMPLES,
      'Activity.Call_Recording__c': [{ name: 'empty record', record: {}, expect: { blank: true } }],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'MissingSampleValue',
        message: expect.stringContaining('Recording_Information__c'),
      }),
    ]);
  });

  it('reports embedded JSON that does not parse and customSettings keys that are not the call center items', () => {
    const { findings } = checkEmbeddedJson(badValues);
    expect(findings).toEqual([
      expect.objectContaining({ file: `${badCallCenters}/Broken.callCenter-meta.xml`, line: 4, rule: 'InvalidJson' }),
      expect.objectContaining({
        file: `${badCallCenters}/Broken.callCenter-meta.xml`,
        line: 3,
        rule: 'AdapterUrlMismatch',
      }),
      expect.objectContaining({
        file: `${badCallCenters}/Padded.callCenter-meta.xml`,
        line: 4,
        rule: 'UnknownSettingKey',
        message: expect.stringContaining('" reqTimeout "'),
      }),
      expect.objectContaining({ line: 4, rule: 'SettingValueMismatch', message: expect.stringContaining('reqUseApi') }),
      expect.objectContaining({ line: 4, rule: 'MissingSettingKey', message: expect.stringContaining('reqTimeout') }),
    ]);
  });

  it('accepts metadata as Salesforce retrieves it', async () => {
    expect((await checkMetadataText(goodValues)).findings).toEqual([]);
    const formulas = checkFormulas(path.join(goodValues, 'force-app'), GOOD_SAMPLES);
    expect(formulas).toEqual({ findings: [], formulaCount: 2, sampleCount: 5 });
    expect(checkEmbeddedJson(goodValues)).toEqual({ findings: [], jsonCount: 1 });
  });
});

describe('Visualforce references (pages, static resources, inline script)', () => {
  const at = (name: string): string => path.join(fixtures, name);
  const base = 'scripts/verify/__fixtures__/visualforce-references-bad';

  it('reports a redirect URI no Visualforce origin serves, missing pages, resources and archive files, and inline script', () => {
    const { findings } = checkVisualforceReferences(at('visualforce-references-bad'), ['force-app'], ['src']);
    const page = `${base}/force-app/main/default/pages/Adapter.page`;
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual(
      expect.arrayContaining([
        [`${base}/force-app/main/default/callCenters/Phone.callCenter-meta.xml`, 8, 'MissingPage'],
        [page, 3, 'MissingPage'],
        [page, 4, 'InlineScript'],
        [page, 5, 'InlineScript'],
        [page, 6, 'InlineScript'],
        [page, 7, 'MissingStaticResource'],
        [page, 8, 'MissingResourceFile'],
        [`${base}/src/page-config.ts`, 3, 'NotServedOnVisualforce'],
        [`${base}/src/page-config.ts`, 6, 'MissingPage'],
      ]),
    );
    expect(findings).toHaveLength(9); // not the comment, not the adapter page itself, not a RingCentral API path
    expect(findings.find((f) => f.rule === 'MissingResourceFile')?.message).toContain("'renamed-chunk.js'");
    expect(findings.find((f) => f.rule === 'NotServedOnVisualforce')?.message).toContain("'/oauth/callback.html'");
  });

  it('accepts pages, namespaced page paths and static resources the package ships', () => {
    expect(checkVisualforceReferences(at('visualforce-references-good'), ['force-app'], ['src'])).toEqual({
      findings: [],
      referenceCount: 7,
    });
  });
});

describe('runtime dependencies (what the bundle ships and npm start runs)', () => {
  const facts = (name: string): DependencyFacts => {
    const dir = path.join(fixtures, name);
    const recorded = JSON.parse(readFileSync(path.join(dir, 'facts.json'), 'utf8')) as Omit<
      DependencyFacts,
      'packageJsonFile'
    >;
    return { ...recorded, packageJsonFile: path.join(dir, 'package.json') };
  };

  it('reports undeclared, dev-only, transitive-by-accident, unused and inexact dependencies at their package.json line', () => {
    const { findings } = checkRuntimeDependencies(facts('dependencies-bad'));
    const file = 'scripts/verify/__fixtures__/dependencies-bad/package.json';
    expect(findings).toEqual([
      expect.objectContaining({
        file,
        line: 11,
        rule: 'UndeclaredTransitiveDependency',
        message: expect.stringContaining('events is imported by @ringcentral/sdk'),
      }),
      expect.objectContaining({
        file,
        line: 8,
        rule: 'UndeclaredRuntimeDependency',
        message: expect.stringMatching(/^lwc .*devDependency/),
      }),
      expect.objectContaining({
        file,
        line: 9,
        rule: 'UndeclaredRuntimeDependency',
        message: expect.stringMatching(/^tsx /),
      }),
      expect.objectContaining({
        file,
        line: 11,
        rule: 'UndeclaredRuntimeDependency',
        message: expect.stringMatching(/^selfsigned .*not declared/),
      }),
      expect.objectContaining({
        file,
        line: 13,
        rule: 'UnusedRuntimeDependency',
        message: expect.stringMatching(/^@ringcentral\/subscriptions /),
      }),
      expect.objectContaining({ file, line: 14, rule: 'InexactVersion', message: expect.stringContaining('^1.13.16') }),
    ]);
  });

  it('accepts runtime dependencies that are exactly what ships and runs', () => {
    expect(checkRuntimeDependencies(facts('dependencies-good'))).toEqual({ findings: [], runtimeCount: 6 });
  });
});

describe('Apex tests present', () => {
  it('reports a class without a test class', () => {
    const { findings } = checkApexTestsPresent(path.join(bad, 'force-app'));
    expect(findings.map((f) => f.file)).toEqual(
      expect.arrayContaining([`${badClasses}/classes/Injection.cls`, `${badClasses}/classes/UnknownField.cls`]),
    );
    expect(findings[0]?.line).toBe(1);
  });

  it('accepts a class with its _Tests class', () => {
    expect(checkApexTestsPresent(path.join(good, 'force-app'))).toEqual({ findings: [], classCount: 1, testCount: 1 });
  });

  it('reads code after a string holding // (a URL is not a comment) and skips names in comments and strings', () => {
    const source =
      "@IsTest\nclass T {\n  static final String S = 'https://x'; // 'quoted'\n  Service s = new Service();\n}";
    expect(codeOnly(source)).toContain('Service s = new Service();');
    expect(codeOnly("/* Service */ String a = 'Service';")).not.toContain('Service');
    expect(codeOnly("String a = 'it\\'s';")).toBe("String a = '';");
  });
});

describe('contract vector tests (every vector has its Apex test method)', () => {
  it('reports a vector missing from the list, a vector no method runs, and a listed resource without its file', () => {
    const dir = path.join(fixtures, 'contract-vector-tests-bad');
    const { findings } = checkContractVectorTests(path.join(dir, 'classes'), path.join(dir, 'staticresources'));
    const file = 'scripts/verify/__fixtures__/contract-vector-tests-bad/classes/SampleContractVectors_Tests.cls';
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [file, 8, 'VectorList'],
      [file, 8, 'NoTestMethod'],
      [file, 9, 'MissingResource'],
    ]);
    expect(findings[0]?.message).toContain('not listed: sample-added-later');
    expect(findings[1]?.message).toContain("runVector('SoftphoneVectorsSample', 'sample-added-later')");
  });

  it('accepts the project: every vector of every SoftphoneVectors file is listed in order and run', () => {
    const unpackaged = path.join(__dirname, '..', '..', '..', 'unpackaged', 'main', 'default');
    const result = checkContractVectorTests(path.join(unpackaged, 'classes'), path.join(unpackaged, 'staticresources'));
    expect(result.findings).toEqual([]);
    expect(result.classCount).toBeGreaterThan(0);
  });
});

describe('Prettier (Apex parser, formatting)', () => {
  it('reports an Apex syntax error (the real Apex parser) with the file', async () => {
    const { findings } = await runPrettierCheck(fixtures, ['apex-syntax-error/**/*.cls'], '/dev/null');
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'apex-syntax-error/force-app/main/default/classes/SyntaxError.cls',
        message: "Missing ')' at ';'.",
      }),
    ]);
  });

  it('reports an unformatted TypeScript file', async () => {
    const { findings } = await runPrettierCheck(fixtures, ['ts/unformatted.ts'], '/dev/null');
    expect(findings).toEqual([expect.objectContaining({ file: 'ts/unformatted.ts', rule: 'NotFormatted' })]);
  });

  it('accepts formatted Apex', async () => {
    const { findings } = await runPrettierCheck(good, ['force-app/**/*.cls'], '/dev/null');
    expect(findings).toEqual([]);
  });
});

describe('TypeScript type check', () => {
  it('reports a type error with file and line', async () => {
    const findings = await runTypeCheck(path.join(fixtures, 'ts'));
    expect(findings).toEqual([expect.objectContaining({ file: 'type-error.ts', line: 2, rule: 'TS2322' })]);
  });
});

describe('ESLint', () => {
  it('reports eval and loose equality with file and line', async () => {
    const { findings } = await runEslint(['scripts/verify/__fixtures__/ts/lint-error.ts'], { ignore: false });
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'scripts/verify/__fixtures__/ts/lint-error.ts', line: 2, rule: 'no-eval' }),
        expect.objectContaining({ line: 3, rule: 'eqeqeq' }),
      ]),
    );
  });

  it('reports an object or array literal cast through unknown (a helper missing what its type promises), not a typed value', async () => {
    const file = 'scripts/verify/__fixtures__/ts/double-assertion.ts';
    const { findings } = await runEslint([file], { ignore: false });
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [file, 8, 'no-restricted-syntax'],
      [file, 12, 'no-restricted-syntax'],
    ]);
  });
});

describe('ui labels (the softphone speaks only through Custom Labels, ADR 0032)', () => {
  const base = 'scripts/verify/__fixtures__/ui-labels-bad';
  const root = path.join(fixtures, 'ui-labels-bad');

  it('reports literal text in templates, unknown labels, and incomplete or broken translations', () => {
    const { findings, templateCount, codeCount, labelCount, languages } = checkUiLabels(
      root,
      ['src/ui'],
      'force-app/main/default',
    );
    const card = `${base}/src/ui/card/card.html`;
    const panel = `${base}/src/ui/panel/panel.ts`;
    const lwc = `${base}/force-app/main/default/lwc/badCard/badCard`;
    const fr = `${base}/force-app/main/default/translations/fr.translation-meta.xml`;
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [card, 3, 'LiteralText'],
      [card, 5, 'LiteralText'],
      [card, 8, 'LiteralText'],
      [`${lwc}.html`, 2, 'LiteralText'],
      // UI code: a text table's value, a `label:` option, a getter's values; not a label name ('Answer'), a class
      // list, state tokens, or a comparison.
      [panel, 3, 'LiteralText'],
      [panel, 5, 'LiteralText'],
      [panel, 7, 'LiteralText'],
      [panel, 17, 'LiteralText'],
      [`${lwc}.js`, 8, 'LiteralText'],
      [`${lwc}.js`, 3, 'UnknownLabel'],
      [card, 9, 'UnknownLabel'],
      [`${base}/src/ui/card/card.ts`, 3, 'UnknownLabel'],
      [fr, 7, 'PlaceholderMismatch'],
      [fr, 11, 'OrphanTranslation'],
      [fr, 0, 'UntranslatedLabel'],
    ]);
    expect(findings.find((f) => f.line === 17)?.message).toContain('"${…} calls waiting" (get message)');
    expect(findings.at(-1)?.message).toContain('Decline');
    expect({ templateCount, codeCount, labelCount, languages }).toEqual({
      templateCount: 2,
      codeCount: 3,
      labelCount: 3,
      languages: ['fr'],
    });
  });

  it('reports Apex naming an unknown label, a notice, reason, Messages or do-not-call code without its label, a placeholder too many', () => {
    const noticeBase = 'scripts/verify/__fixtures__/notice-labels-bad';
    const messagesText = `${noticeBase}/cti-adapter/src/core/messaging/messages-text.ts`;
    const doNotCallText = `${noticeBase}/cti-adapter/src/core/do-not-call/do-not-call-text.ts`;
    const { findings } = checkUiLabels(path.join(fixtures, 'notice-labels-bad'), [], 'force-app/main/default', []);
    const notices = `${noticeBase}/cti-adapter/src/core/engine/notices.ts`;
    const labelsFile = `${noticeBase}/force-app/main/default/labels/CustomLabels.labels-meta.xml`;
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [`${noticeBase}/force-app/main/default/classes/BadMessages.cls`, 4, 'UnknownLabel'],
      [notices, 4, 'NoticeWithoutLabel'],
      [labelsFile, 19, 'NoticePlaceholder'],
      [notices, 11, 'NoticeWithoutLabel'],
      [labelsFile, 3, 'NoticePlaceholder'],
      [messagesText, 4, 'NoticeWithoutLabel'],
      [labelsFile, 43, 'NoticePlaceholder'],
      [doNotCallText, 4, 'NoticeWithoutLabel'],
      [`${noticeBase}/force-app/main/default/translations/fr.translation-meta.xml`, 0, 'UntranslatedLabel'],
    ]);
    expect(findings[0]?.message).toContain('System.Label.Apex_Not_In_The_Package');
    expect(findings[1]?.message).toContain('Notice_NO_LABEL');
    expect(findings[2]?.message).toContain('{1}');
    expect(findings[3]?.message).toContain('Reason_NO_REASON_LABEL');
    expect(findings[4]?.message).toContain('Sms_TYPE_A_MESSAGE uses {0}');
    expect(findings[5]?.message).toContain('Sms_SMS_NO_LABEL');
    expect(findings[6]?.message).toContain('Dnc_RECORD_MARKED uses {2}');
    expect(findings[7]?.message).toContain('Dnc_NO_DNC_LABEL');
    expect(findings[8]?.message).toContain('Notice_UNTRANSLATED');
  });

  it('reads the notice codes, their parameter counts and the reason codes of the notices file', () => {
    const source = readFileSync(path.join(projectRoot, 'cti-adapter/src/core/engine/notices.ts'), 'utf8');
    const { codes, reasons } = readNoticeCodes(source);
    expect(codes.find((c) => c.code === 'DIAL_FAILED')?.params).toBe(2);
    expect(codes.find((c) => c.code === 'MANDATORY_FIELDS')?.params).toBe(0);
    expect(codes.find((c) => c.code === 'MATCH_FAILED')?.params).toBe(3);
    expect(reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['NETWORK', 'INTERNAL', 'TOO_SHORT']));
  });

  it('tells text a person reads from code tokens and label names', () => {
    const isLabel = (t: string): boolean => t === 'Never';
    expect(readsAsText('Saving…')).toBe(true);
    expect(readsAsText('no value for')).toBe(true);
    expect(readsAsText('A profile')).toBe(true);
    expect(readsAsText('Never', isLabel)).toBe(false);
    expect(readsAsText('slds-button slds-button_neutral')).toBe(false);
    expect(readsAsText('signed-out')).toBe(false);
    expect(readsAsText('0:00')).toBe(false);
    expect(
      codeTexts(
        "const ERROR_MESSAGES = Object.freeze({ busy: 'Line busy' });\nclass C { @api label = 'Keypad'; }",
        'c.ts',
      ).map((t) => [t.line, t.where, t.text]),
    ).toEqual([
      [1, 'busy:', 'Line busy'],
      [2, 'label:', 'Keypad'],
    ]);
  });

  it('finds no literal text where every text is a label expression or punctuation', () => {
    const texts = templateTexts(
      '<template><p>{labels.Answer}</p><span aria-label={labels.Answer}> · </span><b class="Word" id="x"></b></template>',
    );
    expect(texts).toEqual([]);
  });

  it("passes on the project's own UI, labels and translations", () => {
    expect(checkUiLabels().findings).toEqual([]);
  });
});

describe('apex messages (the package’s Apex speaks through Custom Labels, ADR 0032)', () => {
  const base = 'scripts/verify/__fixtures__/apex-messages-bad/force-app/main/default/classes';
  const allowed = [{ className: 'AllowedMessages', texts: /^Expected /, reason: 'a request no user builds' }];

  it('reports each literal message of a class outside tests, with file, line and how it reaches the user', () => {
    const { findings, byClass, allowedCount } = checkApexMessages(
      path.join(fixtures, 'apex-messages-bad'),
      ['force-app/main/default/classes'],
      allowed,
    );
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [`${base}/BadMessages.cls`, 3, 'LiteralMessageConstant'],
      [`${base}/BadMessages.cls`, 4, 'LiteralMessageConstant'],
      [`${base}/BadMessages.cls`, 8, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 12, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 12, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 16, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 20, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 24, 'LiteralMessage'],
      [`${base}/BadMessages.cls`, 32, 'LiteralMessage'],
    ]);
    expect(findings[2]?.message).toContain("'Not a Task field.'");
    expect(findings[2]?.message).toContain('System.Label');
    expect(findings[5]?.message).toContain('new IllegalArgumentException');
    expect(findings[6]?.message).toContain('addError');
    expect(findings[8]?.message).toContain('fail(…)');
    // Per class, so the report (and a temporary allow-list) reads class by class; the allowed class is counted apart.
    expect([...byClass]).toEqual([['BadMessages', 9]]);
    expect(allowedCount).toBe(1);
  });

  it('reports the allowed class once its allow-list entry is gone', () => {
    const { byClass } = checkApexMessages(path.join(fixtures, 'apex-messages-bad'), undefined, []);
    expect(byClass.get('AllowedMessages')).toBe(1);
  });

  it('reads as a message a sentence or its parts, not a field path, separator or code', () => {
    for (const text of ['Required.', 'Expected ', ' characters.', 'Not a Task field.', 'Too many entries (']) {
      expect(readsAsMessage(text)).toBe(true);
    }
    for (const text of ['.endTime', 'settings.logFields', ', ', 'INVALID_INPUT', 'term', '[', 'Subject']) {
      expect(readsAsMessage(text)).toBe(false);
    }
  });

  it('keeps a reason for every allowed class', () => {
    for (const entry of ALLOWED_LITERALS) expect(entry.reason.length).toBeGreaterThan(10);
  });

  it('finds no literal message in the package', () => {
    expect(checkApexMessages(projectRoot).findings).toEqual([]);
  });
});

describe('stand-in messages (the org stand-in answers the Apex labels, ADR 0032 sixth amendment)', () => {
  const root = path.join(fixtures, 'stand-in-messages-bad');
  const file = 'scripts/verify/__fixtures__/stand-in-messages-bad/cti-adapter/harness/org-stand-in/bad-endpoint.ts';

  it('reports each literal message of a failure outside tests, with file and line; labels and codes pass', () => {
    const { findings, byFile, fileCount } = checkStandInMessages(root, ['cti-adapter/harness/org-stand-in'], []);
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      [file, 11, 'LiteralMessage'],
      [file, 12, 'LiteralMessage'],
      [file, 13, 'LiteralMessage'],
      [file, 16, 'LiteralMessage'],
    ]);
    expect(findings[0]?.message).toContain("'At most 10 numbers per request.'");
    expect(findings[0]?.message).toContain('systemLabel');
    expect(findings[1]?.message).toContain('must be at most 255 characters.');
    expect([...byFile]).toEqual([['bad-endpoint.ts', 4]]);
    expect(fileCount).toBe(1);
  });

  it('accepts the literals of an allow-list entry, counted apart', () => {
    const { findings, allowedCount } = checkStandInMessages(
      root,
      ['cti-adapter/harness/org-stand-in'],
      [{ file: 'bad-endpoint.ts', texts: /^Expected /, reason: 'a diagnostic no user reads' }],
    );
    expect(findings).toHaveLength(3);
    expect(allowedCount).toBe(1);
  });

  it('keeps a reason for every allowed file', () => {
    for (const entry of ALLOWED_STAND_IN_LITERALS) expect(entry.reason.length).toBeGreaterThan(10);
  });

  it('finds no literal message in the org stand-in', () => {
    expect(checkStandInMessages(projectRoot).findings).toEqual([]);
  });
});
