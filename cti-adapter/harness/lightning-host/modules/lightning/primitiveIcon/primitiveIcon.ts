import { LightningElement, api } from 'lwc';

/**
 * `lightning/primitiveIcon` of the harness's Lightning host: the SVG of `lightning-icon` and `lightning-button-icon`
 * drawn from the SLDS sprite files (`/slds/icons/<category>-sprite/svg/symbols.svg#<name>`, served by the console from
 * `@salesforce-ux/design-system`), the same SVGs the base components otherwise inline per category. Stands in for
 * the base components' version, which imports several megabytes of compiled icon templates.
 */
export default class PrimitiveIcon extends LightningElement {
  @api src: string | undefined;
  @api svgClass: string | undefined;
  @api size: string | undefined;
  @api variant: string | undefined;
  @api iconName: string | undefined;

  get href(): string {
    if (this.src) return this.src;
    const match = /^([a-zA-Z]+):([a-zA-Z]\w*)$/.exec(this.iconName ?? '');
    return match ? `/slds/icons/${match[1]}-sprite/svg/symbols.svg#${match[2]}` : '';
  }

  get computedClass(): string {
    const classes = [this.svgClass ?? ''];
    if (this.variant !== 'bare') classes.push('slds-icon');
    const tone: Record<string, string> = {
      error: 'slds-icon-text-error',
      warning: 'slds-icon-text-warning',
      success: 'slds-icon-text-success',
    };
    if (this.variant && tone[this.variant]) classes.push(tone[this.variant]!);
    else if (this.variant !== 'inverse' && this.variant !== 'bare' && !this.src) classes.push('slds-icon-text-default');
    if (this.size && this.size !== 'medium') classes.push(`slds-icon_${this.size}`);
    return classes.filter(Boolean).join(' ');
  }
}
