/**
 * Checks of the shape of untrusted JSON (stored drafts and outbox entries): each {@link Shape} returns the value,
 * typed, with only the keys it knows, or throws a {@link ShapeError} naming the first bad path (`form.notes`).
 *
 * Written here rather than taken from a schema library: with valibot the softphone bundle measured 120.4 KB gzip, over
 * its 120 KB budget; these few checks keep it at 119.2 KB (ADR 0010).
 * @public
 */
export type Shape<T> = (value: unknown, path: string) => T;

/** The type a {@link Shape} checks. @public */
export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

/** A value that does not have the expected shape; `path` names where (`''` for the value itself). @public */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';

  constructor(
    readonly path: string,
    expected: string,
  ) {
    super(`${path ? `${path}: ` : ''}expected ${expected}`);
  }
}

function primitive<T>(type: string): Shape<T> {
  return (value, path) => {
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) throw new ShapeError(path, type);
    return value as T;
  };
}

/** Any string. @public */
export const string: Shape<string> = primitive('string');
/** A finite number. @public */
export const number: Shape<number> = primitive('number');
/** `true` or `false`. @public */
export const boolean: Shape<boolean> = primitive('boolean');

/** A non-empty string. @public */
export const nonEmpty: Shape<string> = (value, path) => {
  if (string(value, path) === '') throw new ShapeError(path, 'a non-empty string');
  return value as string;
};

/** `null`, or a value of `shape` (absent is not `null`). @public */
export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value, path) => (value === null ? null : shape(value, path));
}

/** `fallback` when the key is absent (a field added after the value was stored), else a value of `shape`. @public */
export function absentAs<T, F>(shape: Shape<T>, fallback: F): Shape<T | F> {
  return (value, path) => (value === undefined ? fallback : shape(value, path));
}

/** One of the given strings. @public */
export function oneOf<const V extends readonly string[]>(...values: V): Shape<V[number]> {
  return (value, path) => {
    if (!values.includes(value as string)) throw new ShapeError(path, values.join(' | '));
    return value as V[number];
  };
}

/** An array whose items have `shape`. @public */
export function array<T>(shape: Shape<T>): Shape<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'an array');
    return value.map((item, i) => shape(item, `${path}[${i}]`));
  };
}

/** An object whose values have `shape` (any keys). @public */
export function record<T>(shape: Shape<T>): Shape<Record<string, T>> {
  return (value, path) =>
    Object.fromEntries(Object.entries(plainObject(value, path)).map(([k, v]) => [k, shape(v, join(path, k))]));
}

/** An object with exactly these keys checked; other keys are left out of the result. @public */
export function object<S extends Record<string, Shape<unknown>>>(shapes: S): Shape<{ [K in keyof S]: ShapeOf<S[K]> }> {
  return (value, path) => {
    const source = plainObject(value, path);
    return Object.fromEntries(
      Object.entries(shapes).map(([key, shape]) => [key, shape(source[key], join(path, key))]),
    ) as { [K in keyof S]: ShapeOf<S[K]> };
  };
}

/** Checks `value`: the typed value, or why it does not have the shape. @public */
export function checkShape<T>(
  shape: Shape<T>,
  value: unknown,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string } {
  try {
    return { ok: true, value: shape(value, '') };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, reason: error.message };
    throw error;
  }
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(path, 'an object');
  return value as Record<string, unknown>;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
