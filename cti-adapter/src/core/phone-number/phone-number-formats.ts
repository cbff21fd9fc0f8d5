import metadata from 'libphonenumber-js/metadata.min.json';

/**
 * The lazy chunk of the number formats (ADR 0018): `libphonenumber-js`'s whole `min` metadata, which the first paint
 * has without its formats (`phone-metadata-parsing.generated.json`). Loaded by {@link PhoneNumberMetadata.load}.
 * @public
 */
export default metadata;
