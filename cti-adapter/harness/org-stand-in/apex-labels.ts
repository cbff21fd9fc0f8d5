import { CustomLabelCatalog } from './custom-labels';

/**
 * `System.Label.<Name>` as the package's Apex reads it for the running user — the translation in the user's language
 * (`LanguageLocaleKey`), else the master value (Salesforce Help, "Custom Labels") — with its `{0}`, `{1}`… filled as
 * Apex `LabelFormat.format` fills them (one pass; a placeholder without a value stays as written). The texts come from
 * the package's labels and translation files ({@link CustomLabelCatalog}), never a copy: the stand-in answers in French
 * exactly when the org would. A name the package lacks throws, as Apex naming it would not compile.
 */
export class ApexLabels {
  constructor(
    private readonly languageOf: (userId: string) => string,
    private readonly catalog: CustomLabelCatalog = CustomLabelCatalog.fromFolder(),
  ) {}

  /** The label `name` for the user `userId`, placeholders filled with `values`. */
  text(userId: string, name: string, ...values: readonly (string | number)[]): string {
    return labelText(this.catalog, this.languageOf(userId), name, values);
  }
}

function labelText(
  catalog: CustomLabelCatalog,
  language: string,
  name: string,
  values: readonly (string | number)[],
): string {
  const template = catalog.value(name, language);
  if (template === undefined) throw new Error(`Apex names System.Label.${name}, which the package does not have`);
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

let packageCatalog: CustomLabelCatalog | undefined;
/** The language of the user the stand-in runs a request as (`LanguageLocaleKey`); English outside a request. */
let currentLanguage = 'en_US';

/**
 * Runs `body` as a user of the language `language` (`LanguageLocaleKey`, `en_US` when absent): the
 * {@link systemLabel}s it reads answer in that language, as Apex's `System.Label` answers for the running user. The
 * endpoints of the stand-in wrap each request in it (`OrgStore.currentUserId` is the same idea for the user's id).
 */
export function runningAs<T>(language: string | undefined, body: () => T): T {
  const previous = currentLanguage;
  currentLanguage = language ?? 'en_US';
  try {
    return body();
  } finally {
    currentLanguage = previous;
  }
}

/** The running user's language (`LanguageLocaleKey`, see {@link runningAs}): what an org's describe labels follow. */
export function runningLanguage(): string {
  return currentLanguage;
}

/**
 * Apex `System.Label.<name>` (filled as `LabelFormat.format`) for the running user (see {@link runningAs}): the
 * messages of the stand-in's validation and services, from the package's labels and translation files — the same
 * label the Apex class reads, never a copy of its text. A name the package lacks throws, as the Apex would not compile.
 */
export function systemLabel(name: string, ...values: readonly (string | number)[]): string {
  return labelText(loadSystemLabels(), currentLanguage, name, values);
}

/**
 * Reads the package's labels for {@link systemLabel} now (once per process) rather than at the first message: an
 * endpoint with a deadline (the PBX waits 3 s for the CRM routing endpoint) must not pay for reading the files on its
 * first failure.
 */
export function loadSystemLabels(): CustomLabelCatalog {
  packageCatalog ??= CustomLabelCatalog.fromFolder();
  return packageCatalog;
}
