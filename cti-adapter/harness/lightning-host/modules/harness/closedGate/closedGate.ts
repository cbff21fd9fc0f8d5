/**
 * A closed feature gate of the base components (`@salesforce/gate/…`, `gate.isOpen()`): stands for gates that are off
 * where components run in synthetic shadow, as in Lightning Experience. Used for
 * `bc.260.enableComboboxElementInternals`: element internals (`attachInternals`) are not supported in synthetic shadow,
 * so the combobox must not ask for them.
 */
export default { isOpen: (): boolean => false };
