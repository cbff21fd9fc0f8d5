import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Dnc_admin_intro from '@salesforce/label/c.Dnc_admin_intro';
import Dnc_call_block from '@salesforce/label/c.Dnc_call_block';
import Dnc_call_off from '@salesforce/label/c.Dnc_call_off';
import Dnc_call_warn from '@salesforce/label/c.Dnc_call_warn';
import Dnc_sms_block from '@salesforce/label/c.Dnc_sms_block';
import Dnc_sms_off from '@salesforce/label/c.Dnc_sms_off';
import Dnc_sms_warn from '@salesforce/label/c.Dnc_sms_warn';
import Setting_dncCallMode from '@salesforce/label/c.Setting_dncCallMode';
import Setting_dncSmsMode from '@salesforce/label/c.Setting_dncSmsMode';

const LABELS = {
  Dnc_admin_intro,
  Dnc_call_block,
  Dnc_call_off,
  Dnc_call_warn,
  Dnc_sms_block,
  Dnc_sms_off,
  Dnc_sms_warn,
  Setting_dncCallMode,
  Setting_dncSmsMode,
};
// /Custom Labels

/**
 * Do not call (ADR 0031): what a do-not-call restriction does to the calls agents place and to the text messages they
 * send — nothing, a warning the agent confirms, or a block. The admin's rule, not an agent's choice: no locks.
 */
export default class SoftphoneAdminDoNotCall extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;

  get callOptions() {
    return [
      { label: LABELS.Dnc_call_off, value: 'off' },
      { label: LABELS.Dnc_call_warn, value: 'warn' },
      { label: LABELS.Dnc_call_block, value: 'block' },
    ];
  }

  get smsOptions() {
    return [
      { label: LABELS.Dnc_sms_off, value: 'off' },
      { label: LABELS.Dnc_sms_warn, value: 'warn' },
      { label: LABELS.Dnc_sms_block, value: 'block' },
    ];
  }
}
