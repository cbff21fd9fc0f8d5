import { join } from 'node:path';
import { CrmRoutingEndpoint } from './crm-routing/crm-routing-endpoint';
import { RoutingFieldCatalog } from './crm-routing/routing-field-catalog';
import { unreachableOAuthTransport } from './https-oauth-transport';
import { OrgStore, type OrgUser } from './org-store';
import { LightningControllers } from './lightning-controllers';
import { PackageNamespace } from './package-namespace';
import { RingCentralTokenApi, type OAuthTransport } from './ringcentral-token-api';
import { SealingKeys } from './sealing-keys';
import { SoftphoneRemoteApi } from './softphone-remote-api';
import { ACTIVITY_FIELD_DIRS, TaskFieldCatalog } from './task-field-catalog';
import { packageFieldType, readValidationRules, ValidationRules } from './validation-rules';
import { loadTreeData } from './tree-data-loader';
import { KEY_PREFIXES, SalesforceIdFactory } from './salesforce-id';
import { ApexLabels } from './apex-labels';

/** The package's permission sets (Apex class access of the Lightning controllers). */
const PERMISSION_SETS_DIR = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'permissionsets');

/**
 * The users the contract vectors run as (`runAs`, as the Apex runners define them): `agent` = Standard User +
 * Softphone Agent (the harness console's user), `admin` = + Softphone Admin (the sample admin, profile System Administrator), `noPermissions` = Standard User only
 * (reads and creates CRM records, but has no access to the package's Task fields); for CRM routing,
 * `routingEndpoint` = the Site guest user with the CRM Routing Endpoint permission set and read access to the CRM
 * objects, `noAccess` = the same permission set without access to Contacts, Leads or Accounts.
 */
export type RunAs = 'agent' | 'noPermissions' | 'admin' | 'routingEndpoint' | 'noAccess';

/** The project's `objects` folders whose custom fields CRM routing may use (the package's and the sample world's). */
const REPO_ROOT = join(__dirname, '..', '..', '..');
export const ROUTING_OBJECT_DIRS = [
  join(REPO_ROOT, 'force-app', 'main', 'default', 'objects'),
  join(REPO_ROOT, 'unpackaged', 'main', 'default', 'objects'),
];

export interface OrgStandInOptions {
  /** Folder of `sf data import tree` files to seed from (e.g. `scripts/data`); omitted = empty org. */
  dataDir?: string;
  now?: () => Date;
  ids?: SalesforceIdFactory;
  /** User the remote API runs as by default. */
  runAs?: RunAs;
  /**
   * The package's namespace (e.g. `rcsp`): its fields are stored as `rcsp__Name__c`, as in a subscriber org or a
   * scratch org with the namespace; the remote API still speaks namespace-neutral names. Default: none.
   */
  namespace?: string;
  /**
   * Origins this org reads as RingCentral's media entry point `https://media.ringcentral.com` in the package's
   * validation rules (`Recording_Link_Is_RingCentral_Media`), e.g. the simulator's `https://127.0.0.1:8443`, whose
   * recording links the rule would otherwise refuse. A harness-only stand-in: the simulator cannot serve on
   * RingCentral's host names; a real org accepts RingCentral's media hosts only. Default: none.
   */
  ringCentralMediaOrigins?: readonly string[];
  /** How the token endpoints reach RingCentral (Apex callouts); default: unreachable. */
  ringCentralTransport?: OAuthTransport;
}

/** The media entry point the package's validation rule accepts (RingCentral API Reference, "Get Call Recording Content"). */
const RINGCENTRAL_MEDIA = 'https://media.ringcentral.com';

/** The package's metadata objects folder (custom fields, validation rules). */
const PACKAGE_OBJECTS = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'objects');

/**
 * The in-memory org of the harness: records, users, the settings hierarchy and the package's remote API.
 * Shared by the Visualforce remoting stand-in (adapter origin) and the console (Open CTI `saveLog`, record pages).
 */
export class OrgStandIn {
  /** The org's id (`$Organization.Id`, `UserInfo.getOrganizationId()`). */
  readonly organizationId: string;
  readonly store: OrgStore;
  readonly api: SoftphoneRemoteApi;
  /** The CRM routing endpoint of the org's Site, run as the `routingEndpoint` user. */
  readonly crmRouting: CrmRoutingEndpoint;
  /** The package's `@AuraEnabled` Apex for its Lightning web components (admin page, call card). */
  readonly lightning: LightningControllers;
  /** The RingCentral token endpoints (sign-in, refresh, revoke), which call RingCentral like the Apex does. */
  readonly tokens: RingCentralTokenApi;
  private readonly logins = new Map<string, string | null>();
  private readonly loginIds = new SalesforceIdFactory('Lg');
  readonly users: Readonly<Record<RunAs, OrgUser>>;
  /** Who a request with no signed-in user runs as (the `runAs` option; default `agent`). */
  readonly defaultRunAs: RunAs;
  /** referenceId of the seed data → id. */
  readonly refs: ReadonlyMap<string, string>;

  constructor(options: OrgStandInOptions = {}) {
    const namespace = PackageNamespace.fromPackage(options.namespace ?? '', PACKAGE_OBJECTS);
    const taskFields = new TaskFieldCatalog(ACTIVITY_FIELD_DIRS, namespace);
    const validationRules = new ValidationRules(
      readValidationRules(PACKAGE_OBJECTS),
      (object, field) =>
        object === 'Task' || object === 'Event'
          ? taskFields.field(field)?.type
          : packageFieldType(PACKAGE_OBJECTS, object, field),
      (options.ringCentralMediaOrigins ?? []).map((origin) => ({
        from: `${origin.replace(/\/+$/, '')}/`,
        to: `${RINGCENTRAL_MEDIA}/`,
      })),
    );
    // Its own id sequence: the org id does not shift the ids of the records.
    this.organizationId = new SalesforceIdFactory().next(KEY_PREFIXES.Organization);
    this.store = new OrgStore({ now: options.now, ids: options.ids, namespace, validationRules });
    const standardUser = this.store.addProfile('Standard User');
    const systemAdministrator = this.store.addProfile('System Administrator');
    this.users = {
      agent: this.store.addUser({
        ProfileId: standardUser.Id,
        Name: 'Alex Agent',
        Username: 'alex@example.test',
        permissionSets: ['Softphone_Agent'],
        customPermissions: [],
        objectAccess: 'all',
      }),
      admin: this.store.addUser({
        ProfileId: systemAdministrator.Id,
        Name: 'Ada Admin',
        Username: 'ada.admin@example.test',
        permissionSets: ['Softphone_Agent', 'Softphone_Admin'],
        // The custom permissions the Softphone_Admin permission set grants.
        customPermissions: ['Softphone_Admin', 'Manage_SMS_Templates'],
        objectAccess: 'all',
      }),
      noPermissions: this.store.addUser({
        ProfileId: standardUser.Id,
        Name: 'Nick Noaccess',
        Username: 'nick@example.test',
        permissionSets: [],
        customPermissions: [],
        objectAccess: 'all',
      }),
      routingEndpoint: this.store.addUser({
        Name: 'CRM Routing Site Guest User',
        UserType: 'Guest',
        Username: 'crm-routing-site@example.test',
        permissionSets: ['CRM_Routing_Endpoint'],
        customPermissions: [],
        objectAccess: 'all',
      }),
      noAccess: this.store.addUser({
        Name: 'Pat Noread',
        UserType: 'Guest',
        Username: 'pat.noread@example.test',
        permissionSets: ['CRM_Routing_Endpoint'],
        customPermissions: [],
        objectAccess: 'none',
      }),
    };
    // The sample world's other people (not users the vectors run as): a second agent a follow-up Task can be assigned
    // to (Sam Supervisor, extension 102 of the RingCentral sample world) and a deactivated user, never offered.
    this.store.addUser({
      ProfileId: standardUser.Id,
      Name: 'Sam Supervisor',
      Username: 'sam@example.test',
      Title: 'Support Supervisor',
      permissionSets: ['Softphone_Agent'],
      customPermissions: [],
      objectAccess: 'all',
    });
    this.store.addUser({
      ProfileId: standardUser.Id,
      Name: 'Sally Formerstaff',
      Username: 'sally.former@example.test',
      IsActive: false,
      permissionSets: [],
      customPermissions: [],
      objectAccess: 'all',
    });
    this.store.currentUserId = this.users.admin.Id;
    this.refs = options.dataDir ? loadTreeData(this.store, options.dataDir).refs : new Map();
    this.store.currentUserId = null;
    this.defaultRunAs = options.runAs ?? 'agent';
    this.api = new SoftphoneRemoteApi({
      store: this.store,
      defaultUserId: this.users[this.defaultRunAs].Id,
      taskFields,
    });
    this.crmRouting = new CrmRoutingEndpoint({
      store: this.store,
      fields: new RoutingFieldCatalog(ROUTING_OBJECT_DIRS),
      runAsUserId: this.users.routingEndpoint.Id,
      ...(options.now ? { now: options.now } : {}),
    });
    this.lightning = new LightningControllers(this.store, this.api, PERMISSION_SETS_DIR);
    this.tokens = new RingCentralTokenApi({
      transport: options.ringCentralTransport ?? unreachableOAuthTransport,
      keys: new SealingKeys(this.store),
      organizationId: this.organizationId,
      loginOf: (userId) => this.currentLogin(userId),
      labels: new ApexLabels((userId) => this.store.user(userId)?.LanguageLocaleKey ?? 'en_US'),
    });
  }

  /**
   * The user's current Salesforce login (what `Auth.SessionManagement.getCurrentSession()` reports as
   * `LoginHistoryId`): created at the first request, the same until {@link OrgStandIn.logout}.
   */
  currentLogin(userId: string): string | null {
    if (!this.logins.has(userId)) this.logins.set(userId, this.loginIds.next('0Ya'));
    return this.logins.get(userId) ?? null;
  }

  /** Salesforce logout (`/secur/logout.jsp`): the user's next request belongs to a new login. */
  logout(userId: string): void {
    this.logins.delete(userId);
  }

  /** Sets the user's login id (`null`: no session), for the contract vectors' `salesforceLogin`. */
  setLogin(userId: string, loginId: string | null): void {
    this.logins.set(userId, loginId);
  }
}
