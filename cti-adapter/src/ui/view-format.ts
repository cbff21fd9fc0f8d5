import type { CallView } from '../core/engine/softphone-state';

/** `m:ss` / `h:mm:ss` from milliseconds (negative → `0:00`). @public */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The number to show for a call: national display when normalized, else as received. @public */
export function displayNumber(view: Pick<CallView, 'phone' | 'call'>): string {
  if (view.phone) return view.phone.country === 'US' ? view.phone.nationalDisplay : view.phone.display;
  return view.call.remoteNumber || 'Unknown number';
}

/** Human label of a record type for the agent (`Contact`, `Lead`, `Person Account`, …). @public */
export function objectLabel(objectType: string, isPersonAccount = false): string {
  if (isPersonAccount) return 'Person Account';
  return objectType.replace(/__c$/, '').replace(/_/g, ' ');
}

/** Error text for the agent from anything thrown. @public */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong. Try again.';
}
