import SoftphoneAdminSection from 'c/softphoneAdminSection';

/**
 * Agent phone: how calls are placed (browser web phone or RingOut), the ringer, and whether the call view closes on
 * hang up. Agents choose these themselves on
 * the softphone's Settings tab unless locked here; the value set here is their default (or the locked value).
 */
export default class SoftphoneAdminAgentPhone extends SoftphoneAdminSection {
  get deviceOptions() {
    return [
      { label: 'Browser (web phone)', value: 'browser' },
      { label: "RingOut (the agent's own phone rings first)", value: 'ringout' },
    ];
  }
}
