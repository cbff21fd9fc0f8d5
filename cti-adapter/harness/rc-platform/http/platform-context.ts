import type { ResolvedOptions } from '../config';
import type { FaultPlan } from '../control/fault-plan';
import type { DeskPhonePort, InboundCallPort } from '../model/ports';
import type { TelephonyModel } from '../model/telephony-model';
import type { TokenStore } from '../oauth/token-store';

/** Shared state the HTTP handlers work on. */
export interface PlatformContext {
  model: TelephonyModel;
  tokens: TokenStore;
  faults: FaultPlan;
  options: ResolvedOptions;
  /** `https://127.0.0.1:PORT` once listening. */
  serverUrl(): string;
  log: (line: string) => void;
  /** The agents' simulated desk phones, once the SIP side is attached (Call Control party commands act on them). */
  deskPhones?: () => DeskPhonePort | undefined;
  /** Call Control on an extension's web phone party, once the SIP side is attached (`InboundCallPort`). */
  webPhoneCommand?: () => InboundCallPort['webPhoneCommand'];
}
