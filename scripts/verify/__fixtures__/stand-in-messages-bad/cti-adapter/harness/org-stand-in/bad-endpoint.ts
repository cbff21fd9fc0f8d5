// Known-bad sample of the stand-in-messages check: literal messages where the package's Apex reads a Custom Label.
declare function invalid(field: string, message: string): Error;
declare function systemLabel(name: string, ...values: (string | number)[]): string;
declare class RemoteApiError extends Error {
  constructor(code: string, message: string, field: string | null);
}
declare class RoutingError extends Error {
  constructor(code: string, message: string);
}
export function check(n: number, key: string): void {
  if (n > 10) throw new RemoteApiError('LIMIT_EXCEEDED', 'At most 10 numbers per request.', 'numbers');
  if (n < 0) throw invalid('numbers', `${key} must be at most 255 characters.`);
  if (n === 3) throw new RoutingError('INVALID_JSON', 'The body is not valid JSON.');
  if (n === 4) throw new RoutingError('INVALID_JSON', systemLabel('Apex_CrmRouting_body_unparsable'));
  if (n === 5) throw invalid('format', 'INVALID_FORMAT');
  if (n === 6) throw invalid('day', 'Expected a date.');
}
