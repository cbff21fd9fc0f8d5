import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Close_call_view_help from '@salesforce/label/c.Close_call_view_help';
import Device_RingOut_agent from '@salesforce/label/c.Device_RingOut_agent';
import Device_browser from '@salesforce/label/c.Device_browser';
import Device_other_agent from '@salesforce/label/c.Device_other_agent';
import Place_calls_with from '@salesforce/label/c.Place_calls_with';
import Ring_for_incoming_calls from '@salesforce/label/c.Ring_for_incoming_calls';
import Setting_closeCallViewOnHangUp from '@salesforce/label/c.Setting_closeCallViewOnHangUp';

const LABELS = {
  Close_call_view_help,
  Device_RingOut_agent,
  Device_browser,
  Device_other_agent,
  Place_calls_with,
  Ring_for_incoming_calls,
  Setting_closeCallViewOnHangUp,
};
// /Custom Labels

/**
 * Agent phone: where calls are — the browser's web phone, RingOut (outbound rings the agent's own phone first, inbound
 * on the web phone) or the agent's RingCentral app / desk phone (`otherDevice`: nothing registers in the browser, the
 * softphone follows, pops, logs and controls the calls there; ADR 0029) — the ringer, and whether the call view closes
 * on hang up. Agents choose these themselves on the softphone's Settings tab unless locked here; the value set here is
 * their default (or the locked value).
 */
export default class SoftphoneAdminAgentPhone extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get deviceOptions() {
    return [
      { label: LABELS.Device_browser, value: 'browser' },
      { label: LABELS.Device_RingOut_agent, value: 'ringout' },
      { label: LABELS.Device_other_agent, value: 'otherDevice' },
    ];
  }
}
