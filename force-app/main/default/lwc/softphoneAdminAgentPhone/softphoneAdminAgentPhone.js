import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Device_RingOut_agent from '@salesforce/label/c.Device_RingOut_agent';
import Device_browser from '@salesforce/label/c.Device_browser';
import Place_calls_with from '@salesforce/label/c.Place_calls_with';
import Ring_for_incoming_calls from '@salesforce/label/c.Ring_for_incoming_calls';

const LABELS = { Device_RingOut_agent, Device_browser, Place_calls_with, Ring_for_incoming_calls };
// /Custom Labels

/**
 * Agent phone: how calls are placed (browser web phone or RingOut) and the ringer. Agents choose these themselves on
 * the softphone's Settings tab unless locked here; the value set here is their default (or the locked value).
 */
export default class SoftphoneAdminAgentPhone extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get deviceOptions() {
    return [
      { label: LABELS.Device_browser, value: 'browser' },
      { label: LABELS.Device_RingOut_agent, value: 'ringout' },
    ];
  }
}
