import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** The package's metadata folder (`labels/`, `translations/`). */
export const PACKAGE_METADATA_DIR = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default');

/** Where the package's Custom Labels live (Metadata API `CustomLabels`, one file in source format). */
export const CUSTOM_LABELS_FILE = join('labels', 'CustomLabels.labels-meta.xml');

/** The category of the labels the softphone's Visualforce page passes to the bundle (ADR 0032). */
export const SOFTPHONE_CATEGORY = 'Softphone';

/** One Custom Label (Metadata API `CustomLabel`): its master value is in the package's default language. */
export interface CustomLabel {
  /** API name: `{!$Label.<name>}` in Visualforce, `@salesforce/label/c.<name>` in a Lightning web component. */
  readonly name: string;
  readonly value: string;
  readonly categories: readonly string[];
  readonly shortDescription: string;
  /** Language of the master value (`en_US`). */
  readonly language: string;
  /** 1-based line of its `<labels>` element in the labels file. */
  readonly line: number;
}

/** One translated label of a `translations/<language>.translation-meta.xml` file (Metadata API `Translations`). */
export interface LabelTranslation {
  readonly name: string;
  readonly label: string;
  readonly line: number;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['labels', 'customLabels', 'categories'].includes(name),
});

function linesOf(xml: string, element: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<${element}>`, 'g');
  for (const m of xml.matchAll(pattern)) lines.push(xml.slice(0, m.index).split('\n').length);
  return lines;
}

/** Reads the labels file's `<labels>` (empty when the file is missing). */
export function readCustomLabels(file: string): CustomLabel[] {
  if (!existsSync(file)) return [];
  const xml = readFileSync(file, 'utf8');
  const parsed = parser.parse(xml) as { CustomLabels?: { labels?: Record<string, unknown>[] } };
  const lines = linesOf(xml, 'labels');
  return (parsed.CustomLabels?.labels ?? []).map((l, i) => ({
    name: String(l.fullName ?? ''),
    value: String(l.value ?? ''),
    categories: ((l.categories as string[] | undefined) ?? [])
      .flatMap((c) => String(c).split(','))
      .map((c) => c.trim()),
    shortDescription: String(l.shortDescription ?? ''),
    language: String(l.language ?? ''),
    line: lines[i] ?? 0,
  }));
}

/** Reads a translation file's `<customLabels>`. */
export function readLabelTranslations(file: string): LabelTranslation[] {
  const xml = readFileSync(file, 'utf8');
  const parsed = parser.parse(xml) as { Translations?: { customLabels?: Record<string, unknown>[] } };
  const lines = linesOf(xml, 'customLabels');
  return (parsed.Translations?.customLabels ?? []).map((t, i) => ({
    name: String(t.name ?? ''),
    label: String(t.label ?? ''),
    line: lines[i] ?? 0,
  }));
}

/**
 * The Custom Labels of a package folder and their translations, answered as an org answers `$Label.<name>` for a
 * user (Salesforce Help, "Custom Labels" and "Translation Workbench"): the translation in the user's language when
 * the package has one, else the master value.
 */
export class CustomLabelCatalog {
  private readonly byName: ReadonlyMap<string, CustomLabel>;
  private readonly translated: ReadonlyMap<string, ReadonlyMap<string, string>>;
  private readonly translationEntries: ReadonlyMap<string, readonly LabelTranslation[]>;

  constructor(
    readonly labels: readonly CustomLabel[],
    translations: ReadonlyMap<string, readonly LabelTranslation[]>,
  ) {
    this.byName = new Map(labels.map((l) => [l.name, l]));
    this.translationEntries = translations;
    this.translated = new Map(
      [...translations].map(([language, entries]) => [language, new Map(entries.map((t) => [t.name, t.label]))]),
    );
  }

  /** The labels and translations of a metadata folder (default: the package's `force-app/main/default`). */
  static fromFolder(dir: string = PACKAGE_METADATA_DIR): CustomLabelCatalog {
    const translations = new Map<string, LabelTranslation[]>();
    for (const { language, file } of translationFiles(dir)) translations.set(language, readLabelTranslations(file));
    return new CustomLabelCatalog(readCustomLabels(join(dir, CUSTOM_LABELS_FILE)), translations);
  }

  /**
   * What the labels of a metadata folder were read from: each label and translation file's name, size and change
   * time. Equal signatures mean {@link fromFolder} would read the same catalog (a server keeps its parsed labels until
   * a deploy changes them).
   */
  static folderSignature(dir: string = PACKAGE_METADATA_DIR): string {
    const files = [join(dir, CUSTOM_LABELS_FILE), ...translationFiles(dir).map((t) => t.file)];
    return files
      .map((file) => {
        const stat = existsSync(file) ? statSync(file) : null;
        return `${file}:${stat ? `${stat.size}:${stat.mtimeMs}` : '-'}`;
      })
      .join('|');
  }

  /** The languages the package translates its labels into (`fr`, `de`, …: Salesforce language codes). */
  get languages(): string[] {
    return [...this.translated.keys()];
  }

  /** The label named `name`, or `undefined`. */
  label(name: string): CustomLabel | undefined {
    return this.byName.get(name);
  }

  /** The entries of a language's translation file, in file order (empty for a language without one). */
  translationsOf(language: string): readonly LabelTranslation[] {
    return this.translationEntries.get(language) ?? [];
  }

  /**
   * `$Label.<name>` for a user whose language is `language` (`LanguageLocaleKey`: `en_US`, `fr`, `de`, …); `undefined`
   * for a label the package does not have (saving a page that names it fails).
   */
  value(name: string, language: string): string | undefined {
    const label = this.byName.get(name);
    if (!label) return undefined;
    return this.translated.get(language)?.get(name) ?? label.value;
  }

  /** The labels of a category (`Softphone`: the ones the adapter page passes to the bundle), in file order. */
  inCategory(category: string): CustomLabel[] {
    return this.labels.filter((l) => l.categories.includes(category));
  }
}

/** The translation files of a metadata folder (`translations/<language>.translation-meta.xml`), by file name. */
function translationFiles(dir: string): { language: string; file: string }[] {
  const translationsDir = join(dir, 'translations');
  if (!existsSync(translationsDir)) return [];
  return readdirSync(translationsDir)
    .sort()
    .flatMap((name) => {
      const language = /^(\w+)\.translation-meta\.xml$/.exec(name)?.[1];
      return language ? [{ language, file: join(translationsDir, name) }] : [];
    });
}
