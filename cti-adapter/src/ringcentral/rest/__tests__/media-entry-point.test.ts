import { mediaEntryPoint, recordingContentUri } from '../media-entry-point';

describe('mediaEntryPoint', () => {
  it.each([
    ['https://platform.ringcentral.com', 'https://media.ringcentral.com'],
    ['https://platform.ringcentral.com/', 'https://media.ringcentral.com'],
    ['https://platform.devtest.ringcentral.com', 'https://media.devtest.ringcentral.com'],
    ['https://Platform.RingCentral.biz/restapi', 'https://media.ringcentral.biz'],
  ])('serves the media of %s on %s', (server, media) => {
    expect(mediaEntryPoint(server)).toBe(media);
  });

  it('keeps the origin of a server of another name (the simulator serves its own media)', () => {
    expect(mediaEntryPoint('https://127.0.0.1:8443')).toBe('https://127.0.0.1:8443');
    expect(mediaEntryPoint('https://rc-proxy.example.test:9443/base')).toBe('https://rc-proxy.example.test:9443');
  });

  it('gives a server that is not an absolute URL back as it is (the sign-in fails on it, not this)', () => {
    expect(mediaEntryPoint('platform.ringcentral.com/')).toBe('platform.ringcentral.com');
  });
});

describe('recordingContentUri', () => {
  it('builds the absolute content link of a recording on the media entry point', () => {
    expect(recordingContentUri('https://media.ringcentral.com', '2175434004')).toBe(
      'https://media.ringcentral.com/restapi/v1.0/account/~/recording/2175434004/content',
    );
    expect(recordingContentUri('https://127.0.0.1:8443/', 'a/b')).toBe(
      'https://127.0.0.1:8443/restapi/v1.0/account/~/recording/a%2Fb/content',
    );
  });
});
