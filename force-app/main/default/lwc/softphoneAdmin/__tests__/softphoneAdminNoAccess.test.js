import { createElement } from 'lwc';
import SoftphoneAdmin from 'c/softphoneAdmin';
import getAdminSettings from '@salesforce/apex/SoftphoneAdminController.getAdminSettings';

// A user without the Softphone_Admin custom permission: the import is undefined, as on the platform.
jest.mock('@salesforce/customPermission/Softphone_Admin', () => ({ default: undefined }), { virtual: true });
jest.mock('@salesforce/apex/SoftphoneAdminController.getAdminSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});

describe('c-softphone-admin without the Softphone Admin permission set', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says "Insufficient privileges" and never calls the server', async () => {
    const element = createElement('c-softphone-admin', { is: SoftphoneAdmin });
    document.body.appendChild(element);
    await Promise.resolve();
    const message = element.shadowRoot.querySelector('.softphone-no-access');
    expect(message.textContent).toContain('Insufficient privileges');
    expect(message.textContent).toContain('Softphone Admin permission set');
    expect(element.shadowRoot.querySelector('c-softphone-admin-matching')).toBeNull();
    expect(getAdminSettings).not.toHaveBeenCalled();
  });
});
