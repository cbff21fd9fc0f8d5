import { CrmError } from '../core/crm/crm-error';
import type {
  SmsTemplate,
  SmsTemplateDraft,
  SmsTemplateExport,
  SmsTemplateFile,
  SmsTemplateGateway,
  SmsTemplateImportPreview,
  SmsTemplateImportResult,
  SmsTemplateList,
  SmsTemplateQuery,
  SmsTemplateScope,
} from '../core/ports/sms-template-port';
import { envelopeOf, RemoteActionCaller } from './remote-action-caller';
import { readEnvelope } from './remoting-crm-gateway';
import type { AttributeSource } from './remote-action-names';
import type { VisualforceRemotingManager } from './visualforce-remoting';

/**
 * Fully-qualified names of `SmsTemplateController`'s remote actions, published by the `OpenCTIIndex` page in
 * `data-*` attributes of `#softphone-config` (`{!$RemoteAction.SmsTemplateController.<method>}`; the page names the
 * class as an extension, which Visualforce remoting requires).
 * @public
 */
export interface SmsTemplateActionNames {
  readonly listSmsTemplates: string;
  readonly saveSmsTemplate: string;
  readonly deleteSmsTemplate: string;
  readonly previewSmsTemplateImport: string;
  readonly applySmsTemplateImport: string;
  readonly exportSmsTemplates: string;
}

/** Endpoint → attribute name. @public */
export const SMS_TEMPLATE_ACTION_ATTRIBUTES: Readonly<Record<keyof SmsTemplateActionNames, string>> = Object.freeze({
  listSmsTemplates: 'data-list-sms-templates',
  saveSmsTemplate: 'data-save-sms-template',
  deleteSmsTemplate: 'data-delete-sms-template',
  previewSmsTemplateImport: 'data-preview-sms-template-import',
  applySmsTemplateImport: 'data-apply-sms-template-import',
  exportSmsTemplates: 'data-export-sms-templates',
});

/** Reads the names; a missing attribute falls back to the unnamespaced `SmsTemplateController.<method>`. @public */
export function readSmsTemplateActionNames(element: AttributeSource | null): SmsTemplateActionNames {
  const names = {} as Record<keyof SmsTemplateActionNames, string>;
  for (const [key, attribute] of Object.entries(SMS_TEMPLATE_ACTION_ATTRIBUTES) as [
    keyof SmsTemplateActionNames,
    string,
  ][]) {
    const value = element?.getAttribute(attribute)?.trim();
    names[key] = value ? value : `SmsTemplateController.${key}`;
  }
  return names;
}

/** A template file that cannot be read: the whole import failed and nothing was imported. @public */
export class SmsTemplateFileError extends CrmError {
  constructor(
    message: string,
    /** The file's line the problem is on (1-based), or null for the file as a whole. */
    readonly line: number | null,
  ) {
    super('INVALID_INPUT', message, 'content');
  }
}

/** Options of {@link RemotingSmsTemplateGateway}. @public */
export interface RemotingSmsTemplateGatewayOptions {
  readonly actions: SmsTemplateActionNames;
  readonly resolveManager?: () => VisualforceRemotingManager | undefined;
  readonly timeoutMs?: number;
}

/**
 * {@link SmsTemplateGateway} over Visualforce remoting (`SmsTemplateController`): one round trip per call; the
 * envelope read as the CRM gateway reads it (`readEnvelope`), and an import's unreadable file as
 * {@link SmsTemplateFileError} with its line.
 * @public
 */
export class RemotingSmsTemplateGateway implements SmsTemplateGateway {
  private readonly actions: SmsTemplateActionNames;
  private readonly caller: RemoteActionCaller;

  constructor(options: RemotingSmsTemplateGatewayOptions) {
    this.actions = options.actions;
    this.caller = new RemoteActionCaller({
      ...(options.resolveManager ? { resolveManager: options.resolveManager } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  async list(query: SmsTemplateQuery = {}): Promise<SmsTemplateList> {
    const payload = await this.invoke('listSmsTemplates', {
      search: query.search ?? null,
      recordId: query.recordId ?? null,
      includeInactive: query.includeInactive === true,
    });
    const templates = payload['templates'];
    if (!Array.isArray(templates)) throw malformed('templates');
    return { templates: templates.map(templateOf), canManageOrg: payload['canManageOrg'] === true };
  }

  async save(template: SmsTemplateDraft): Promise<SmsTemplate> {
    const payload = await this.invoke('saveSmsTemplate', {
      template: {
        id: template.id ?? null,
        name: template.name,
        body: template.body,
        scope: template.scope,
        category: template.category ?? null,
        active: template.active !== false,
      },
    });
    return templateOf(payload['template']);
  }

  async remove(id: string): Promise<void> {
    await this.invoke('deleteSmsTemplate', { id });
  }

  async previewImport(file: SmsTemplateFile): Promise<SmsTemplateImportPreview> {
    const payload = await this.invokeImport('previewSmsTemplateImport', file);
    return {
      added: listOf(payload['added'], 'added') as SmsTemplateImportPreview['added'],
      changed: listOf(payload['changed'], 'changed') as SmsTemplateImportPreview['changed'],
      kept: listOf(payload['kept'], 'kept') as string[],
      untouched: numberOf(payload['untouched']),
    };
  }

  async applyImport(file: SmsTemplateFile): Promise<SmsTemplateImportResult> {
    const payload = await this.invokeImport('applySmsTemplateImport', file);
    return {
      added: numberOf(payload['added']),
      changed: numberOf(payload['changed']),
      kept: numberOf(payload['kept']),
      untouched: numberOf(payload['untouched']),
    };
  }

  async exportTemplates(format: 'csv' | 'json', scope: SmsTemplateScope): Promise<SmsTemplateExport> {
    const payload = await this.invoke('exportSmsTemplates', { format, scope });
    if (typeof payload['content'] !== 'string' || typeof payload['fileName'] !== 'string') throw malformed('content');
    return { fileName: payload['fileName'], content: payload['content'], count: numberOf(payload['count']) };
  }

  private async invoke(endpoint: keyof SmsTemplateActionNames, request: object): Promise<Record<string, unknown>> {
    const { result, event } = await this.caller.call(this.actions[endpoint], request);
    return readEnvelope(result, event);
  }

  /** An import answer: a file error (`ok: false` with `field: content`) becomes {@link SmsTemplateFileError}. */
  private async invokeImport(
    endpoint: 'previewSmsTemplateImport' | 'applySmsTemplateImport',
    file: SmsTemplateFile,
  ): Promise<Record<string, unknown>> {
    const { result, event } = await this.caller.call(this.actions[endpoint], {
      format: file.format,
      content: file.content,
      scope: file.scope,
    });
    const body = event?.status === true ? envelopeOf(result) : null;
    const error =
      body?.['ok'] === false ? (body['error'] as { field?: unknown; message?: unknown } | undefined) : undefined;
    if (error?.field === 'content' && typeof error.message === 'string') {
      const line = body?.['line'];
      throw new SmsTemplateFileError(error.message, typeof line === 'number' ? line : null);
    }
    return readEnvelope(result, event);
  }
}

function malformed(what: string): CrmError {
  return new CrmError('INTERNAL', `Malformed response from Salesforce (${what})`);
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw malformed(what);
  return value;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function templateOf(value: unknown): SmsTemplate {
  if (!value || typeof value !== 'object') throw malformed('template');
  const t = value as Record<string, unknown>;
  if (typeof t['id'] !== 'string' || typeof t['name'] !== 'string') throw malformed('template');
  return {
    id: t['id'],
    name: t['name'],
    body: textOrNull(t['body']) ?? '',
    scope: t['scope'] === 'org' ? 'org' : 'personal',
    category: textOrNull(t['category']),
    active: t['active'] !== false,
    canEdit: t['canEdit'] === true,
    ...(typeof t['filled'] === 'string' ? { filled: t['filled'] } : {}),
    ...(Array.isArray(t['missing']) ? { missing: t['missing'].filter((m): m is string => typeof m === 'string') } : {}),
  };
}
