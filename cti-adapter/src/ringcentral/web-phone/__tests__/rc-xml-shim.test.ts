import { XMLBuilder as RealBuilder, XMLParser as RealParser } from 'fast-xml-parser';
import { XMLBuilder, XMLParser } from '../rc-xml-shim';

// The exact options of ringcentral-web-phone 2.5.4's RcMessage.
const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  format: false,
  suppressEmptyNode: true,
};

const MESSAGES = [
  '<Msg><Hdr SID="35291201" Req="{D4F0-11}" From="#35291201@sip.ringcentral.com:5060" To="16505550100" Cmd="6"/>' +
    '<Bdy SrvLvl="-149699523" SrvLvlExt="406" Phn="+16506666666" Nm="WIRELESS CALLER" ToPhn="+16504223279" ToNm="Agent Name" RecUrl=""/></Msg>',
  '<Msg><Hdr SID="1" Req="" From="16505550100" To="#1@sip.ringcentral.com:5060" Cmd="17"/><Bdy Cln="802264101"/></Msg>',
  '<Msg><Hdr SID="9" Cmd="9"/><Bdy Sts="0" Resp="1" ExtNfo="O&apos;Neil &amp; Sons &lt;HQ&gt; &quot;1&quot;" Phn="+1" Nm="x"/></Msg>',
  '<Msg><Hdr SID="7" Cmd="7"/><Bdy Cln="802264101"></Bdy></Msg>',
];

describe('rc-xml-shim matches fast-xml-parser for RingCentral call-control messages', () => {
  it.each(MESSAGES)('parses %s like fast-xml-parser', (xml) => {
    expect(new XMLParser(OPTIONS).parse(xml)).toEqual(new RealParser(OPTIONS).parse(xml));
  });

  it.each([
    {
      Msg: {
        Hdr: { $: { SID: '1', Req: '', From: '#1@sip', To: '101', Cmd: '12' } },
        Bdy: { $: { Cln: '802264101' } },
      },
    },
    {
      Msg: {
        Hdr: { $: { SID: '2', Cmd: '14' } },
        Bdy: { $: { Cln: '8', RepTp: '0', Bdy: 'On my way & <soon> "ok" \'x\'' } },
      },
    },
    {
      Msg: {
        Hdr: { $: { SID: '3', Cmd: '10' } },
        Bdy: { $: { Cln: '8', FwdDly: '0', Phn: '+16505550110', PhnTp: '3' } },
      },
    },
  ])('builds %j like fast-xml-parser', (object) => {
    const built = new XMLBuilder(OPTIONS).build(object);
    expect(built).toBe(new RealBuilder(OPTIONS).build(object));
    expect(new XMLParser(OPTIONS).parse(built)).toEqual(object);
  });

  // Numeric character references: valid, outside Unicode, surrogates, forbidden controls, malformed, too long.
  const REFERENCES = [
    '&#65;',
    '&#x41;',
    '&#X1F600;',
    '&#x10FFFF;',
    '&#1114111;',
    '&#x110000;',
    '&#1114112;',
    '&#99999999;',
    '&#99999999999999999999;',
    '&#xFFFFFFFFFFFF;',
    '&#xD800;',
    '&#55296;',
    '&#xdfff;',
    '&#0;',
    '&#x0;',
    '&#8;',
    '&#x1F;',
    '&#9;',
    '&#10;',
    '&#xD;',
    '&#x7F;',
    '&#;',
    '&#x;',
    '&#-1;',
    '&#x-8;',
    '&#+8;',
    '&#12a;',
    '&#0x8;',
    `&#${'0'.repeat(30)}8;`,
    `&#${'0'.repeat(31)}8;`,
    '&AMP;',
    '&nbsp;',
    '&toString;',
    '&__proto__;',
    '&;',
    '&amp;#8;',
    '&a&amp;',
    'tail &#x110000',
  ];

  it.each(REFERENCES)('decodes the attribute value a%sb like fast-xml-parser', (reference) => {
    const xml = `<Msg><Hdr SID="1" Cmd="6"/><Bdy Nm="a${reference}b" Phn="+16505550100"/></Msg>`;
    expect(new XMLParser(OPTIONS).parse(xml)).toEqual(new RealParser(OPTIONS).parse(xml));
  });

  it('keeps references outside Unicode as written, drops surrogates and forbidden controls, never throws', () => {
    const parsed = new XMLParser(OPTIONS).parse(
      '<Msg><Bdy A="x&#x110000;y" B="&#99999999;" C="a&#xD800;b" D="a&#0;&#8;b" E="&#65;&#9;" F="O&apos;Neil"/></Msg>',
    );
    expect(parsed.Msg?.Bdy).toEqual({
      $: { A: 'x&#x110000;y', B: '&#99999999;', C: 'ab', D: 'ab', E: '&#65;&#9;', F: "O'Neil" },
    });
  });
});
