import type { MetadataJson } from 'libphonenumber-js/core';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';

/** Loads the whole metadata, formats included (default: the dynamic `import()` of its lazy chunk). @public */
export type PhoneFormatsLoader = () => Promise<MetadataJson>;

/**
 * Loads the parsing metadata, the number rules without the formats (default: the dynamic `import()` of its lazy chunk
 * `phone-number-parsing.js`). @public
 */
export type PhoneParsingLoader = () => Promise<MetadataJson>;

/**
 * The `libphonenumber-js` metadata the softphone parses and formats numbers with, in two lazy chunks (ADR 0018,
 * amendments "the number formats load after the first paint" and "first paint: the number rules are a lazy chunk"):
 * - the **parsing metadata**, the `min` metadata without the fields only formatting reads
 *   (`phone-metadata-parsing.generated.json`, written by `scripts/build/generate-phone-metadata.ts`; ≈ 9.8 KB gzip):
 *   parsing, E.164, the country, the possible lengths and validity are the same as with the whole metadata. Requested
 *   as the engine is built ({@link whenReady}); the web phone registers only once it is here, so a ringing call's
 *   lookup never waits for it. Until it is here {@link current} is `null` and no number can be read
 *   (`normalizePhoneNumber` answers `RULES_NOT_LOADED`): what must read one waits for {@link whenReady} (a dial, a
 *   lookup), what only shows one shows it as given and again when `loaded` is told.
 * - the **whole `min` metadata** (`phone-number-formats.ts`, ≈ 9 KB gzip more), after the start: from then on numbers
 *   are formatted (`+44 20 7946 0104`, `(650) 555-0101`) and `formats-loaded` tells whoever shows numbers to show
 *   them again. Before it arrives (or while it cannot load) a number's display forms are its unformatted international
 *   form (`+44 2079460104`): right, only not grouped.
 * A failed load of either is forgotten; the next {@link whenReady} / {@link load} tries again.
 * @public
 */
export class PhoneNumberMetadata {
  private whole: MetadataJson | null = null;
  private parsing: MetadataJson | null = null;
  private loading: Promise<void> | null = null;
  private loadingParsing: Promise<void> | null = null;
  private readonly events = new TypedEmitter<{ 'formats-loaded': undefined; loaded: undefined }>();

  constructor(
    private readonly importFormats: PhoneFormatsLoader = defaultImportFormats,
    private readonly importParsing: PhoneParsingLoader = defaultImportParsing,
  ) {}

  /**
   * The metadata to use now: the whole one once loaded, else the parsing one, else `null` (neither chunk has arrived:
   * no number can be read yet).
   */
  current(): MetadataJson | null {
    return this.whole ?? this.parsing;
  }

  /** `true` once numbers can be read: the parsing metadata (or the whole one) is here. */
  get ready(): boolean {
    return this.current() !== null;
  }

  /**
   * Loads the parsing metadata once (concurrent calls share the load); resolves at once when numbers can be read
   * already. Rejects when its chunk did not load (nothing changes; the next call tries again).
   */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    this.loadingParsing ??= this.importParsing().then(
      (metadata) => this.useParsing(metadata),
      (error: unknown) => {
        this.loadingParsing = null;
        throw error;
      },
    );
    return this.loadingParsing;
  }

  /** Uses `metadata` (the number rules, no formats) until the whole one is here, and tells the listeners of `loaded`. */
  useParsing(metadata: MetadataJson): void {
    const before = this.ready;
    this.parsing = metadata;
    if (!before) this.events.emit('loaded', undefined);
  }

  /** Calls `listener` when numbers can first be read (the parsing metadata, or the whole one, arrived). */
  onLoaded(listener: () => void): Unsubscribe {
    return this.events.on('loaded', listener);
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
    const before = this.ready;
    this.whole = metadata;
    if (!before) this.events.emit('loaded', undefined);
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

async function defaultImportParsing(): Promise<MetadataJson> {
  return (await import('./phone-number-parsing')).default as unknown as MetadataJson;
}

/**
 * The page's one metadata (as `libphonenumber-js`'s own functions share one imported metadata): every number the
 * softphone reads goes through it, whichever flow reads it.
 * @public
 */
export const phoneNumberMetadata = new PhoneNumberMetadata();
