import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Browser stand-in for `blueimp-md5`, which `ringcentral-web-phone` imports only for the SIP Digest response of
 * REGISTER and INVITE (RFC 2617 / RFC 3261 §22.4: `MD5(HA1:nonce:HA2)` as lowercase hex). The bundle aliases the
 * module id `blueimp-md5` to this file: the same `md5(text)` → hex of the UTF-8 bytes, computed by `@noble/hashes`
 * (audited; its SHA-256 already ships for the SDK's PKCE, so MD5 adds only its round function), which keeps the
 * bundle within its 120 KB gzip budget. Checked against `blueimp-md5` by its tests.
 * @public
 */
export default function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}
