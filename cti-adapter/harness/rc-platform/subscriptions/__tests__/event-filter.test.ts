import { parseEventFilter } from '../event-filter';

const exists = (id: string) => ['62264101', '62264102'].includes(id);
const parse = (filter: string) => parseEventFilter(filter, '37439510', '62264101', exists);

describe('parseEventFilter', () => {
  it('resolves ~ and keeps the query in the event path', () => {
    expect(parse('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true')).toEqual({
      original: '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
      event: '/restapi/v1.0/account/37439510/extension/62264101/presence?detailedTelephonyState=true&sipData=true',
      target: { kind: 'presence', extensionId: '62264101', detailed: true },
    });
    expect(parse('/restapi/v1.0/account/~/extension/~/telephony/sessions')).toMatchObject({
      target: { kind: 'telephony', extensionId: '62264101' },
    });
    expect(parse('/restapi/v1.0/account/37439510/telephony/sessions')).toMatchObject({
      target: { kind: 'telephony-account' },
    });
    expect(parse('/restapi/v1.0/account/~/extension/~/message-store?type=SMS')).toMatchObject({
      target: { kind: 'message-store', types: ['SMS'] },
    });
    expect(parse('/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS')).toMatchObject({
      target: { kind: 'instant-sms' },
    });
  });

  it("allows another extension's presence but not its calls or messages; refuses unknown filters", () => {
    expect(parse('/restapi/v1.0/account/~/extension/62264102/presence')).toMatchObject({
      target: { extensionId: '62264102' },
    });
    expect(parse('/restapi/v1.0/account/~/extension/62264102/telephony/sessions')).toMatch(/permissions/);
    expect(parse('/restapi/v1.0/account/~/extension/99/presence')).toMatch(/not found/);
    expect(parse('/restapi/v1.0/account/1/extension/~/presence')).toMatch(/another account/);
    expect(parse('/restapi/v1.0/account/~/extension/~/fax')).toMatch(/not supported/);
    expect(parse('/restapi/v1.0/glip/posts')).toMatch(/not supported/);
    expect(parse('/restapi/v1.0/account/~/extension/~/message-store/instant?type=Fax')).toMatch(/type=SMS/);
  });
});
