export function risky(code: string, value: unknown): boolean {
  eval(code);
  return value == null;
}
