import { labels } from './labels';
import type { LabelName } from './labels.generated';

/** The Custom Label of each RingCentral phone number `usageType` the agent sees in a caller ID or sender choice. */
const USAGE_LABELS: Readonly<Record<string, LabelName>> = {
  DirectNumber: 'Usage_direct',
  MainCompanyNumber: 'Usage_company',
  CompanyNumber: 'Usage_company',
  AdditionalCompanyNumber: 'Usage_company',
  ForwardedNumber: 'Usage_forwarded',
  ForwardedCompanyNumber: 'Usage_forwarded',
  ContactCenterNumber: 'Usage_contact_center',
};

/**
 * A RingCentral phone number's `usageType` (RingCentral API reference, "List Extension Phone Numbers":
 * `DirectNumber`, `MainCompanyNumber`, …) in the agent's language: `Direct number`, `Company number`, `Forwarded
 * number`, `Contact center number`, else `Other number` — never the API value. Shared by the dialer's caller ID and
 * the Messages tab's sender choice.
 * @public
 */
export function usageTypeLabel(usageType: string): string {
  return labels[USAGE_LABELS[usageType] ?? 'Usage_other'];
}
