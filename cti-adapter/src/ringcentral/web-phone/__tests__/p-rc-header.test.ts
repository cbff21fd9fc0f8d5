import { parseRcApiCallInfo, parseRcApiIds, parseRcCallInfo } from '../p-rc-header';

describe('parseRcCallInfo (P-rc header)', () => {
  it('reads caller number, caller-ID name, called party and SID; decodes XML entities', () => {
    const header =
      '<Msg><Hdr SID="3529120176" Req="{D4F0}" From="#3529120176@sip.ringcentral.com:5060" To="16505550100" Cmd="6"/>' +
      '<Bdy SrvLvl="-149699523" SrvLvlExt="406" Phn="+16506666666" Nm="O&apos;NEIL &amp; SONS" ToPhn="+16504223279" ToNm="Agent Name" RecUrl=""/></Msg>';
    expect(parseRcCallInfo(header)).toEqual({
      callerNumber: '+16506666666',
      callerName: "O'NEIL & SONS",
      calledNumber: '+16504223279',
      calledName: 'Agent Name',
      sessionId: '3529120176',
    });
  });

  it('does not confuse ToPhn/ToNm with Phn/Nm and treats blanks as missing', () => {
    const header = '<Msg><Hdr SID="1"/><Bdy ToPhn="+1999" ToNm="X" Nm="  " Phn="+1888"/></Msg>';
    expect(parseRcCallInfo(header)).toMatchObject({ callerNumber: '+1888', callerName: null, calledNumber: '+1999' });
  });

  it('returns nulls for a missing or malformed header', () => {
    expect(parseRcCallInfo(undefined)).toEqual({
      callerNumber: null,
      callerName: null,
      calledNumber: null,
      calledName: null,
      sessionId: null,
    });
    expect(parseRcCallInfo('garbage').callerNumber).toBeNull();
  });
});

describe('parseRcApiIds (p-rc-api-ids header)', () => {
  it('reads party and telephony session ids in any order', () => {
    expect(parseRcApiIds('party-id=p-a1b2c3d4e5f6z-2;session-id=s-a1b2c3d4e5f6z')).toEqual({
      telephonySessionId: 's-a1b2c3d4e5f6z',
      partyId: 'p-a1b2c3d4e5f6z-2',
    });
    expect(parseRcApiIds('session-id=s-1; party-id=p-1-1')).toEqual({ telephonySessionId: 's-1', partyId: 'p-1-1' });
    expect(parseRcApiIds(undefined)).toEqual({ telephonySessionId: null, partyId: null });
  });
});

describe('parseRcApiCallInfo (p-rc-api-call-info header)', () => {
  it('reads the call queue and the DID of a queue call, decoding percent-escapes', () => {
    expect(
      parseRcApiCallInfo('callAttributes=reject,send-vm;queueName=Gold Queue;inDID=+16505550130;inDIDLabel=Line%3B 1'),
    ).toEqual({ queueName: 'Gold Queue', inDid: '+16505550130', inDidLabel: 'Line; 1' });
  });

  it('has no queue for a direct call, a missing header or a malformed escape', () => {
    expect(parseRcApiCallInfo('callAttributes=reject,send-vm')).toEqual({
      queueName: null,
      inDid: null,
      inDidLabel: null,
    });
    expect(parseRcApiCallInfo(undefined).queueName).toBeNull();
    expect(parseRcApiCallInfo('queueName=100%').queueName).toBe('100%');
  });
});
