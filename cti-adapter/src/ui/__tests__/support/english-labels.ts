/**
 * Jest set-up of the UI and engine projects: the softphone's labels in English (their master values, generated from
 * the Custom Labels), as the adapter page renders them for an `en_US` user, and the `en-US` locale in UTC.
 */
import { installLabels } from '../../labels';
import { ENGLISH_LABELS } from '../../labels.generated';
import { installLocale, userLocale } from '../../locale';

installLabels(ENGLISH_LABELS);
installLocale(userLocale({ language: 'en_US', locale: 'en_US', timeZone: 'UTC' }));
