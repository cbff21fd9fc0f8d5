/**
 * Do-not-call's sentence — who is restricted and why (ADR 0031) — by code (ADR 0032, seventh amendment): the dial
 * prompt of a call and the Messages tab's Send refusal both show it. Each code has its parameters, in the order this
 * table declares them, and an English `message` (logs, tests, and the fallback). The UI shows the Custom Label
 * `Dnc_<CODE>` in the agent's language with `{0}`, `{1}`… filled from the parameters.
 *
 * This interface is the one source of the codes: the `ui-labels` check of `npm test` fails when a code has no
 * `Dnc_<CODE>` label of the `Softphone` category, or the label names a placeholder beyond the parameters.
 * @public
 */
export interface DoNotCallTextParams {
  /** The number is on the package's do-not-contact list (`Do_Not_Contact__c`) without a reason. */
  NUMBER_LISTED: readonly [number: string];
  /** …with the list's reason (`Reason__c`, as the admin typed it). */
  NUMBER_LISTED_BECAUSE: readonly [number: string, reason: string];
  /**
   * A record with Do Not Call checked; `object` is its object's label in the agent's language (`matchNumbers`
   * `objectLabel`), the API name from a server that sends none.
   */
  RECORD_MARKED: readonly [name: string, object: string];
  /** A person account with Do Not Call checked (`PersonDoNotCall`): the object reads "Person Account". */
  PERSON_ACCOUNT_MARKED: readonly [name: string];
}

/** A code of {@link DoNotCallTextParams}. @public */
export type DoNotCallTextCode = keyof DoNotCallTextParams;

/** Do-not-call's sentence: its code, its parameters and its English message. @public */
export interface DoNotCallText<C extends DoNotCallTextCode = DoNotCallTextCode> {
  readonly code: C;
  readonly params: DoNotCallTextParams[C];
  readonly message: string;
}

/** A {@link DoNotCallText}, typed by its code. @public */
export function doNotCallText<C extends DoNotCallTextCode>(
  code: C,
  message: string,
  ...params: DoNotCallTextParams[C]
): DoNotCallText<C> {
  return { code, params, message };
}
