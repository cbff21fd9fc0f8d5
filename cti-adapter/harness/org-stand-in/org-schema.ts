/**
 * What the in-memory org knows about each object: its phone fields (the fields of type Phone that
 * SOSL `IN PHONE FIELDS` searches, in the order a match reports them), the fields shown on record pages and
 * how a record's display name is built. Field names are the standard API names (Salesforce Object Reference).
 */

/** Objects of the stand-in org. */
export type OrgObject =
  | 'Account'
  | 'Contact'
  | 'Lead'
  | 'Opportunity'
  | 'Case'
  | 'Task'
  | 'User'
  | 'CRM_Routing_Rule__c'
  | 'CRM_Routing_Row__c'
  | 'CRM_Routing_Request__c'
  | 'CRM_Routing_Secret__c'
  | 'SMS_Template__c'
  | 'Do_Not_Contact__c';

export interface ObjectSchema {
  readonly label: string;
  readonly pluralLabel: string;
  /** Phone-type fields, in the order a match reports the first one that matches. */
  readonly phoneFields: readonly string[];
  /** Extra phone fields present only on person accounts. */
  readonly personPhoneFields?: readonly string[];
  /** Fields a record page shows, in order (besides the phone fields). */
  readonly detailFields: readonly string[];
}

export const ORG_SCHEMA: Readonly<Record<OrgObject, ObjectSchema>> = {
  Account: {
    label: 'Account',
    pluralLabel: 'Accounts',
    phoneFields: ['Phone', 'Fax'],
    personPhoneFields: ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone', 'PersonAssistantPhone'],
    detailFields: ['Name', 'Type', 'Industry', 'Website', 'BillingCity', 'PersonEmail', 'PersonDoNotCall'],
  },
  Contact: {
    label: 'Contact',
    pluralLabel: 'Contacts',
    phoneFields: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone', 'Fax'],
    detailFields: ['Name', 'Title', 'AccountId', 'Email', 'DoNotCall'],
  },
  Lead: {
    label: 'Lead',
    pluralLabel: 'Leads',
    phoneFields: ['Phone', 'MobilePhone', 'Fax'],
    detailFields: ['Name', 'Title', 'Company', 'Status', 'Email', 'DoNotCall'],
  },
  Opportunity: {
    label: 'Opportunity',
    pluralLabel: 'Opportunities',
    phoneFields: [],
    detailFields: ['Name', 'AccountId', 'StageName', 'CloseDate', 'Amount'],
  },
  Case: {
    label: 'Case',
    pluralLabel: 'Cases',
    phoneFields: [],
    detailFields: ['CaseNumber', 'Subject', 'AccountId', 'ContactId', 'Status', 'Priority', 'Origin'],
  },
  Task: {
    label: 'Task',
    pluralLabel: 'Tasks',
    phoneFields: [],
    detailFields: ['Subject', 'WhoId', 'WhatId', 'Status', 'CallType', 'CallDurationInSeconds'],
  },
  User: {
    label: 'User',
    pluralLabel: 'Users',
    phoneFields: ['Phone', 'MobilePhone'],
    detailFields: ['Name', 'Username', 'Email'],
  },
  // The package's CRM routing objects (force-app/main/default/objects/CRM_Routing_*; docs/contracts/crm-routing.md).
  CRM_Routing_Rule__c: {
    label: 'CRM Routing Rule',
    pluralLabel: 'CRM Routing Rules',
    phoneFields: [],
    detailFields: [
      'Name',
      'URL_Name__c',
      'Module__c',
      'Field_Name__c',
      'Location__c',
      'Mode__c',
      'Default_Destination__c',
    ],
  },
  CRM_Routing_Row__c: {
    label: 'CRM Routing Row',
    pluralLabel: 'CRM Routing Rows',
    phoneFields: [],
    detailFields: ['Rule__c', 'Order__c', 'Operator__c', 'Value__c', 'Destination__c', 'Destination_Option__c'],
  },
  CRM_Routing_Request__c: {
    label: 'CRM Routing Request',
    pluralLabel: 'CRM Routing Requests',
    phoneFields: [],
    detailFields: ['URL_Name__c', 'Outcome__c', 'Status_Code__c', 'Verified__c', 'Caller_Number__c', 'Destination__c'],
  },
  /** A protected list custom setting: one entry per rule, `Name` = the rule id. */
  CRM_Routing_Secret__c: {
    label: 'CRM Routing Secret',
    pluralLabel: 'CRM Routing Secrets',
    phoneFields: [],
    detailFields: ['Name', 'Generated_At__c'],
  },
  // The package's SMS templates (force-app/main/default/objects/SMS_Template__c; SmsTemplateController).
  SMS_Template__c: {
    label: 'SMS Template',
    pluralLabel: 'SMS Templates',
    phoneFields: [],
    detailFields: ['Name', 'Scope__c', 'Category__c', 'Active__c', 'Body__c'],
  },
  // The package's do-not-contact list (force-app/main/default/objects/Do_Not_Contact__c; ADR 0031).
  Do_Not_Contact__c: {
    label: 'Do Not Contact Number',
    pluralLabel: 'Do Not Contact Numbers',
    phoneFields: [],
    detailFields: ['Name', 'Number__c', 'Reason__c'],
  },
};

/**
 * The standard objects' labels an org shows a user of another language (what `Schema.DescribeSObjectResult.getLabel()`
 * and `getLabelPlural()` answer for the running user): Salesforce's own translations, as its French user interface and
 * French Salesforce Help name them (Compte, Piste, Opportunité, Requête). The package's custom objects have no
 * translation (no `objectTranslations` in the package), so an org answers their master label in every language, as
 * here.
 */
const TRANSLATED_OBJECT_LABELS: Readonly<
  Record<string, Partial<Record<OrgObject, { readonly label: string; readonly pluralLabel: string }>>>
> = {
  fr: {
    Account: { label: 'Compte', pluralLabel: 'Comptes' },
    Contact: { label: 'Contact', pluralLabel: 'Contacts' },
    Lead: { label: 'Piste', pluralLabel: 'Pistes' },
    Opportunity: { label: 'Opportunité', pluralLabel: 'Opportunités' },
    Case: { label: 'Requête', pluralLabel: 'Requêtes' },
    Task: { label: 'Tâche', pluralLabel: 'Tâches' },
    User: { label: 'Utilisateur', pluralLabel: 'Utilisateurs' },
  },
};

/**
 * An object's label (or plural label) for a user of `language` (`LanguageLocaleKey`: `fr`, `fr_CA`, `en_US`…): the
 * translation of the language (or of its base language), else the master label.
 */
export function objectLabelFor(type: OrgObject, language: string, plural = false): string {
  const translated =
    TRANSLATED_OBJECT_LABELS[language]?.[type] ?? TRANSLATED_OBJECT_LABELS[language.split('_')[0] ?? '']?.[type];
  const labels = translated ?? ORG_SCHEMA[type];
  return plural ? labels.pluralLabel : labels.label;
}

export const ORG_OBJECTS = Object.keys(ORG_SCHEMA) as OrgObject[];

export function isOrgObject(name: unknown): name is OrgObject {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ORG_SCHEMA, name);
}

/** Insert order of the contract vectors ("Account, Contact, Lead, Opportunity, Case, custom objects, Task"). */
export const VECTOR_INSERT_ORDER: readonly OrgObject[] = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Task'];
