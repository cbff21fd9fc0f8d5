import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

/** One entry of `packageDirectories` in `sfdx-project.json` (Salesforce DX Developer Guide, "Salesforce DX Project Configuration"). */
export interface PackageDirectory {
  /** Folder relative to the project, without `./` or a trailing slash, e.g. `force-app`. */
  path: string;
  /** Package name when the folder is packaged; undefined for a plain source folder. */
  package?: string;
  /** `unpackagedMetadata.path`: metadata deployed with the package's tests but never packaged. */
  unpackagedPath?: string;
}

/** The source folders of an SFDX project and which of them ship in a package. */
export interface SfdxProject {
  directories: PackageDirectory[];
  /** Folders whose metadata is packaged (entries with `package`). */
  packaged: PackageDirectory[];
  /** Folders named as `unpackagedMetadata` of a packaged folder (test-only metadata, never shipped). */
  unpackaged: string[];
}

const normalize = (dir: string): string => path.posix.normalize(dir.replace(/\\/g, '/')).replace(/^\.\/|\/$/g, '');

/**
 * Reads `packageDirectories` of a project's `sfdx-project.json`.
 * @param projectDir folder containing `sfdx-project.json`
 * @throws when the file is missing or has no `packageDirectories` array
 */
export function readSfdxProject(projectDir: string): SfdxProject {
  const file = path.join(projectDir, 'sfdx-project.json');
  if (!existsSync(file)) throw new Error(`${file}: not found`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    packageDirectories?: { path?: unknown; package?: unknown; unpackagedMetadata?: { path?: unknown } }[];
  };
  if (!Array.isArray(doc.packageDirectories)) throw new Error(`${file}: no packageDirectories`);
  const directories = doc.packageDirectories.map((entry): PackageDirectory => {
    if (typeof entry.path !== 'string') throw new Error(`${file}: a package directory has no path`);
    return {
      path: normalize(entry.path),
      package: typeof entry.package === 'string' ? entry.package : undefined,
      unpackagedPath:
        typeof entry.unpackagedMetadata?.path === 'string' ? normalize(entry.unpackagedMetadata.path) : undefined,
    };
  });
  return {
    directories,
    packaged: directories.filter((d) => d.package !== undefined),
    unpackaged: directories.flatMap((d) => (d.unpackagedPath ? [d.unpackagedPath] : [])),
  };
}

/**
 * Every source folder of the project, packaged or not, in `sfdx-project.json` order (a folder named only as
 * `unpackagedMetadata` is included too), as absolute paths of folders that exist.
 */
export function sourceDirectories(projectDir: string): string[] {
  const project = readSfdxProject(projectDir);
  const dirs = [...project.directories.map((d) => d.path), ...project.unpackaged];
  return [...new Set(dirs)].map((dir) => path.join(projectDir, dir)).filter((dir) => existsSync(dir));
}
