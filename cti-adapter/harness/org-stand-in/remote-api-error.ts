/** Error codes of the remote API envelope (`docs/contracts/softphone-remote-api.md`, "Transport"). */
export type RemoteErrorCode = 'INVALID_INPUT' | 'NO_ACCESS' | 'NOT_FOUND' | 'LIMIT_EXCEEDED' | 'INTERNAL';

/** The `error` member of a failed envelope. */
export interface RemoteErrorBody {
  code: RemoteErrorCode;
  message: string;
  field: string | null;
}

/** An expected failure; endpoints turn it into `{ok:false, error}` instead of throwing to the client. */
export class RemoteApiError extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'RemoteApiError';
  }

  toBody(): RemoteErrorBody {
    return { code: this.code, message: this.message, field: this.field };
  }
}
