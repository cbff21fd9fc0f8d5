/**
 * How the harness's Lightning host calls the package's `@AuraEnabled` Apex: every `@salesforce/apex/<Class>.<method>`
 * import of a component is compiled (`scripts/build/build-lightning-host.mjs`) into a function that calls
 * {@link callApex}, which posts `{classname, method, params}` to the console's `/console-api/apex` endpoint. The org
 * stand-in runs the method as the console's signed-in user (`org-stand-in/lightning-controllers.ts`).
 *
 * As on the platform, the call resolves with the method's return value and rejects with an error whose `body.message`
 * says why (a missing class access, an unknown method) — the shape components read (`error.body.message`).
 */

/** An Apex call that failed the way Lightning reports it. */
export interface ApexCallFailure {
  readonly body: { readonly message: string };
  readonly status: number;
  readonly statusText: string;
}

/** Calls `Class.method` with named parameters (an object, as `@salesforce/apex` methods take them). */
export async function callApex(classname: string, method: string, params: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch('/console-api/apex', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ classname, method, params: params ?? {} }),
    });
  } catch (e) {
    throw failure(0, 'Network error', e instanceof Error ? e.message : String(e));
  }
  const payload = (await response.json().catch(() => ({}))) as { returnValue?: unknown; message?: string };
  if (!response.ok) throw failure(response.status, response.statusText, payload.message ?? 'Apex call failed.');
  return payload.returnValue;
}

function failure(status: number, statusText: string, message: string): ApexCallFailure {
  return { body: { message }, status, statusText };
}

/**
 * A wire adapter over an Apex method (`@wire(apexMethod, params)`): emits `{data, error}` for each new configuration.
 */
export function apexWireAdapter(classname: string, method: string) {
  return class ApexWireAdapter {
    private connected = false;
    private config: unknown;
    constructor(private readonly emit: (value: { data: unknown; error: unknown }) => void) {}
    update(config: unknown): void {
      this.config = config;
      if (this.connected) this.load();
    }
    connect(): void {
      this.connected = true;
      if (this.config !== undefined) this.load();
    }
    disconnect(): void {
      this.connected = false;
    }
    private load(): void {
      callApex(classname, method, this.config).then(
        (data) => this.emit({ data, error: undefined }),
        (error: unknown) => this.emit({ data: undefined, error }),
      );
    }
  };
}
