import { join } from 'node:path';
import { CrmRoutingEndpoint } from './crm-routing/crm-routing-endpoint';
import { RoutingFieldCatalog } from './crm-routing/routing-field-catalog';
import { OrgStore, type OrgUser } from './org-store';
import { SoftphoneRemoteApi } from './softphone-remote-api';
import { loadTreeData } from './tree-data-loader';
import type { SalesforceIdFactory } from './salesforce-id';

/**
 * The users the contract vectors run as (`runAs`, as the Apex runners define them): `agent` = Standard User +
 * Softphone Agent (the harness console's user), `admin` = + Softphone Admin, `noPermissions` = Standard User only
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
}

/**
 * The in-memory org of the harness: records, users, the settings hierarchy and the package's remote API.
 * Shared by the Visualforce remoting stand-in (adapter origin) and the console (Open CTI `saveLog`, record pages).
 */
export class OrgStandIn {
  readonly store: OrgStore;
  readonly api: SoftphoneRemoteApi;
  /** The CRM routing endpoint of the org's Site, run as the `routingEndpoint` user. */
  readonly crmRouting: CrmRoutingEndpoint;
  readonly users: Readonly<Record<RunAs, OrgUser>>;
  /** referenceId of the seed data → id. */
  readonly refs: ReadonlyMap<string, string>;

  constructor(options: OrgStandInOptions = {}) {
    this.store = new OrgStore({ now: options.now, ids: options.ids });
    this.users = {
      agent: this.store.addUser({
        Name: 'Alex Agent',
        Username: 'alex@example.test',
        permissionSets: ['Softphone_Agent'],
        customPermissions: [],
        objectAccess: 'all',
      }),
      admin: this.store.addUser({
        Name: 'Ada Admin',
        Username: 'ada.admin@example.test',
        permissionSets: ['Softphone_Agent', 'Softphone_Admin'],
        customPermissions: ['Softphone_Admin'],
        objectAccess: 'all',
      }),
      noPermissions: this.store.addUser({
        Name: 'Nick Noaccess',
        Username: 'nick@example.test',
        permissionSets: [],
        customPermissions: [],
        objectAccess: 'all',
      }),
      routingEndpoint: this.store.addUser({
        Name: 'CRM Routing Site Guest User',
        Username: 'crm-routing-site@example.test',
        permissionSets: ['CRM_Routing_Endpoint'],
        customPermissions: [],
        objectAccess: 'all',
      }),
      noAccess: this.store.addUser({
        Name: 'Pat Noread',
        Username: 'pat.noread@example.test',
        permissionSets: ['CRM_Routing_Endpoint'],
        customPermissions: [],
        objectAccess: 'none',
      }),
    };
    this.store.currentUserId = this.users.admin.Id;
    this.refs = options.dataDir ? loadTreeData(this.store, options.dataDir).refs : new Map();
    this.store.currentUserId = null;
    this.api = new SoftphoneRemoteApi({ store: this.store, defaultUserId: this.users[options.runAs ?? 'agent'].Id });
    this.crmRouting = new CrmRoutingEndpoint({
      store: this.store,
      fields: new RoutingFieldCatalog(ROUTING_OBJECT_DIRS),
      runAsUserId: this.users.routingEndpoint.Id,
      ...(options.now ? { now: options.now } : {}),
    });
  }
}
