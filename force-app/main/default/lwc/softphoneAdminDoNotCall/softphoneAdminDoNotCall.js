import SoftphoneAdminSection from 'c/softphoneAdminSection';

/**
 * Do not call (ADR 0031): what a do-not-call restriction does to the calls agents place and to the text messages they
 * send — nothing, a warning the agent confirms, or a block. The admin's rule, not an agent's choice: no locks.
 */
export default class SoftphoneAdminDoNotCall extends SoftphoneAdminSection {
  get callOptions() {
    return [
      { label: 'Off: call as usual', value: 'off' },
      { label: 'Warn: tell the agent why; the agent may call anyway', value: 'warn' },
      { label: 'Block: the call is not placed', value: 'block' },
    ];
  }

  get smsOptions() {
    return [
      { label: 'Off: send as usual', value: 'off' },
      { label: 'Warn: tell the agent why; the agent may send anyway', value: 'warn' },
      { label: 'Block: the message is not sent', value: 'block' },
    ];
  }
}
