import type { RequestContext } from '../http/router';
import { RestError } from '../http/rest-error';

/**
 * Pages a list the way RingCentral list endpoints do: `page` (1-based, default 1) and `perPage` (default
 * `defaultPerPage`, max 1000), answering `{uri, records, paging, navigation}`.
 * @throws RestError 400 `CMN-101` for a non-positive or non-numeric `page`/`perPage`.
 */
export function paginate<T>(
  rc: RequestContext,
  baseUri: string,
  all: T[],
  defaultPerPage = 100,
): { uri: string; records: T[]; paging: Record<string, number>; navigation: Record<string, { uri: string }> } {
  const page = intParam(rc, 'page', 1);
  const perPage = Math.min(intParam(rc, 'perPage', defaultPerPage), 1000);
  const totalElements = all.length;
  const totalPages = Math.max(1, Math.ceil(totalElements / perPage));
  const start = (page - 1) * perPage;
  const records = all.slice(start, start + perPage);
  const pageUri = (p: number): string => {
    const url = new URL(baseUri + rc.url.search);
    url.searchParams.set('page', String(p));
    url.searchParams.set('perPage', String(perPage));
    return url.toString();
  };
  const navigation: Record<string, { uri: string }> = {
    firstPage: { uri: pageUri(1) },
    lastPage: { uri: pageUri(totalPages) },
  };
  if (page < totalPages) navigation.nextPage = { uri: pageUri(page + 1) };
  if (page > 1) navigation.previousPage = { uri: pageUri(page - 1) };
  return {
    uri: pageUri(page),
    records,
    paging: {
      page,
      totalPages,
      perPage,
      totalElements,
      ...(records.length ? { pageStart: start, pageEnd: start + records.length - 1 } : {}),
    },
    navigation,
  };
}

/** A positive integer query parameter. @throws RestError 400 when present but invalid. */
export function intParam(rc: RequestContext, name: string, fallback: number): number {
  const raw = rc.url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw RestError.invalidParameter(name, raw);
  return value;
}

/** A date-time query parameter (ISO 8601). @throws RestError 400 when present but unparsable. */
export function dateParam(rc: RequestContext, name: string): number | undefined {
  const raw = rc.url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Date.parse(raw);
  if (Number.isNaN(value)) throw RestError.invalidParameter(name, raw);
  return value;
}

/** An opaque sync token: base64url JSON `{s: sequence, k: kind, o: owner}`. */
export function encodeSyncToken(kind: string, owner: string, sequence: number): string {
  return Buffer.from(JSON.stringify({ k: kind, o: owner, s: sequence })).toString('base64url');
}

/** Decodes a sync token. @throws RestError 400 `CMN-101` when it is not one of ours for this owner/kind. */
export function decodeSyncToken(token: string, kind: string, owner: string): number {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: string;
      o?: string;
      s?: number;
    };
    if (value.k === kind && value.o === owner && typeof value.s === 'number') return value.s;
  } catch {
    // fall through
  }
  throw RestError.invalidParameter('syncToken', token);
}
