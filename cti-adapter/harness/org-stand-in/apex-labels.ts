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
    const template = this.catalog.value(name, this.languageOf(userId));
    if (template === undefined) throw new Error(`Apex names System.Label.${name}, which the package does not have`);
    return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
      const value = values[Number(index)];
      return value === undefined ? whole : String(value);
    });
  }
}
