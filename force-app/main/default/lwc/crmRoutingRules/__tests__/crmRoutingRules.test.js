import { createElement } from 'lwc';
import CrmRoutingRules from 'c/crmRoutingRules';
import LightningConfirm from 'lightning/confirm';
import listRules from '@salesforce/apex/CrmRoutingAdminController.listRules';
import getRule from '@salesforce/apex/CrmRoutingAdminController.getRule';
import saveRule from '@salesforce/apex/CrmRoutingAdminController.saveRule';
import deleteRule from '@salesforce/apex/CrmRoutingAdminController.deleteRule';
import generateSecret from '@salesforce/apex/CrmRoutingAdminController.generateSecret';
import describeModules from '@salesforce/apex/CrmRoutingAdminController.describeModules';
import describeFields from '@salesforce/apex/CrmRoutingAdminController.describeFields';
import recentRequests from '@salesforce/apex/CrmRoutingAdminController.recentRequests';
import endpointPath from '@salesforce/apex/CrmRoutingAdminController.endpointPath';

jest.mock('lightning/confirm');
jest.mock('@salesforce/apex/CrmRoutingAdminController.listRules', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmRoutingAdminController.getRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmRoutingAdminController.saveRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmRoutingAdminController.deleteRule', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CrmRoutingAdminController.generateSecret', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CrmRoutingAdminController.describeModules', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CrmRoutingAdminController.describeFields', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CrmRoutingAdminController.recentRequests', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CrmRoutingAdminController.endpointPath', () => ({ default: jest.fn() }), {
  virtual: true,
});

const RULES = [
  {
    id: 'a0R000000000001AAA',
    name: 'Customer status',
    urlName: 'customer-status',
    fieldName: 'Customer_Status__c',
    location: 'DID',
    module: 'Contact',
    mode: 'Value',
    hasSecret: true,
  },
  {
    id: 'a0R000000000002AAA',
    name: 'Customer number',
    urlName: 'customer-number',
    fieldName: 'Customer_Status__c',
    location: 'IVR',
    module: 'Contact',
    mode: 'Decision',
    hasSecret: false,
  },
];
const DETAIL = {
  id: 'a0R000000000001AAA',
  name: 'Customer status',
  urlName: 'customer-status',
  module: 'Contact',
  fieldName: 'Customer_Status__c',
  location: 'DID',
  greeting: null,
  dtmfField: null,
  crmToUse: 'Custom_CRM',
  mode: 'Value',
  defaultDestination: '200',
  isVoicemail: 'Not_Set',
  requestsPerMinute: 60,
  hasSecret: true,
  rows: [{ order: 1, operator: 'EQ', value: 'GOLD', destination: 'Queue', option: '201' }],
};
const FIELDS = {
  routable: [{ name: 'Customer_Status__c', label: 'Customer Status', type: 'PICKLIST' }],
  dtmf: [{ name: 'Customer_Number__c', label: 'Customer Number', type: 'STRING' }],
  hasPhoneFields: true,
};

function flush() {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount() {
  const element = createElement('c-crm-routing-rules', { is: CrmRoutingRules });
  document.body.appendChild(element);
  await flush();
  return element;
}

function $(element, selector) {
  return element.shadowRoot.querySelector(selector);
}

function $$(element, selector) {
  return [...element.shadowRoot.querySelectorAll(selector)];
}

function change(input, value) {
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function openEdit(element) {
  $(element, 'lightning-button-icon.crm-routing-edit').click();
  await flush();
  await flush();
}

describe('c-crm-routing-rules', () => {
  beforeEach(() => {
    listRules.mockResolvedValue(RULES);
    getRule.mockResolvedValue(DETAIL);
    describeModules.mockResolvedValue([{ name: 'Contact', label: 'Contact' }]);
    describeFields.mockResolvedValue(FIELDS);
    recentRequests.mockResolvedValue([]);
    endpointPath.mockResolvedValue('/services/apexrest/crm-routing/v1/rules/');
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the rules and searches them by name, URL name or field', async () => {
    const element = await mount();
    expect($$(element, '.crm-routing-name').map((cell) => cell.textContent)).toEqual([
      'Customer status',
      'Customer number',
    ]);
    change($(element, '.crm-routing-search'), 'NUMBER');
    await flush();
    expect($$(element, '.crm-routing-name').map((cell) => cell.textContent)).toEqual(['Customer number']);
    change($(element, '.crm-routing-search'), 'nothing');
    await flush();
    expect($(element, '.crm-routing-empty').textContent).toBe('No rule matches the search.');
  });

  it('shows why the rules cannot be read', async () => {
    listRules.mockRejectedValue({ body: { message: 'CRM routing rules need the Softphone Admin permission set.' } });
    const element = await mount();
    expect($(element, '.crm-routing-error').textContent).toBe(
      'CRM routing rules need the Softphone Admin permission set.',
    );
  });

  it('creates a rule with its rows and saves it as the controller expects', async () => {
    saveRule.mockResolvedValue({ ...DETAIL, id: 'a0R000000000003AAA', name: 'Gold line' });
    const element = await mount();
    $(element, 'lightning-button.crm-routing-new').click();
    await flush();
    expect(describeFields).toHaveBeenCalledWith({ module: 'Contact' });
    const inputs = $$(element, '.crm-routing-form lightning-input');
    change(
      inputs.find((i) => i.name === 'name'),
      'Gold line',
    );
    change(
      inputs.find((i) => i.name === 'defaultDestination'),
      '200',
    );
    change(
      $$(element, 'lightning-combobox').find((c) => c.name === 'fieldName'),
      'Customer_Status__c',
    );
    const rowInputs = $$(element, '.crm-routing-rule-row lightning-input');
    change(
      rowInputs.find((i) => i.name === 'value'),
      'GOLD',
    );
    change(
      rowInputs.find((i) => i.name === 'option'),
      '201',
    );
    $(element, 'lightning-button.crm-routing-save').click();
    await flush();
    expect(saveRule).toHaveBeenCalledTimes(1);
    const payload = JSON.parse(saveRule.mock.calls[0][0].rule);
    expect(payload).toMatchObject({
      id: null,
      name: 'Gold line',
      module: 'Contact',
      fieldName: 'Customer_Status__c',
      location: 'DID',
      greeting: null,
      dtmfField: null,
      crmToUse: 'Custom_CRM',
      mode: 'Value',
      defaultDestination: '200',
      isVoicemail: 'Not_Set',
      requestsPerMinute: 60,
      rows: [{ operator: 'EQ', value: 'GOLD', destination: 'Queue', option: '201' }],
    });
    expect(listRules).toHaveBeenCalledTimes(2);
  });

  it("shows the controller's message when a rule cannot be saved", async () => {
    saveRule.mockRejectedValue({ body: { message: 'CRM Field Name: Description cannot route calls.' } });
    const element = await mount();
    await openEdit(element);
    $(element, 'lightning-button.crm-routing-save').click();
    await flush();
    expect($(element, '.crm-routing-form-error').textContent).toBe('CRM Field Name: Description cannot route calls.');
  });

  it('edits a rule: its rows, the CRM URL and header for the PBX, and its recent requests', async () => {
    recentRequests.mockResolvedValue([
      { createdDate: '2026-12-07T10:00:00.000Z', outcome: 'OK', statusCode: 200, callerNumber: '+16505550101' },
    ]);
    const element = await mount();
    await openEdit(element);
    expect(getRule).toHaveBeenCalledWith({ ruleId: 'a0R000000000001AAA' });
    expect($$(element, '.crm-routing-rule-row')).toHaveLength(1);
    expect($(element, '.crm-routing-url').textContent).toBe(
      'https://<your Site domain>/services/apexrest/crm-routing/v1/rules/customer-status',
    );
    expect($(element, '.crm-routing-header').textContent).toBe('X-CRM-Routing-Secret: <generate a secret>');
    expect($(element, '.crm-routing-requests').textContent).toContain('+16505550101');
  });

  it('keeps Greeting and DTMF Lookup Field to IVR rules', async () => {
    const element = await mount();
    await openEdit(element);
    const names = () =>
      $$(element, '.crm-routing-form lightning-input, .crm-routing-form lightning-combobox').map((i) => i.name);
    expect(names()).not.toContain('greeting');
    change(
      $$(element, 'lightning-combobox').find((c) => c.name === 'location'),
      'IVR',
    );
    await flush();
    expect(names()).toEqual(expect.arrayContaining(['greeting', 'dtmfField']));
    const dtmf = $$(element, 'lightning-combobox').find((c) => c.name === 'dtmfField');
    expect(dtmf.options.map((o) => o.value)).toEqual(['', 'Customer_Number__c']);
  });

  it('adds and removes rows, keeping at least one', async () => {
    const element = await mount();
    await openEdit(element);
    $(element, 'lightning-button.crm-routing-add-row').click();
    await flush();
    expect($$(element, '.crm-routing-rule-row')).toHaveLength(2);
    $$(element, 'lightning-button-icon.crm-routing-remove-row')[0].click();
    await flush();
    expect($$(element, '.crm-routing-rule-row')).toHaveLength(1);
    expect($(element, 'lightning-button-icon.crm-routing-remove-row').disabled).toBe(true);
  });

  it('asks "Are you sure you want to remove \'<name>\'?" and deletes only when confirmed', async () => {
    LightningConfirm.open.mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    deleteRule.mockResolvedValue(undefined);
    const element = await mount();
    $(element, 'lightning-button-icon.crm-routing-delete').click();
    await flush();
    expect(LightningConfirm.open).toHaveBeenCalledWith(
      expect.objectContaining({ message: "Are you sure you want to remove 'Customer status'?" }),
    );
    expect(deleteRule).not.toHaveBeenCalled();
    $(element, 'lightning-button-icon.crm-routing-delete').click();
    await flush();
    await flush();
    expect(deleteRule).toHaveBeenCalledWith({ ruleId: 'a0R000000000001AAA' });
  });

  it('shows a generated secret once, as the header line for the PBX', async () => {
    generateSecret.mockResolvedValue({
      secret: 'abc',
      header: 'X-CRM-Routing-Secret: abc',
      secretGeneratedAt: '2026-12-07T10:00:00.000Z',
    });
    const element = await mount();
    await openEdit(element);
    $(element, 'lightning-button.crm-routing-generate').click();
    await flush();
    expect(generateSecret).toHaveBeenCalledWith({ ruleId: 'a0R000000000001AAA' });
    expect($(element, '.crm-routing-header').textContent).toBe('X-CRM-Routing-Secret: abc');
    expect($(element, '.crm-routing-secret-once')).not.toBeNull();
    $(element, 'lightning-button.crm-routing-cancel').click();
    await flush();
    await openEdit(element);
    expect($(element, '.crm-routing-header').textContent).toBe('X-CRM-Routing-Secret: <generate a secret>');
  });
});
