import { LightningElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import listRules from '@salesforce/apex/CrmRoutingAdminController.listRules';
import getRule from '@salesforce/apex/CrmRoutingAdminController.getRule';
import saveRule from '@salesforce/apex/CrmRoutingAdminController.saveRule';
import deleteRule from '@salesforce/apex/CrmRoutingAdminController.deleteRule';
import generateSecret from '@salesforce/apex/CrmRoutingAdminController.generateSecret';
import describeModules from '@salesforce/apex/CrmRoutingAdminController.describeModules';
import describeFields from '@salesforce/apex/CrmRoutingAdminController.describeFields';
import recentRequests from '@salesforce/apex/CrmRoutingAdminController.recentRequests';
import endpointPath from '@salesforce/apex/CrmRoutingAdminController.endpointPath';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Actions from '@salesforce/label/c.Actions';
import Add_row from '@salesforce/label/c.Add_row';
import CRM_Field_Name from '@salesforce/label/c.CRM_Field_Name';
import CRM_Module from '@salesforce/label/c.CRM_Module';
import CRM_Routing from '@salesforce/label/c.CRM_Routing';
import CRM_Settings from '@salesforce/label/c.CRM_Settings';
import CRM_To_Use from '@salesforce/label/c.CRM_To_Use';
import CRM_URL from '@salesforce/label/c.CRM_URL';
import CRM_custom from '@salesforce/label/c.CRM_custom';
import CRM_integration from '@salesforce/label/c.CRM_integration';
import Caller from '@salesforce/label/c.Caller';
import Cancel from '@salesforce/label/c.Cancel';
import Copy_the_header_into_the_PBX_rule_now_th from '@salesforce/label/c.Copy_the_header_into_the_PBX_rule_now_th';
import Custom_HTTP_header from '@salesforce/label/c.Custom_HTTP_header';
import DTMF_Lookup_Field from '@salesforce/label/c.DTMF_Lookup_Field';
import DTMF_none from '@salesforce/label/c.DTMF_none';
import Default_Destination from '@salesforce/label/c.Default_Destination';
import Default_destination from '@salesforce/label/c.Default_destination';
import Destination from '@salesforce/label/c.Destination';
import Destination_Option from '@salesforce/label/c.Destination_Option';
import Destination_queue from '@salesforce/label/c.Destination_queue';
import Destination_recording from '@salesforce/label/c.Destination_recording';
import Edit_name from '@salesforce/label/c.Edit_name';
import General from '@salesforce/label/c.General';
import Generate_secret from '@salesforce/label/c.Generate_secret';
import Greeting from '@salesforce/label/c.Greeting';
import Is_Voicemail from '@salesforce/label/c.Is_Voicemail';
import Loading_rules from '@salesforce/label/c.Loading_rules';
import Location from '@salesforce/label/c.Location';
import Mode from '@salesforce/label/c.Mode';
import Mode_decision from '@salesforce/label/c.Mode_decision';
import Mode_value from '@salesforce/label/c.Mode_value';
import New_CRM_routing_rule from '@salesforce/label/c.New_CRM_routing_rule';
import New_rule from '@salesforce/label/c.New_rule';
import No from '@salesforce/label/c.No';
import No_CRM_routing_rule_yet from '@salesforce/label/c.No_CRM_routing_rule_yet';
import No_rule_matches_search from '@salesforce/label/c.No_rule_matches_search';
import No_secret_yet from '@salesforce/label/c.No_secret_yet';
import Not_set from '@salesforce/label/c.Not_set';
import Operator from '@salesforce/label/c.Operator';
import Outcome from '@salesforce/label/c.Outcome';
import PBX_configuration from '@salesforce/label/c.PBX_configuration';
import Reason from '@salesforce/label/c.Reason';
import Recent_requests from '@salesforce/label/c.Recent_requests';
import Remove from '@salesforce/label/c.Remove';
import Remove_CRM_routing_rule from '@salesforce/label/c.Remove_CRM_routing_rule';
import Remove_rule_confirm from '@salesforce/label/c.Remove_rule_confirm';
import Requests_Per_Minute from '@salesforce/label/c.Requests_Per_Minute';
import Rule_Name from '@salesforce/label/c.Rule_Name';
import Rules from '@salesforce/label/c.Rules';
import Save from '@salesforce/label/c.Save';
import Search from '@salesforce/label/c.Search';
import Secret from '@salesforce/label/c.Secret';
import Secret_is_set from '@salesforce/label/c.Secret_is_set';
import Secret_placeholder from '@salesforce/label/c.Secret_placeholder';
import Site_domain_placeholder from '@salesforce/label/c.Site_domain_placeholder';
import The_PBX_asks_Salesforce_for_one_field_of from '@salesforce/label/c.The_PBX_asks_Salesforce_for_one_field_of';
import The_end_of_the_CRM_URL_lower_case_letter from '@salesforce/label/c.The_end_of_the_CRM_URL_lower_case_letter';
import The_extension_queue_or_IVR_number_calls from '@salesforce/label/c.The_extension_queue_or_IVR_number_calls';
import The_greeting_the_PBX_plays_to_collect_DT from '@salesforce/label/c.The_greeting_the_PBX_plays_to_collect_DT';
import URL_Name from '@salesforce/label/c.URL_Name';
import URL_name_placeholder from '@salesforce/label/c.URL_name_placeholder';
import Value from '@salesforce/label/c.Value';
import When from '@salesforce/label/c.When';
import When_the_caller_enters_digits_find_the_r from '@salesforce/label/c.When_the_caller_enters_digits_find_the_r';
import Yes from '@salesforce/label/c.Yes';

const LABELS = {
  Actions,
  Add_row,
  CRM_Field_Name,
  CRM_Module,
  CRM_Routing,
  CRM_Settings,
  CRM_To_Use,
  CRM_URL,
  CRM_custom,
  CRM_integration,
  Caller,
  Cancel,
  Copy_the_header_into_the_PBX_rule_now_th,
  Custom_HTTP_header,
  DTMF_Lookup_Field,
  DTMF_none,
  Default_Destination,
  Default_destination,
  Destination,
  Destination_Option,
  Destination_queue,
  Destination_recording,
  Edit_name,
  General,
  Generate_secret,
  Greeting,
  Is_Voicemail,
  Loading_rules,
  Location,
  Mode,
  Mode_decision,
  Mode_value,
  New_CRM_routing_rule,
  New_rule,
  No,
  No_CRM_routing_rule_yet,
  No_rule_matches_search,
  No_secret_yet,
  Not_set,
  Operator,
  Outcome,
  PBX_configuration,
  Reason,
  Recent_requests,
  Remove,
  Remove_CRM_routing_rule,
  Remove_rule_confirm,
  Requests_Per_Minute,
  Rule_Name,
  Rules,
  Save,
  Search,
  Secret,
  Secret_is_set,
  Secret_placeholder,
  Site_domain_placeholder,
  The_PBX_asks_Salesforce_for_one_field_of,
  The_end_of_the_CRM_URL_lower_case_letter,
  The_extension_queue_or_IVR_number_calls,
  The_greeting_the_PBX_plays_to_collect_DT,
  URL_Name,
  URL_name_placeholder,
  Value,
  When,
  When_the_caller_enters_digits_find_the_r,
  Yes,
};
// /Custom Labels

/** Operators of a row: picklist values of Operator__c and the symbols the seed's rule form shows. */
export const OPERATORS = [
  { label: '<', value: 'LT' },
  { label: '>', value: 'GT' },
  { label: '=', value: 'EQ' },
  { label: '<=', value: 'LE' },
  { label: '>=', value: 'GE' },
  { label: '!=', value: 'NE' },
  { label: 'contains', value: 'CONTAINS' },
];
const DESTINATIONS = [
  { label: LABELS.Destination_queue, value: 'Queue' },
  { label: 'IVR', value: 'IVR' },
  { label: LABELS.Destination_recording, value: 'Recording' },
];
const LOCATIONS = [
  { label: 'DID', value: 'DID' },
  { label: 'IVR', value: 'IVR' },
];
const CRMS = [
  { label: LABELS.CRM_custom, value: 'Custom_CRM' },
  { label: LABELS.CRM_integration, value: 'CRM_Integration' },
];
const MODES = [
  { label: LABELS.Mode_value, value: 'Value' },
  { label: LABELS.Mode_decision, value: 'Decision' },
];
const VOICEMAIL = [
  { label: LABELS.Yes, value: 'Yes' },
  { label: LABELS.No, value: 'No' },
  { label: LABELS.Not_set, value: 'Not_Set' },
];
const SECRET_HEADER = 'X-CRM-Routing-Secret';

let rowKey = 0;

function newRow(row = {}) {
  rowKey += 1;
  return {
    key: `row-${rowKey}`,
    operator: row.operator || 'EQ',
    value: row.value || '',
    destination: row.destination || 'Queue',
    option: row.option || '',
  };
}

function emptyRule() {
  return {
    id: null,
    name: '',
    urlName: '',
    module: 'Contact',
    fieldName: '',
    location: 'DID',
    greeting: '',
    dtmfField: '',
    crmToUse: 'Custom_CRM',
    mode: 'Value',
    defaultDestination: '',
    isVoicemail: 'Not_Set',
    requestsPerMinute: 60,
    hasSecret: false,
    secretGeneratedAt: null,
    rows: [newRow()],
  };
}

/** The message of an Apex or JavaScript error, for the page (never a stack). */
export function errorMessage(error) {
  if (error && error.body && typeof error.body.message === 'string') {
    return error.body.message;
  }
  if (error && typeof error.message === 'string') {
    return error.message;
  }
  return 'Something went wrong.';
}

/**
 * The CRM Routing tab (docs/contracts/crm-routing.md, "Admin API"; seed 002_dfbb423dce69a7d6.txt, PBXware
 * "CRM Routing"): the rules with search, edit and delete ("Are you sure you want to remove '<name>'?"), the rule
 * form (every field required but Greeting and DTMF Lookup Field), its rows (operator, value, destination, option;
 * first match wins), the CRM URL and header to type into the PBX, the one-time secret and the latest requests.
 * Talks only to CrmRoutingAdminController.
 */
export default class CrmRoutingRules extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  rules = [];
  search = '';
  loading = false;
  error = null;
  editing = null;
  formError = null;
  saving = false;
  modules = [];
  fields = { routable: [], dtmf: [], hasPhoneFields: false };
  path = '/services/apexrest/crm-routing/v1/rules/';
  secretHeader = null;
  requests = [];

  operatorOptions = OPERATORS;
  destinationOptions = DESTINATIONS;
  locationOptions = LOCATIONS;
  crmOptions = CRMS;
  modeOptions = MODES;
  voicemailOptions = VOICEMAIL;

  connectedCallback() {
    this.refresh();
    endpointPath()
      .then((path) => {
        this.path = path;
      })
      .catch(() => {
        // The default path stays; access errors show when the rules load.
      });
  }

  get filteredRules() {
    const text = this.search.trim().toLowerCase();
    const rules = text
      ? this.rules.filter((rule) =>
          [rule.name, rule.urlName, rule.fieldName, rule.location, rule.module].some(
            (value) => value && value.toLowerCase().includes(text),
          ),
        )
      : this.rules;
    return rules.map((rule) => ({
      ...rule,
      editLabel: `Edit ${rule.name}`,
      deleteLabel: `Delete ${rule.name}`,
      secretLabel: rule.hasSecret ? 'Yes' : 'Not yet',
    }));
  }

  get hasRules() {
    return this.filteredRules.length > 0;
  }

  get listMessage() {
    if (this.loading) {
      return LABELS.Loading_rules;
    }
    return this.search ? LABELS.No_rule_matches_search : LABELS.No_CRM_routing_rule_yet;
  }

  get isIvr() {
    return this.editing && this.editing.location === 'IVR';
  }

  get isNew() {
    return this.editing && !this.editing.id;
  }

  get formTitle() {
    return this.isNew ? LABELS.New_CRM_routing_rule : formatLabel(LABELS.Edit_name, this.editing.name);
  }

  get moduleOptions() {
    return this.modules.map((m) => ({ label: `${m.label} (${m.name})`, value: m.name }));
  }

  get fieldOptions() {
    return this.fields.routable.map((f) => ({ label: `${f.label} (${f.name})`, value: f.name }));
  }

  get dtmfOptions() {
    return [{ label: LABELS.DTMF_none, value: '' }].concat(
      this.fields.dtmf.map((f) => ({ label: `${f.label} (${f.name})`, value: f.name })),
    );
  }

  get crmUrl() {
    const name = (this.editing && this.editing.urlName) || LABELS.URL_name_placeholder;
    return `https://${LABELS.Site_domain_placeholder}${this.path}${name}`;
  }

  get headerLine() {
    return this.secretHeader || `${SECRET_HEADER}: ${LABELS.Secret_placeholder}`;
  }

  get secretState() {
    if (!this.editing || !this.editing.hasSecret) {
      return LABELS.No_secret_yet;
    }
    return LABELS.Secret_is_set;
  }

  get cannotGenerateSecret() {
    return !this.editing || !this.editing.id;
  }

  get hasRequests() {
    return this.requests.length > 0;
  }

  get rowsView() {
    return this.editing.rows.map((row, index) => ({
      ...row,
      number: index + 1,
      removeLabel: `Remove row ${index + 1}`,
    }));
  }

  get noMoreRows() {
    return this.editing.rows.length >= 50;
  }

  get cannotRemoveRow() {
    return this.editing.rows.length <= 1;
  }

  refresh() {
    this.loading = true;
    return listRules({ search: '' })
      .then((rules) => {
        this.rules = rules;
        this.error = null;
      })
      .catch((error) => {
        this.error = errorMessage(error);
      })
      .finally(() => {
        this.loading = false;
      });
  }

  handleSearch(event) {
    this.search = event.target.value || '';
  }

  handleNew() {
    this.openForm(emptyRule());
  }

  handleEdit(event) {
    const ruleId = event.currentTarget.dataset.id;
    return getRule({ ruleId })
      .then((rule) => {
        this.openForm({
          ...emptyRule(),
          ...rule,
          greeting: rule.greeting || '',
          dtmfField: rule.dtmfField || '',
          rows: (rule.rows || []).map((row) => newRow(row)),
        });
        return recentRequests({ ruleId });
      })
      .then((requests) => {
        this.requests = (requests || []).map((request, index) => ({ ...request, key: `request-${index}` }));
      })
      .catch((error) => {
        this.error = errorMessage(error);
      });
  }

  openForm(rule) {
    this.editing = rule;
    this.formError = null;
    this.secretHeader = null;
    this.requests = [];
    const modulesLoaded = this.modules.length
      ? Promise.resolve()
      : describeModules().then((modules) => {
          this.modules = modules;
        });
    return modulesLoaded
      .then(() => this.loadFields(rule.module))
      .catch((error) => {
        this.formError = errorMessage(error);
      });
  }

  loadFields(module) {
    if (!module) {
      this.fields = { routable: [], dtmf: [], hasPhoneFields: false };
      return Promise.resolve();
    }
    return describeFields({ module }).then((fields) => {
      this.fields = fields;
    });
  }

  handleCancel() {
    this.editing = null;
    this.secretHeader = null;
  }

  handleField(event) {
    const name = event.target.name;
    const value = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    const changes = { [name]: value };
    if (name === 'location' && value !== 'IVR') {
      changes.greeting = '';
      changes.dtmfField = '';
    }
    if (name === 'module') {
      changes.fieldName = '';
      changes.dtmfField = '';
    }
    this.editing = { ...this.editing, ...changes };
    if (name === 'module') {
      this.loadFields(value).catch((error) => {
        this.formError = errorMessage(error);
      });
    }
  }

  handleRowField(event) {
    const key = event.target.dataset.key;
    const name = event.target.name;
    const value = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    this.editing = {
      ...this.editing,
      rows: this.editing.rows.map((row) => (row.key === key ? { ...row, [name]: value } : row)),
    };
  }

  handleAddRow() {
    if (!this.noMoreRows) {
      this.editing = { ...this.editing, rows: [...this.editing.rows, newRow()] };
    }
  }

  handleRemoveRow(event) {
    const key = event.currentTarget.dataset.key;
    if (!this.cannotRemoveRow) {
      this.editing = { ...this.editing, rows: this.editing.rows.filter((row) => row.key !== key) };
    }
  }

  handleSave() {
    const inputs = [
      ...this.template.querySelectorAll('.crm-routing-form lightning-input, .crm-routing-form lightning-combobox'),
    ];
    const valid = inputs.reduce((ok, input) => input.reportValidity() !== false && ok, true);
    if (!valid) {
      this.formError = 'Fill in the required fields.';
      return Promise.resolve();
    }
    const rule = this.editing;
    const payload = {
      id: rule.id,
      name: rule.name,
      urlName: rule.urlName,
      module: rule.module,
      fieldName: rule.fieldName,
      location: rule.location,
      greeting: rule.location === 'IVR' ? rule.greeting : null,
      dtmfField: rule.location === 'IVR' ? rule.dtmfField : null,
      crmToUse: rule.crmToUse,
      mode: rule.mode,
      defaultDestination: rule.defaultDestination,
      isVoicemail: rule.isVoicemail,
      requestsPerMinute: rule.requestsPerMinute === '' ? null : Number(rule.requestsPerMinute),
      rows: rule.rows.map((row) => ({
        operator: row.operator,
        value: row.value,
        destination: row.destination,
        option: row.option,
      })),
    };
    this.saving = true;
    this.formError = null;
    return saveRule({ rule: JSON.stringify(payload) })
      .then((saved) => {
        this.editing = {
          ...emptyRule(),
          ...saved,
          greeting: saved.greeting || '',
          dtmfField: saved.dtmfField || '',
          rows: (saved.rows || []).map((row) => newRow(row)),
        };
        this.toast('Rule saved', `${saved.name} is saved.`, 'success');
        return this.refresh();
      })
      .catch((error) => {
        this.formError = errorMessage(error);
      })
      .finally(() => {
        this.saving = false;
      });
  }

  async handleDelete(event) {
    const ruleId = event.currentTarget.dataset.id;
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) {
      return;
    }
    const confirmed = await LightningConfirm.open({
      message: formatLabel(LABELS.Remove_rule_confirm, rule.name),
      label: LABELS.Remove_CRM_routing_rule,
      theme: 'warning',
    });
    if (!confirmed) {
      return;
    }
    try {
      await deleteRule({ ruleId });
      if (this.editing && this.editing.id === ruleId) {
        this.editing = null;
      }
      this.toast('Rule removed', `${rule.name} is removed.`, 'success');
      await this.refresh();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  handleGenerateSecret() {
    const ruleId = this.editing.id;
    return generateSecret({ ruleId })
      .then((result) => {
        this.secretHeader = result.header;
        this.editing = { ...this.editing, hasSecret: true, secretGeneratedAt: result.secretGeneratedAt };
        return this.refresh();
      })
      .catch((error) => {
        this.formError = errorMessage(error);
      });
  }

  toast(title, message, variant) {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
