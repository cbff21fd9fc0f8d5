export function seconds(duration: number): string {
  const text: number = `${duration}s`;
  return String(text);
}
