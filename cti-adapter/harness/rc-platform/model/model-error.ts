/**
 * An error raised by the model for an impossible request. `status` is the HTTP status the REST layer
 * answers with; `errorCode` is the RingCentral error code (e.g. `CMN-102` resource not found,
 * `TAS-101` invalid call state), as listed in the RingCentral API error reference.
 */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
