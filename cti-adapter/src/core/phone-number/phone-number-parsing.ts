import metadata from './phone-metadata-parsing.generated.json';

/**
 * The lazy chunk of the parsing metadata (ADR 0018, amendment "first paint: the number rules are a lazy chunk"):
 * `libphonenumber-js`'s `min` metadata without the fields only formatting reads
 * (`phone-metadata-parsing.generated.json`, written by `scripts/build/generate-phone-metadata.ts`). Requested by the
 * engine as the bundle starts; the web phone registers only once it is here (or its load failed). Loaded by
 * {@link PhoneNumberMetadata.whenReady}.
 * @public
 */
export default metadata;
