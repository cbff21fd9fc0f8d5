/**
 * Where RingCentral serves media: call recording content is read from the media entry point, not from the API server
 * the softphone signs in to (RingCentral API Reference, "Get Call Recording Content": called on the media entry point,
 * e.g. `https://media.ringcentral.com`; RingCentral Developer Guide, "Working with media content"). The call log's
 * `recording.contentUri` is such an absolute link; a recording the agent starts on a web-phone call is known only by
 * its id (JSON INFO `startcallrecord` answer), so its link is built here the same way.
 */

/** Path of a call recording's content below the media entry point (`~` = the signed-in account). */
const RECORDING_CONTENT_PATH = '/restapi/v1.0/account/~/recording/';

/**
 * The media entry point of a RingCentral server: the host `platform.<domain>` serves its media on `media.<domain>`
 * (`https://platform.ringcentral.com` → `https://media.ringcentral.com`, the sandbox `platform.devtest.ringcentral.com`
 * → `media.devtest.ringcentral.com`, AT&T Office@Hand `platform.ringcentral.biz` → `media.ringcentral.biz`). A server
 * of another name (the local simulator, a proxy) serves media on its own origin.
 * @param server the RingCentral server URL the session signs in to
 * @returns an origin without a trailing slash, e.g. `https://media.ringcentral.com`; a `server` that is not an
 * absolute URL comes back as it is, without trailing slashes (signing in to it fails first)
 * @public
 */
export function mediaEntryPoint(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return server.trim().replace(/\/+$/, '');
  }
  if (url.hostname.toLowerCase().startsWith('platform.'))
    url.hostname = `media.${url.hostname.slice('platform.'.length)}`;
  return url.origin;
}

/**
 * The absolute content link of a call recording, as the call log's `recording.contentUri` has it: what the softphone
 * stores in `Recording_Information__c` (the package's validation rule accepts RingCentral media links only).
 * @param media the media entry point ({@link mediaEntryPoint})
 * @param recordingId the recording id the platform gave
 * @returns e.g. `https://media.ringcentral.com/restapi/v1.0/account/~/recording/123/content`
 * @public
 */
export function recordingContentUri(media: string, recordingId: string): string {
  return `${media.replace(/\/+$/, '')}${RECORDING_CONTENT_PATH}${encodeURIComponent(recordingId)}/content`;
}
