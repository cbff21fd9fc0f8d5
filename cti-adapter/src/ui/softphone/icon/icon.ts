import { LightningElement, api } from 'lwc';
import { iconHref } from '../../icons';

/**
 * An SLDS utility icon from the SLDS sprite (`icons.ts`), sized for a button (`slds-button__icon`, the default, as in
 * `slds-button_icon` and icon-left buttons) or for text (`slds-icon slds-icon-text-default`). Decorative: the button
 * or text next to it carries the label (`slds-assistive-text` for icon-only buttons).
 */
export default class Icon extends LightningElement {
  static override renderMode = 'light' as const;
  /** Utility icon name in the sprite: `call`, `end_call`, `muted`, `pause`, `keypad`, `record`, `close`, … */
  @api name = '';
  /** `button` (default), `button-left` (before a label), `large` (a bigger button glyph), `text`. */
  @api variant = 'button';
  /** `small` for SLDS's `_small` size of the variant. */
  @api size = '';

  get href(): string {
    return iconHref(this.name);
  }

  get svgClass(): string {
    switch (this.variant) {
      case 'button-left':
        return 'slds-button__icon slds-button__icon_left';
      case 'large':
        return 'slds-button__icon slds-button__icon_large';
      case 'text':
        return `slds-icon slds-icon-text-default${this.size === 'small' ? ' slds-icon_x-small' : ' slds-icon_xx-small'}`;
      default:
        return `slds-button__icon${this.size === 'small' ? ' slds-button__icon_small' : ''}`;
    }
  }
}
