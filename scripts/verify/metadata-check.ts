/** `npm run test:metadata`: `sf project convert source` + every source file present in package.xml. */
import { formatFinding } from './lib/finding';
import { projectRoot } from './lib/paths';
import { checkMetadataConversion } from './checks/metadata-conversion';

async function main(): Promise<void> {
  const { findings, fileCount, memberCount } = await checkMetadataConversion(projectRoot);
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(`${fileCount} source files → ${memberCount} package.xml members, ${findings.length} finding(s)`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}

void main();
