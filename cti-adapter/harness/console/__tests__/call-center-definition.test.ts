import { join } from 'node:path';
import { adapterPathOf, loadCallCenter, parseCallCenter } from '../call-center-definition';

const REPO = join(__dirname, '..', '..', '..', '..');

describe('call center definition', () => {
  it('flattens the package call center into getCallCenterSettings keys', () => {
    const cc = loadCallCenter(join(REPO, 'force-app/main/default/callCenters'));
    expect(cc.file).toMatch(/\.callCenter-meta\.xml$/);
    expect(cc.adapterPath).toBe('/apex/OpenCTIIndex');
    expect(cc.settings['/reqGeneralInfo/reqAdapterUrl']).toBe('/apex/OpenCTIIndex');
    expect(cc.standbyPath).toBe(
      cc.settings['/reqGeneralInfo/reqStandbyUrl'] ? adapterPathOf(cc.settings['/reqGeneralInfo/reqStandbyUrl']) : null,
    );
    expect(Object.keys(cc.settings).every((k) => /^\/\w+\/\w+$/.test(k))).toBe(true);
  });

  it('reduces absolute namespaced adapter URLs to the page path and reads standby and timeout', () => {
    const cc = parseCallCenter(
      `<CallCenter><adapterUrl>https://acme--ns.vf.force.com/apex/ns__OpenCTIIndex?x=1</adapterUrl><displayName>P</displayName>
       <sections><name>reqGeneralInfo</name><items><name>reqStandbyUrl</name><value>/apex/Standby</value></items>
       <items><name>reqTimeout</name><value>2500</value></items></sections>
       <sections><name>custom</name><items><name>empty</name><value/></items></sections></CallCenter>`,
      '/x/My_Center.callCenter-meta.xml',
    );
    expect(cc).toMatchObject({
      adapterPath: '/apex/OpenCTIIndex?x=1',
      standbyPath: '/apex/Standby',
      timeoutMs: 2500,
      displayName: 'P',
    });
    expect(cc.settings).toMatchObject({
      '/reqGeneralInfo/reqAdapterUrl': 'https://acme--ns.vf.force.com/apex/ns__OpenCTIIndex?x=1',
      '/reqGeneralInfo/reqInternalName': 'My_Center',
      '/custom/empty': '',
    });
  });

  it('has no standby swap without both reqStandbyUrl and reqTimeout, and refuses another root element', () => {
    expect(parseCallCenter('<CallCenter><adapterUrl>/apex/A</adapterUrl></CallCenter>', null).timeoutMs).toBeNull();
    expect(() => parseCallCenter('<callCenter/>', null)).toThrow(/<CallCenter>/);
  });
});
