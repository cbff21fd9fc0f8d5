import { OrgStandIn } from '../org-stand-in';
import { SEALING_KEY_ROW, SEALING_KEY_SETTING } from '../sealing-keys';

const credential = {
  login: 'login-1',
  s: 'https://platform.ringcentral.com',
  c: 'client-1',
  w: '101',
  sc: null,
  t: 'bearer',
  a: 'access-1',
  ax: Date.now() + 3_600_000,
  r: 'refresh-1',
  rx: Date.now() + 86_400_000,
};

describe('the sealing key of the RingCentral sign-in in the org stand-in', () => {
  it('is created once, as the row default of Token_Sealing_Key__c, and kept', () => {
    const org = new OrgStandIn();
    expect(org.store.listSetting(SEALING_KEY_SETTING, SEALING_KEY_ROW)).toBeUndefined();
    const key = org.tokens.sealingKey();
    expect(key).toHaveLength(32);
    expect(org.tokens.sealingKey().equals(key)).toBe(true);
    expect(org.store.storedListSettings()).toEqual({
      Token_Sealing_Key__c: [{ Name: 'default', Secret__c: key.toString('base64') }],
    });
  });

  it('is stored under the namespaced names in an org with the namespace rcsp, and refused unprefixed', () => {
    const org = new OrgStandIn({ namespace: 'rcsp' });
    const key = org.tokens.sealingKey();
    expect(org.store.storedListSettings()).toEqual({
      rcsp__Token_Sealing_Key__c: [{ Name: 'default', rcsp__Secret__c: key.toString('base64') }],
    });
    // Read back by local names, as Apex reads its own setting inside the namespace.
    expect(org.store.listSetting(SEALING_KEY_SETTING, SEALING_KEY_ROW)).toEqual({
      Name: 'default',
      Secret__c: key.toString('base64'),
    });
    expect(() => org.store.insertListSetting(SEALING_KEY_SETTING, { Name: 'other', Secret__c: 'x' })).toThrow(
      "No such column 'Secret__c' on entity 'Token_Sealing_Key__c': in namespace rcsp it is 'rcsp__Secret__c'",
    );
  });

  it('keeps the first key when a second first sign-in races it, and a dropped key ends every sealed credential', async () => {
    const org = new OrgStandIn();
    const first = org.tokens.sealingKey();
    expect(org.store.insertListSetting(SEALING_KEY_SETTING, { Name: SEALING_KEY_ROW, Secret__c: 'AAAA' })).toBe(false);
    expect(org.tokens.sealingKey().equals(first)).toBe(true);
    const user = org.users.agent.Id;
    org.setLogin(user, 'login-1');
    const sealed = org.tokens.sealFor({ ...credential, u: user });
    const fresh = await org.tokens.invoke('refreshRingCentralToken', { sealed }, user);
    expect(fresh).toMatchObject({ ok: true, token: { accessToken: 'access-1' } });
    org.tokens.dropSealingKey();
    const ended = await org.tokens.invoke('refreshRingCentralToken', { sealed }, user);
    expect(ended).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } });
  });
});
