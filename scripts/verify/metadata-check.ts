/**
 * `npm run test:metadata`: `sf project convert source` of every source folder, every source file present in its
 * package.xml, and nothing unpackaged or test-only in the package.
 */
import { formatFinding } from './lib/finding';
import { projectRoot } from './lib/paths';
import { checkProjectMetadata } from './checks/package-boundary';

async function main(): Promise<void> {
  const { findings, fileCount, memberCount, directories } = await checkProjectMetadata(projectRoot);
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(
    `${directories.join(' + ')}: ${fileCount} source files → ${memberCount} package.xml members, ${findings.length} finding(s)`,
  );
  process.exitCode = findings.length === 0 ? 0 : 1;
}

void main();
