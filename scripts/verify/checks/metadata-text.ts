import { readFileSync } from 'node:fs';
import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { listMetadataXml, tryReadXml, walk } from '../lib/metadata-xml';
import { projectRoot, relative } from '../lib/paths';

/** The folders that hold metadata XML: the package source and the call center definition to import in Setup. */
export const METADATA_ROOTS = ['force-app', 'unpackaged', 'config'];

/** Elements whose text may span indented lines (a formula laid out on several lines is stored as written). */
const MULTI_LINE_TEXT = /formula$/i;

const preview = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * Finds metadata text that Salesforce would deploy with whitespace a formatter added.
 *
 * The Metadata API keeps a leaf element's text verbatim: `<label> Play recording </label>` deploys a label with
 * spaces, `<formula>` returns what it literally says, a `<description>` wrapped over indented lines shows the
 * indentation in Setup, and JSON inside `<customSettings>` gets keys such as `" reqTimeout "`. What
 * `sf project retrieve start` writes has no surrounding whitespace, so none is expected here. Rules:
 * - `MalformedXml`: the file is not well-formed XML (the other metadata checks skip it);
 * - `PaddedText`: a leaf element's text starts or ends with whitespace (or is whitespace only);
 * - `IndentedLineBreak`: a line break followed by indentation inside text (formulas excepted, they may be laid
 *   out on several lines);
 * - `FormatterRewritesText`: the Prettier configuration for metadata XML sets `xmlWhitespaceSensitivity: "ignore"`,
 *   which re-flows text nodes (`@prettier/plugin-xml` README, "Whitespace"): `npm run format` would break
 *   them again.
 *
 * @param root absolute folder the `roots` are relative to (the repository, or a fixture)
 * @param roots folders or files under `root`
 * @returns the findings and how many XML files were read
 */
export async function checkMetadataText(
  root: string = projectRoot,
  roots: readonly string[] = METADATA_ROOTS,
): Promise<{ findings: Finding[]; fileCount: number }> {
  const files = listMetadataXml(root, roots);
  const findings: Finding[] = [];
  const finding = (file: string, line: number, rule: string, message: string): void => {
    findings.push({ check: 'metadata-text', file: relative(projectRoot, file), line, rule, message });
  };
  for (const file of files) {
    const document = tryReadXml(file);
    if ('error' in document) {
      finding(file, document.line, 'MalformedXml', `not well-formed XML: ${document.error}`);
      continue;
    }
    for (const { element } of walk(document)) {
      if (element.children.length > 0 || element.text === '') continue;
      const { name, text, line } = element;
      if (/^\s|\s$/.test(text)) {
        finding(
          file,
          line,
          'PaddedText',
          `<${name}> text ${preview(text)} starts or ends with whitespace, which Salesforce keeps verbatim`,
        );
      } else if (!MULTI_LINE_TEXT.test(name) && /\n[ \t]/.test(text)) {
        finding(
          file,
          line,
          'IndentedLineBreak',
          `<${name}> text ${preview(text)} is wrapped over indented lines; Salesforce keeps the line breaks and indentation`,
        );
      }
    }
  }
  for (const { file, configFile, sensitivity } of await xmlWhitespaceSensitivity(files)) {
    if (sensitivity !== 'ignore') continue;
    const line =
      readFileSync(configFile, 'utf8')
        .split('\n')
        .findIndex((text) => /"ignore"/.test(text)) + 1;
    finding(
      configFile,
      line,
      'FormatterRewritesText',
      `Prettier formats metadata XML (${relative(projectRoot, file)}) with xmlWhitespaceSensitivity "ignore", which rewrites text nodes; use "preserve" or "strict"`,
    );
  }
  return { findings, fileCount: files.length };
}

/**
 * The `xmlWhitespaceSensitivity` Prettier applies to each distinct configuration file among `files` (one sample
 * file per configuration), resolved by Prettier itself in a child Node process (Prettier 3 loads its ES modules
 * with a dynamic `import()`, which Jest's module sandbox does not allow).
 */
async function xmlWhitespaceSensitivity(
  files: readonly string[],
): Promise<{ file: string; configFile: string; sensitivity: unknown }[]> {
  if (files.length === 0) return [];
  const script = `
    import { resolveConfig, resolveConfigFile } from 'prettier';
    const seen = new Map();
    for (const file of JSON.parse(process.argv[1])) {
      const configFile = await resolveConfigFile(file);
      if (!configFile || seen.has(configFile)) continue;
      const options = await resolveConfig(file, { config: configFile, editorconfig: false });
      seen.set(configFile, { file, configFile, sensitivity: options?.xmlWhitespaceSensitivity ?? null });
    }
    process.stdout.write(JSON.stringify([...seen.values()]));`;
  const result = await exec(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
    cwd: projectRoot,
  });
  if (result.code !== 0) throw new Error(`cannot resolve the Prettier configuration: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as { file: string; configFile: string; sensitivity: unknown }[];
}
