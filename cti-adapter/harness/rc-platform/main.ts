/**
 * `npm run sim`: starts the RingCentral platform simulator and prints its URLs, the certificate's SPKI hash and
 * the seeded credentials. Environment: `RC_SIM_HOST` (127.0.0.1), `RC_SIM_HTTPS_PORT` (8443),
 * `RC_SIM_CONTROL_PORT` (8444), `RC_SIM_ACCESS_TOKEN_TTL` (seconds, 3600), `RC_SIM_SEED` (seed file),
 * `RC_SIM_QUIET=1` (no request log), `RC_SIM_PRINT_PEM=1` (print the certificate), and what RingCentral may do
 * with INVITEs (ADR 0028, sixth amendment; off unless set): `RC_SIM_REFORK_RINGING_MS` (fork a ringing call to a web
 * phone registered later, after that many ms) and `RC_SIM_DUPLICATE_INVITE_MS` (offer each call twice to a web phone,
 * the second INVITE after that many ms). Stops on SIGINT/SIGTERM.
 */
import { startRcPlatform, type RcPlatformHandle } from './index';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

export function describe(handle: RcPlatformHandle): string {
  const { urls, certificate, credentials } = handle;
  const lines = [
    'RingCentral platform simulator is running (loopback only).',
    '',
    `  SDK server          ${urls.server}`,
    `  SIP outbound proxy  ${urls.sipWss}          (wss://, subprotocol "sip")`,
    `  SIP backup proxy    ${urls.sipWssBackup}   (sip-provision outboundProxyBackup)`,
    `  Subscriptions       ${urls.subscriptionWss}`,
    `  Customer phone      ${urls.customerPhone}`,
    `  Control API         ${urls.control}            (GET / lists the endpoints)`,
    '',
    `  Certificate SPKI sha256 (base64): ${certificate.spkiSha256Base64}`,
    `  Chromium: --ignore-certificate-errors-spki-list=${certificate.spkiSha256Base64}`,
    `  Node:     NODE_EXTRA_CA_CERTS is not enough for a fresh cert each start; pass the PEM (RC_SIM_PRINT_PEM=1) or trust it per process.`,
    '',
    `  OAuth PKCE client   ${credentials.pkceClient.clientId} (public; redirect http(s)://localhost|127.0.0.1:*${credentials.pkceClient.redirectUriPath})`,
    `  OAuth JWT client    ${credentials.jwtClient.clientId} / ${credentials.jwtClient.clientSecret}`,
    '',
    '  Users:',
    ...credentials.users.flatMap((u) => [
      `    ${u.name} (ext ${u.extensionNumber}, id ${u.extensionId}, ${u.directNumber})  login ${u.email} / ${u.password}`,
      `      SIP ${u.sip.username} auth ${u.sip.authorizationId} / ${u.sip.password} @ ${u.sip.domain}`,
      `      JWT ${u.jwt}`,
    ]),
    '  Call queues:',
    ...credentials.queues.map(
      (q) =>
        `    ${q.name} (ext ${q.extensionNumber}, id ${q.extensionId}, ${q.directNumber}) members ${q.memberExtensionIds.join(', ')}`,
    ),
    '  Customer phones:',
    ...credentials.customers.map(
      (c) =>
        `    ${c.phoneNumber.padEnd(14)} ${c.callerIdName.padEnd(16)} SIP auth ${c.sip.authorizationId} / ${c.sip.password}`,
    ),
    '',
    `  Place a call: curl -X POST ${urls.control}/calls/inbound -H 'Content-Type: application/json' -d '{"from":"+16505550101","to":"101"}'`,
    '',
    'Press Ctrl+C to stop.',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const quiet = process.env.RC_SIM_QUIET === '1';
  const handle = await startRcPlatform({
    host: process.env.RC_SIM_HOST ?? '127.0.0.1',
    httpsPort: envInt('RC_SIM_HTTPS_PORT', 8443),
    controlPort: envInt('RC_SIM_CONTROL_PORT', 8444),
    accessTokenTtlSeconds: envInt('RC_SIM_ACCESS_TOKEN_TTL', 3600),
    ...(process.env.RC_SIM_SEED ? { seedFile: process.env.RC_SIM_SEED } : {}),
    reforkRingingAfterMs: process.env.RC_SIM_REFORK_RINGING_MS ? envInt('RC_SIM_REFORK_RINGING_MS', 0) : null,
    duplicateInviteAfterMs: process.env.RC_SIM_DUPLICATE_INVITE_MS ? envInt('RC_SIM_DUPLICATE_INVITE_MS', 0) : null,
    log: quiet ? () => undefined : (line) => console.log(`[sim] ${line}`),
  });
  console.log(describe(handle));
  if (process.env.RC_SIM_PRINT_PEM === '1') console.log(`\n${handle.certificate.pem}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the simulator…`);
    handle
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`rc-platform simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
