import { request } from 'node:https';
import type { OAuthAnswer, OAuthCallout, OAuthTransport } from './ringcentral-token-api';

/**
 * The org stand-in's "Apex callout" to RingCentral: a form POST over HTTPS (Node `https`), trusting the given CA
 * certificates (the simulator's self-signed one in the harness). Times out after 20 s like the Apex callout
 * (`RingCentralOAuthClient.TIMEOUT_MS`); a failure to connect rejects (the token API reads it as status 0).
 */
export function httpsOAuthTransport(options: { ca?: string[]; timeoutMs?: number } = {}): OAuthTransport {
  return (callout: OAuthCallout) =>
    new Promise<OAuthAnswer>((resolve, reject) => {
      const body = new URLSearchParams(callout.form).toString();
      const req = request(
        callout.url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
          ...(options.ca ? { ca: options.ca } : {}),
          timeout: options.timeoutMs ?? 20_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') headers[name] = value;
            }
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('RingCentral callout timed out')));
      req.on('error', reject);
      req.end(body);
    });
}

/** A transport for an org without RingCentral (the harness without the simulator): every callout fails. */
export const unreachableOAuthTransport: OAuthTransport = () =>
  Promise.reject(new Error('No RingCentral server is reachable from this org stand-in'));
