import metadata from 'libphonenumber-js/metadata.min.json';
import { phoneNumberMetadata } from '../../phone-number/phone-number-metadata';

// In a browser the number formats' lazy chunk (ADR 0018) arrives a moment after the start, long before most numbers
// are shown; tests start with it there, so a test reads the formatted numbers it always read. What happens before it
// arrives, or when it cannot load, is tested with a `PhoneNumberMetadata` of the test's own
// (`phone-number-metadata.test.ts`, `softphone-engine.lazy-phone-formats.test.ts`).
phoneNumberMetadata.use(metadata);
