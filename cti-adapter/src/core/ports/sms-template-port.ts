/**
 * SMS templates stored in Salesforce (`SMS_Template__c`, contract `docs/contracts/softphone-remote-api.md`, "SMS
 * templates"): org-wide ones every agent is offered (changed by users with the Manage SMS Templates permission) and
 * each agent's personal ones. Placeholders (`{FirstName}`, `{LastName}`, `{Name}`, `{Company}`, `{AgentName}`,
 * `{AgentFirstName}`) are filled by the server for a record; a placeholder without a value stays as typed and is listed
 * in `missing`, so the agent sees it in the compose box before sending.
 * @public
 */
export type SmsTemplateScope = 'org' | 'personal';

/** @public */
export interface SmsTemplate {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly scope: SmsTemplateScope;
  readonly category: string | null;
  readonly active: boolean;
  /** Whether the agent may change or delete it. */
  readonly canEdit: boolean;
  /** The body filled for the record asked for (only when the list named a record). */
  readonly filled?: string;
  /** Placeholders without a value for that record, e.g. `['FirstName']`. */
  readonly missing?: readonly string[];
}

/** @public */
export interface SmsTemplateQuery {
  /** Text searched in the name, category and body (at most 80 characters). */
  readonly search?: string;
  /** A Contact, Lead or Account whose values fill the placeholders. */
  readonly recordId?: string | null;
  readonly includeInactive?: boolean;
}

/** @public */
export interface SmsTemplateList {
  readonly templates: readonly SmsTemplate[];
  /** Whether the agent manages org-wide templates (the Manage SMS Templates permission). */
  readonly canManageOrg: boolean;
}

/** A new template (no id) or a change of one. @public */
export interface SmsTemplateDraft {
  readonly id?: string | null;
  readonly name: string;
  readonly body: string;
  readonly scope: SmsTemplateScope;
  readonly category?: string | null;
  readonly active?: boolean;
}

/** A file to preview or import. @public */
export interface SmsTemplateFile {
  readonly format: 'csv' | 'json';
  readonly content: string;
  /** The scope the file's templates go to. */
  readonly scope: SmsTemplateScope;
}

/** What an import would do. @public */
export interface SmsTemplateImportPreview {
  readonly added: readonly {
    line: number | null;
    name: string;
    body: string;
    category: string | null;
    active: boolean;
  }[];
  readonly changed: readonly { name: string; line: number | null; fields: readonly string[] }[];
  readonly kept: readonly string[];
  /** Templates of the scope the file does not name: an import never deletes them. */
  readonly untouched: number;
}

/** What an import did. @public */
export interface SmsTemplateImportResult {
  readonly added: number;
  readonly changed: number;
  readonly kept: number;
  readonly untouched: number;
}

/** @public */
export interface SmsTemplateExport {
  readonly fileName: string;
  readonly content: string;
  readonly count: number;
}

/**
 * The templates port. Failures reject with `CrmError` (`INVALID_INPUT` with the field, `NO_ACCESS`, `NOT_FOUND`,
 * `NETWORK`…); a file that cannot be read rejects with `SmsTemplateFileError` carrying the line (nothing imported).
 * @public
 */
export interface SmsTemplateGateway {
  list(query?: SmsTemplateQuery): Promise<SmsTemplateList>;
  save(template: SmsTemplateDraft): Promise<SmsTemplate>;
  remove(id: string): Promise<void>;
  previewImport(file: SmsTemplateFile): Promise<SmsTemplateImportPreview>;
  applyImport(file: SmsTemplateFile): Promise<SmsTemplateImportResult>;
  exportTemplates(format: 'csv' | 'json', scope: SmsTemplateScope): Promise<SmsTemplateExport>;
}
