import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { runningAs, systemLabel } from './apex-labels';
import { join } from 'node:path';
import type { OrgStore, OrgUser } from './org-store';
import { RemoteApiError } from './remote-api-error';
import { objectOfId, to18 } from './salesforce-id';
import {
  invalid,
  requireAdmin,
  type Envelope,
  type SettingsLevelView,
  type SoftphoneRemoteApi,
} from './softphone-remote-api';
import { CHECKBOX_KEYS, compareLevels, settingsErrors, USER_SETTING_KEYS } from './softphone-settings';

/**
 * The package's `@AuraEnabled` Apex of its Lightning web components, served from the in-memory org for the harness's
 * Lightning host (`@salesforce/apex/<Class>.<method>` imports become calls of {@link LightningControllers.invoke}):
 * `SoftphoneAdminController` (the admin page: a level of the settings hierarchy, save with every field error, reset,
 * scope search) and `SoftphoneCallCardController` (a note on a logged call). Same envelopes as the Apex controllers
 * (`{ok, …}` or `{ok: false, error}`); the settings rules are the remote API's (`softphone-settings.ts`), one copy.
 *
 * Apex class access comes from the package's permission sets (`classAccesses`), as in an org: a user without it gets
 * the platform's error, which the Lightning host reports like Lightning does (an `AuraHandledException`-shaped body).
 */
export class LightningControllers {
  private readonly classAccess: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    private readonly store: OrgStore,
    private readonly api: SoftphoneRemoteApi,
    permissionSetsDir: string,
  ) {
    this.classAccess = readClassAccess(permissionSetsDir);
  }

  /**
   * Calls `Class.method` with the named parameters as a user. @throws ApexCallError for a missing class or method,
   * missing class access or an unexpected failure (what Lightning reports as an error of the Apex call).
   */
  invoke(className: string, methodName: string, params: Record<string, unknown>, user: OrgUser): unknown {
    const handler = this.handlers()[`${className}.${methodName}`];
    if (!handler) throw new ApexCallError(`No @AuraEnabled method ${className}.${methodName} in the package.`);
    const granted = user.permissionSets.some((set) => this.classAccess.get(set)?.has(className));
    if (!granted) throw new ApexCallError(`You do not have access to the Apex class named '${className}'.`);
    const previous = this.store.currentUserId;
    this.store.currentUserId = user.Id;
    try {
      return runningAs(user.LanguageLocaleKey, () => handler(params, user));
    } catch (e) {
      if (e instanceof RemoteApiError) return { ok: false, error: e.toBody() };
      throw e;
    } finally {
      this.store.currentUserId = previous;
    }
  }

  private handlers(): Record<string, (params: Record<string, unknown>, user: OrgUser) => unknown> {
    return {
      'SoftphoneAdminController.getAdminSettings': (p, user) => this.view(p.scope, p.scopeId, user),
      'SoftphoneAdminController.saveAdminSettings': (p, user) => this.save(p.request, user),
      'SoftphoneAdminController.resetAdminSettings': (p, user) => this.reset(p.scope, p.scopeId, user),
      'SoftphoneAdminController.searchScopes': (p, user) => this.searchScopes(p.scope, p.term, user),
      'SoftphoneCallCardController.addCallNote': (p, user) => this.addCallNote(p.taskId, p.note, user),
      // SmsTemplateAdminController: the remote action's envelope as JSON (one path with the softphone's).
      'SmsTemplateAdminController.listTemplates': (p, user) => this.templates('listSmsTemplates', p.request, user),
      'SmsTemplateAdminController.saveTemplate': (p, user) => this.templates('saveSmsTemplate', p.request, user),
      'SmsTemplateAdminController.deleteTemplate': (p, user) => this.templates('deleteSmsTemplate', p.request, user),
      'SmsTemplateAdminController.previewImport': (p, user) =>
        this.templates('previewSmsTemplateImport', p.request, user),
      'SmsTemplateAdminController.applyImport': (p, user) => this.templates('applySmsTemplateImport', p.request, user),
      'SmsTemplateAdminController.exportTemplates': (p, user) => this.templates('exportSmsTemplates', p.request, user),
    };
  }

  /** `SmsTemplateAdminController.<method>`: parses the JSON request, answers the remote action's envelope as JSON. */
  private templates(method: string, request: unknown, user: OrgUser): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof request === 'string' && request.trim() !== '' ? request : '{}');
    } catch {
      return JSON.stringify({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: runningAs(user.LanguageLocaleKey, () => systemLabel('Apex_Request_unreadable')),
          field: 'request',
        },
      });
    }
    return JSON.stringify(this.api.invoke(method, parsed, user.Id));
  }

  /** The package's `SoftphoneAdminService.view`. */
  private view(scope: unknown, scopeId: unknown, user: OrgUser): Envelope {
    requireAdmin(user);
    const level = this.api.settingsLevelOf(scope, scopeId);
    return this.viewOf(level) as Envelope;
  }

  private viewOf(level: SettingsLevelView): Record<string, unknown> {
    const above = this.api.merge(level.above);
    const here = this.api.merge([...level.above, level.stored]);
    const stored: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(level.stored?.values ?? {})) if (v !== null && v !== undefined) stored[k] = v;
    const locks: Record<string, string> = {};
    for (const [k, v] of Object.entries(level.stored?.locks ?? {})) locks[k] = v ? 'locked' : 'unlocked';
    const catalog = this.api.taskFields;
    return {
      // The Apex AdminView extends the response envelope: `ok` is in the view, also inside a SaveResult.
      ok: true,
      scope: level.scope,
      scopeId: level.scopeId,
      scopeLabel: level.label,
      levelSaved: level.stored !== undefined,
      settings: here.settings,
      sources: here.sources,
      locked: here.locked,
      lockSources: here.lockSources,
      stored,
      locks,
      inherited: above.settings,
      inheritedSources: above.sources,
      inheritedLocked: above.locked,
      userSettingKeys: USER_SETTING_KEYS,
      checkboxKeys: CHECKBOX_KEYS,
      catalog: {
        logFields: catalog.availableLogFields(),
        picklistFields: catalog.availableLogFields().filter((f) => f.type === 'picklist'),
        // The stand-in org has no custom objects with phone fields: the three standard matchable objects.
        matchObjects: [
          { apiName: 'Contact', label: 'Contact', custom: false },
          { apiName: 'Lead', label: 'Lead', custom: false },
          { apiName: 'Account', label: 'Account', custom: false },
        ],
      },
      audit: this.store
        .settingsAudit()
        .slice(0, 10)
        .map((row) => ({
          id: row.Id,
          changedAt: row.CreatedDate,
          changedBy: row.CreatedById ? (this.store.user(row.CreatedById)?.Name ?? null) : null,
          scope: row.Scope__c,
          scopeLabel: row.Scope_Label__c,
          summary: row.Summary__c,
        })),
    };
  }

  /** The package's `SoftphoneAdminService.save`: every field error at once, else the save and the level as saved. */
  private save(request: unknown, user: OrgUser): Envelope {
    requireAdmin(user);
    const req = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
    if (req.settings !== undefined && req.settings !== null) {
      const fieldErrors = settingsErrors(req.settings, this.api.settingsSchema()).map((e) => ({
        code: 'INVALID_INPUT',
        message: e.message,
        field: e.field,
      }));
      const first = fieldErrors[0];
      if (first) {
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: fieldErrors.length === 1 ? first.message : systemLabel('Apex_Correct_fields', fieldErrors.length),
            field: first.field,
          },
          fieldErrors,
        } as unknown as Envelope;
      }
    }
    try {
      this.api.saveSettings(req, user);
    } catch (e) {
      if (e instanceof RemoteApiError) return { ok: false, error: e.toBody(), fieldErrors: [] } as unknown as Envelope;
      throw e;
    }
    return { ok: true, fieldErrors: [], view: this.viewOf(this.api.settingsLevelOf(req.scope, req.scopeId)) };
  }

  /** The package's `SoftphoneSettingsService.resetLevel`, then the level as it is now. */
  private reset(scope: unknown, scopeId: unknown, user: OrgUser): Envelope {
    requireAdmin(user);
    const level = this.api.settingsLevelOf(scope, scopeId);
    if (level.stored) {
      const changes = compareLevels(level.stored, undefined);
      this.store.deleteSettingsAt(level.scope, level.scopeId);
      this.api.audit(level, changes, user);
    }
    return this.viewOf(this.api.settingsLevelOf(scope, scopeId)) as Envelope;
  }

  /** The package's `SoftphoneAdminService.searchScopes`: profiles or active users whose name contains the term. */
  private searchScopes(scope: unknown, term: unknown, user: OrgUser): Envelope {
    requireAdmin(user);
    if (scope !== 'profile' && scope !== 'user')
      throw invalid('scope', systemLabel('Apex_Expected_one_of', 'profile, user'));
    const text = typeof term === 'string' ? term.trim() : '';
    if (!text) throw invalid('term', systemLabel('Apex_Required'));
    if (text.length > 80) throw invalid('term', systemLabel('Apex_At_most_characters', 80));
    if (text.length < 2) throw invalid('term', systemLabel('Apex_Type_two_characters'));
    const needle = text.toLowerCase();
    const byName = (a: { label: string }, b: { label: string }): number =>
      a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
    const options =
      scope === 'profile'
        ? this.store
            .allProfiles()
            .filter((p) => p.Name.toLowerCase().includes(needle))
            .map((p) => ({ id: p.Id, label: p.Name, detail: null }))
        : this.store
            .allUsers()
            .filter((u) => u.Name.toLowerCase().includes(needle) || u.Username.toLowerCase().includes(needle))
            .map((u) => ({
              id: u.Id,
              label: u.Name,
              detail: `${u.Username} · ${this.store.profile(u.ProfileId)?.Name ?? ''}`,
            }));
    return { ok: true, options: options.sort(byName).slice(0, 20) };
  }

  /** The package's `CallNotesService.addNote`: appends a note to the comments as stored now; owner only. */
  private addCallNote(taskId: unknown, note: unknown, user: OrgUser): Envelope {
    const id = typeof taskId === 'string' && taskId !== '' ? to18(taskId) : null;
    if (taskId === undefined || taskId === null || taskId === '') throw invalid('taskId', systemLabel('Apex_Required'));
    if (!id) throw invalid('taskId', systemLabel('Apex_Not_a_record_id'));
    if (objectOfId(id) !== 'Task') throw invalid('taskId', systemLabel('Apex_Record_kind_not_accepted'));
    const task = this.store.get(id);
    if (!task || task.attributes.type !== 'Task')
      throw new RemoteApiError('NOT_FOUND', systemLabel('Apex_Call_log_gone'), 'taskId');
    if (task.OwnerId !== user.Id) throw new RemoteApiError('NO_ACCESS', systemLabel('Apex_Notes_owner_only'), null);
    const text = typeof note === 'string' ? note.trim() : '';
    if (!text) throw invalid('note', systemLabel('Apex_Type_a_note'));
    const stored = typeof task.Description === 'string' ? task.Description.trim() : '';
    const combined = stored ? `${stored}\n\n${text}` : text;
    if (combined.length > MAX_DESCRIPTION)
      throw invalid(
        'note',
        systemLabel('Apex_Comments_too_long', combined.length, MAX_DESCRIPTION, combined.length - MAX_DESCRIPTION),
      );
    this.store.update(task.Id, { Description: combined });
    return { ok: true, taskId: task.Id, description: combined };
  }
}

/** Longest Task Description (Comments), as the package's `CallNotes.MAX_DESCRIPTION`. */
const MAX_DESCRIPTION = 32000;

/** A failed Apex call as Lightning reports it (`error.body.message`, HTTP 500 from the Aura endpoint). */
export class ApexCallError extends Error {}

/** `classAccesses` of each permission set of the package: permission set name → Apex classes it grants. */
function readClassAccess(dir: string): Map<string, Set<string>> {
  const access = new Map<string, Set<string>>();
  if (!existsSync(dir)) return access;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.permissionset-meta.xml'))) {
    const xml = readFileSync(join(dir, file), 'utf8');
    const classes = [...xml.matchAll(/<classAccesses>([\s\S]*?)<\/classAccesses>/g)]
      .filter((m) => /<enabled>true<\/enabled>/.test(m[1]!))
      .map((m) => /<apexClass>([^<]+)<\/apexClass>/.exec(m[1]!)?.[1])
      .filter((c): c is string => typeof c === 'string');
    access.set(file.replace('.permissionset-meta.xml', ''), new Set(classes));
  }
  return access;
}
