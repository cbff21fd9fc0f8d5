import { LightningElement, api } from 'lwc';
import { labels } from '../../labels';
import { eventRaiser } from '../../softphone-events';

/** One choice a {@link Typeahead} lists. @public */
export interface TypeaheadOption {
  /** Salesforce record (or user) id, raised back on a pick. */
  readonly id: string;
  /** The record's name, raised back on a pick. */
  readonly name: string;
  /** What the list shows for it (the name, or "Alex Agent (you)"). */
  readonly label: string;
  /** The weak second line: object and detail ("Opportunity · Initech"), a title; `''` for none. */
  readonly detail: string;
  /** The record's object (`Account`, `User`…), raised back on a pick; `null` when the parent does not need it. */
  readonly objectType: string | null;
}

/**
 * The events a {@link Typeahead} raises (ADR 0004: data down, events up), dispatched on the component itself, not
 * bubbling. Names are none of the native events of its `<input type="search">` (`search`, `input`, `change`), which
 * would reach the parent too in light DOM.
 * @public
 */
export interface TypeaheadEvents {
  /** The search field now reads `term` (as typed, `''` when emptied). */
  readonly termchange: { readonly term: string };
  /** The agent picked this option. */
  readonly optionpick: { readonly id: string; readonly name: string; readonly objectType: string | null };
  /** The agent removed the current choice (the pill's ✕). */
  readonly choiceremove: Readonly<Record<string, never>>;
}

const raiseTypeahead = eventRaiser<TypeaheadEvents>();

/**
 * A search-as-you-type field over records (ADR 0004: data down, events up), shared by the log form's Related To and
 * the follow-up Task's "Assigned to": the label (with the required mark when asked), the current choice as an SLDS
 * pill with a remove button, the search field, and the options the parent passes down as an SLDS listbox. It keeps no
 * state: the parent owns the term, runs the search and says what is chosen; the component raises `termchange`,
 * `optionpick` and `choiceremove` ({@link TypeaheadEvents}). Every text comes from the parent, already a Custom Label
 * (ADR 0032). The `…Class` properties add the parent's own classes (kept for its tests and e2e selectors) to the
 * SLDS ones.
 */
export default class Typeahead extends LightningElement {
  static override renderMode = 'light' as const;
  readonly labels = labels;
  /** The search field's id (the label points at it): unique in the page. */
  @api inputId = '';
  @api label = '';
  /** Shows the required mark before the label. */
  @api required = false;
  @api placeholder = '';
  /** The search field's text (the parent's). */
  @api term = '';
  /** The current choice as the pill shows it, `null` for none (no pill). */
  @api selected: string | null = null;
  /** The remove button's tooltip and its assistive text. */
  @api removeTitle = '';
  @api removeText = '';
  @api options: readonly TypeaheadOption[] = [];
  /** The listbox's accessible name. */
  @api listLabel = '';
  @api inputClass = '';
  @api pillClass = '';
  @api removeClass = '';
  @api listClass = '';
  @api optionClass = '';

  get hasOptions(): boolean {
    return (this.options ?? []).length > 0;
  }

  get inputClasses(): string {
    return classes('slds-input', this.inputClass);
  }

  get pillClasses(): string {
    return classes('slds-pill', this.pillClass);
  }

  get removeClasses(): string {
    return classes('slds-button slds-button_icon slds-pill__remove', this.removeClass);
  }

  get listClasses(): string {
    return classes('slds-listbox slds-listbox_vertical', this.listClass);
  }

  get optionClasses(): string {
    return classes('slds-button slds-media slds-listbox__option slds-p-around_xx-small', this.optionClass);
  }

  handleInput(event: Event): void {
    event.stopPropagation();
    raiseTypeahead(this, 'termchange', { term: (event.currentTarget as HTMLInputElement).value });
  }

  handlePick(event: Event): void {
    const { id, name, objectType } = (event.currentTarget as HTMLElement).dataset;
    if (!id) return;
    raiseTypeahead(this, 'optionpick', { id, name: name ?? '', objectType: objectType || null });
  }

  handleRemove(): void {
    raiseTypeahead(this, 'choiceremove', {});
  }
}

function classes(base: string, extra: string): string {
  return extra ? `${base} ${extra}` : base;
}
