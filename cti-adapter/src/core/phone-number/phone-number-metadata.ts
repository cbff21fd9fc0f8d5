import type { MetadataJson } from 'libphonenumber-js/core';
import parsingMetadata from './phone-metadata-parsing.generated.json';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';

/** Loads the whole metadata, formats included (default: the dynamic `import()` of its lazy chunk). @public */
export type PhoneFormatsLoader = () => Promise<MetadataJson>;

/**
 * The `libphonenumber-js` metadata the softphone parses and formats numbers with (ADR 0018, amendment "the number
 * formats load after the first paint"). The first paint has the `min` metadata without the fields only formatting
 * reads (`phone-metadata-parsing.generated.json`, written by `scripts/build/generate-phone-metadata.ts`): parsing,
 * E.164, the country, the possible lengths and validity are the same as with the whole metadata, so matching, the
 * screen pop and click-to-dial never wait. The whole `min` metadata (`phone-number-formats.ts`, ≈ 9 KB gzip more)
 * arrives in a lazy chunk; from then on numbers are formatted (`+44 20 7946 0104`, `(650) 555-0101`) and
 * `formats-loaded` tells whoever shows numbers to show them again.
 *
 * Before it arrives (or while it cannot load) a number's display forms are its unformatted international form
 * (`+44 2079460104`): right, only not grouped. A failed load is forgotten; the next {@link load} tries again.
 * @public
 */
export class PhoneNumberMetadata {
  private whole: MetadataJson | null = null;
  private loading: Promise<void> | null = null;
  private readonly events = new TypedEmitter<{ 'formats-loaded': undefined }>();

  constructor(private readonly importFormats: PhoneFormatsLoader = defaultImportFormats) {}

  /** The metadata to use now: the whole one once loaded, else the one without formats. */
  current(): MetadataJson {
    return this.whole ?? (parsingMetadata as unknown as MetadataJson);
  }

  /** `true` once the formats have arrived. */
  get formatsLoaded(): boolean {
    return this.whole !== null;
  }

  /**
   * Loads the formats once (concurrent calls share the load). Resolves when they are there; rejects when the chunk
   * did not load (nothing changes; the next call tries again).
   */
  load(): Promise<void> {
    if (this.whole) return Promise.resolve();
    this.loading ??= this.importFormats().then(
      (metadata) => this.use(metadata),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** Uses `metadata` (formats included) from now on and tells the listeners of `formats-loaded`. */
  use(metadata: MetadataJson): void {
    this.whole = metadata;
    this.events.emit('formats-loaded', undefined);
  }

  /** Calls `listener` when the formats arrive (numbers made before show unformatted until shown again). */
  onFormatsLoaded(listener: () => void): Unsubscribe {
    return this.events.on('formats-loaded', listener);
  }
}

async function defaultImportFormats(): Promise<MetadataJson> {
  return (await import('./phone-number-formats')).default;
}

/**
 * The page's one metadata (as `libphonenumber-js`'s own functions share one imported metadata): every number the
 * softphone reads goes through it, whichever flow reads it.
 * @public
 */
export const phoneNumberMetadata = new PhoneNumberMetadata();
