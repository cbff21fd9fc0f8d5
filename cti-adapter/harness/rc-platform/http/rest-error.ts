/**
 * An error answered in RingCentral's REST error shape
 * `{errorCode, message, errors: [{errorCode, message, parameterName?}]}` (RingCentral API reference, "Errors";
 * `@ringcentral/sdk` reads `message`). OAuth endpoints use the OAuth shape instead, see {@link RestError.oauth}.
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: { parameterName?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) {
    super(message);
    this.name = 'RestError';
  }

  /** OAuth error (`{error, error_description, errors:[{errorCode, message}]}`), as `/restapi/oauth/*` answers. */
  static oauth(status: number, error: string, errorCode: string, description: string): RestError {
    return new RestError(status, errorCode, description, {
      body: { error, error_description: description, errors: [{ errorCode, message: description }] },
    });
  }

  static notFound(what = 'Resource'): RestError {
    return new RestError(404, 'CMN-102', `${what} is not found`);
  }

  static invalidParameter(name: string, value?: unknown): RestError {
    return new RestError(
      400,
      'CMN-101',
      `Parameter [${name}] value${value === undefined ? '' : ` [${String(value)}]`} is invalid`,
      {
        parameterName: name,
      },
    );
  }

  /** The JSON body to send. */
  body(): unknown {
    if (this.extra.body !== undefined) return this.extra.body;
    const detail = {
      errorCode: this.errorCode,
      message: this.message,
      ...(this.extra.parameterName ? { parameterName: this.extra.parameterName } : {}),
    };
    return { errorCode: this.errorCode, message: this.message, errors: [detail] };
  }
}

/** Standard failure bodies the control API can inject (status → error code and message as the API returns them). */
export function injectedError(status: number): RestError {
  switch (status) {
    case 401:
      return new RestError(401, 'TokenInvalid', 'Token not found', {
        body: {
          errorCode: 'TokenInvalid',
          message: 'Token not found',
          errors: [{ errorCode: 'OAU-213', message: 'Token not found' }],
        },
      });
    case 403:
      return new RestError(
        403,
        'CMN-408',
        'In order to call this API endpoint, user needs to have [ReadCallLog] permission for requested resource.',
      );
    case 404:
      return RestError.notFound();
    case 429:
      return new RestError(429, 'CMN-301', 'Request rate exceeded', { headers: { 'Retry-After': '1' } });
    case 500:
      return new RestError(500, 'CMN-201', 'Service Temporary Unavailable');
    case 502:
      return new RestError(502, 'CMN-201', 'Bad Gateway');
    case 503:
      return new RestError(503, 'CMN-211', 'Service temporary unavailable', { headers: { 'Retry-After': '1' } });
    case 504:
      return new RestError(504, 'CMN-201', 'Gateway Timeout');
    default:
      return new RestError(status, 'CMN-201', `Injected failure ${status}`);
  }
}
