import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { TelephonyModel } from '../model/telephony-model';

/** Where `/customer-phone/` files come from. */
export interface CustomerPhoneSiteOptions {
  model: TelephonyModel;
  /** `host:port/sip`, given to the page's web phone as `sipInfo.outboundProxy`. */
  outboundProxy: string;
  /** Folder of `index.html` and `customer-phone.js` (default: `./static` beside this file). */
  staticDir?: string;
  /** `ringcentral-web-phone`'s browser build (default: resolved from node_modules). */
  webPhoneScript?: string;
}

/** Public shape of one seeded external number offered by the page's picker. */
export interface CustomerNumber {
  phoneNumber: string;
  callerIdName: string;
}

/**
 * Serves the "customer phone": a page that registers one seeded external number with `ringcentral-web-phone`
 * (`dist/index.iife.js`, served unchanged from node_modules) so a person or a test can call agents and answer
 * their calls with real audio. Routes (GET only, under `/customer-phone/`):
 * - `` / `index.html`: the page (`?number=+16505550101` picks the number, `&autostart=0` leaves it idle);
 * - `customer-phone.js`: the page script; `web-phone.js`: the web-phone IIFE;
 * - `numbers`: `CustomerNumber[]` (JSON);
 * - `sip-info?number=…`: `{ sipInfo, callerIdName }` for that number, in the `sip-provision` `sipInfo[]` shape.
 * Customer credentials are simulator-only seed data, never an account secret; the site listens on loopback only.
 */
export class CustomerPhoneSite {
  private readonly files: Map<string, { body: Buffer; type: string }>;

  constructor(private readonly options: CustomerPhoneSiteOptions) {
    const staticDir = options.staticDir ?? join(__dirname, 'static');
    const webPhoneScript =
      options.webPhoneScript ?? join(dirname(require.resolve('ringcentral-web-phone')), 'index.iife.js');
    const html = 'text/html; charset=utf-8';
    const js = 'text/javascript; charset=utf-8';
    this.files = new Map([
      ['', { body: readFileSync(join(staticDir, 'index.html')), type: html }],
      ['index.html', { body: readFileSync(join(staticDir, 'index.html')), type: html }],
      ['customer-phone.js', { body: readFileSync(join(staticDir, 'customer-phone.js')), type: js }],
      ['web-phone.js', { body: readFileSync(webPhoneScript), type: js }],
    ]);
  }

  /** Handles a request under `/customer-phone`; returns false (response untouched) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (url.pathname === '/customer-phone') {
      res.writeHead(301, { Location: `/customer-phone/${url.search}` }).end();
      return true;
    }
    if (!url.pathname.startsWith('/customer-phone/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.json(res, 405, { errorCode: 'CMN-405', message: 'Method not allowed' });
      return true;
    }
    const name = url.pathname.slice('/customer-phone/'.length);
    if (name === 'numbers') {
      this.json(res, 200, this.numbers());
      return true;
    }
    if (name === 'sip-info') {
      const number = url.searchParams.get('number') ?? '';
      const external = this.options.model.findExternalByNumber(number);
      if (!external) {
        this.json(res, 404, { errorCode: 'CMN-102', message: `Number ${number} is not a seeded customer phone` });
        return true;
      }
      const credentials = this.options.model.sipCredentialsForExternal(external.phoneNumber);
      this.json(res, 200, {
        callerIdName: external.callerIdName,
        phoneNumber: external.phoneNumber,
        sipInfo: {
          ...credentials,
          transport: 'WSS',
          outboundProxy: this.options.outboundProxy,
          outboundProxyBackup: this.options.outboundProxy,
          stunServers: [],
        },
      });
      return true;
    }
    const file = this.files.get(name);
    if (!file) {
      this.json(res, 404, { errorCode: 'CMN-102', message: `Not found: ${url.pathname}` });
      return true;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  }

  /** The seeded external numbers. */
  numbers(): CustomerNumber[] {
    return this.options.model.directory
      .externals()
      .map((e) => ({ phoneNumber: e.phoneNumber, callerIdName: e.callerIdName }));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(text);
  }
}
