import { OrgStore, type OrgUser } from './org-store';
import { join } from 'node:path';
import { LightningControllers } from './lightning-controllers';
import { SoftphoneRemoteApi } from './softphone-remote-api';
import { loadTreeData } from './tree-data-loader';
import type { SalesforceIdFactory } from './salesforce-id';

/** The package's permission sets (Apex class access of the Lightning controllers). */
const PERMISSION_SETS_DIR = join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'permissionsets');

/**
 * The three users the contract vectors run as (`runAs`, as the Apex runner defines them): `agent` = Standard User +
 * Softphone Agent (the harness console's user), `admin` = + Softphone Admin (the sample admin, profile System
 * Administrator), `noPermissions` = Standard User only (reads and creates CRM records, but has no access to the
 * package's Task fields).
 */
export type RunAs = 'agent' | 'noPermissions' | 'admin';

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
  /** The package's `@AuraEnabled` Apex for its Lightning web components (admin page, call card). */
  readonly lightning: LightningControllers;
  readonly users: Readonly<Record<RunAs, OrgUser>>;
  /** referenceId of the seed data → id. */
  readonly refs: ReadonlyMap<string, string>;

  constructor(options: OrgStandInOptions = {}) {
    this.store = new OrgStore({ now: options.now, ids: options.ids });
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
        customPermissions: ['Softphone_Admin'],
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
    };
    this.store.currentUserId = this.users.admin.Id;
    this.refs = options.dataDir ? loadTreeData(this.store, options.dataDir).refs : new Map();
    this.store.currentUserId = null;
    this.api = new SoftphoneRemoteApi({ store: this.store, defaultUserId: this.users[options.runAs ?? 'agent'].Id });
    this.lightning = new LightningControllers(this.store, this.api, PERMISSION_SETS_DIR);
  }
}
