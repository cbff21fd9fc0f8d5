import SoftphoneAdminSection from 'c/softphoneAdminSection';

/**
 * Logging: automatic logging of calls and of text messages (agent settings the admin can lock), "Delay auto call logging for" (RingCentral for
 * Salesforce's fix for "This record was modified by … during your edit session"), when an automatic log creates the
 * Task (ringing or answer), voicemail when busy, and the record created for an unknown caller.
 */
export default class SoftphoneAdminLogging extends SoftphoneAdminSection {
  get createOptions() {
    return [
      { label: 'When the call rings', value: 'ringing' },
      { label: 'When the call is answered', value: 'answer' },
    ];
  }

  get createValue() {
    return this.rows.saveOnRinging && this.rows.saveOnRinging.value ? 'ringing' : 'answer';
  }

  get placeholderOptions() {
    return [
      { label: 'Contact', value: 'Contact' },
      { label: 'Lead', value: 'Lead' },
    ];
  }

  get isLeadPlaceholder() {
    return this.rows.placeholderObject && this.rows.placeholderObject.value === 'Lead';
  }

  handleCreate(event) {
    this.change('saveOnRinging', event.detail.value === 'ringing');
  }

  handleDelay(event) {
    const text = `${event.detail.value ?? ''}`.trim();
    const seconds = Number(text);
    this.change('autoLogDelaySeconds', text === '' || !Number.isFinite(seconds) ? null : Math.trunc(seconds));
  }
}
