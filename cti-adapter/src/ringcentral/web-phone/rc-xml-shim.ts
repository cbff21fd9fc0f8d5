/**
 * Bundle stand-in for `fast-xml-parser` as `ringcentral-web-phone` 2.5.4 uses it: only its `RcMessage` codec
 * (`rc-message/rc-message.mjs`) imports it, to read and write RingCentral call-control messages
 * `<Msg><Hdr …/><Bdy …/></Msg>` (the `P-rc` header and `x-rc/agent` MESSAGE bodies) with the options
 * `{ignoreAttributes:false, attributeNamePrefix:'', attributesGroupName:'$', format:false, suppressEmptyNode:true}`.
 *
 * Why: `fast-xml-parser` 5 and its dependencies weigh ≈ 80 KB minified (≈ 25 KB gzip) in the softphone bundle,
 * whose budget is 120 KB gzip, for a one-level element-with-attributes format. The softphone build may alias the
 * module id `fast-xml-parser` to this file; the shim's output is checked against the real library in
 * `__tests__/rc-xml-shim.test.ts`. Scope: one root element whose children are elements with attributes and no
 * content (anything else parses to what those messages need and nothing more); attribute values are strings,
 * entity references are decoded as the real library decodes them (see `decode`: numeric references, including
 * ones outside Unicode, stay as written) and `& < > " '` are encoded when building.
 * @public
 */
export class XMLParser {
  /** Options are fixed by the web phone (see the module doc); accepted for signature compatibility. */
  constructor(readonly options?: unknown) {}

  parse(xml: string): Record<string, Record<string, { $: Record<string, string> } | ''>> {
    const root = xml.match(/<([A-Za-z_][\w.-]*)[^>]*>/);
    if (!root?.[1]) return {};
    const rootName = root[1];
    const inner = xml.slice((root.index ?? 0) + root[0].length);
    const children: Record<string, { $: Record<string, string> } | ''> = {};
    for (const match of inner.matchAll(/<([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*"[^"]*")*)\s*\/?>/g)) {
      const name = match[1] as string;
      const attributes: Record<string, string> = {};
      for (const attr of (match[2] ?? '').matchAll(/([^\s=/>]+)\s*=\s*"([^"]*)"/g)) {
        attributes[attr[1] as string] = decode(attr[2] as string);
      }
      children[name] = Object.keys(attributes).length > 0 ? { $: attributes } : '';
    }
    return { [rootName]: children };
  }
}

/** Writes `{Root: {Child: {$: {attr: value}}}}` as `<Root><Child attr="value"/></Root>`. @public */
export class XMLBuilder {
  constructor(readonly options?: unknown) {}

  build(object: Record<string, Record<string, { $?: Record<string, unknown> } | undefined>>): string {
    return Object.entries(object)
      .map(([rootName, children]) => {
        const body = Object.entries(children ?? {})
          .map(([name, child]) => {
            const attributes = Object.entries(child?.$ ?? {})
              .filter(([, value]) => value !== undefined && value !== null)
              .map(([key, value]) => ` ${key}="${encode(String(value))}"`)
              .join('');
            return `<${name}${attributes}/>`;
          })
          .join('');
        return `<${rootName}>${body}</${rootName}>`;
      })
      .join('');
  }
}

/** The five entities XML predefines; fast-xml-parser resolves no other name (case-sensitive, no prototype keys). */
const NAMED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes entity references in an attribute value exactly as fast-xml-parser 5.12 does with the web phone's
 * options (its entity decoder, `@nodable/entities` 3.1, with `htmlEntities` off):
 * - `&amp; &lt; &gt; &quot; &apos;` become their characters; any other name stays as written;
 * - a numeric reference (`&#NNN;`, `&#xHHH;`) stays as written, because numeric references are decoded only with
 *   `htmlEntities: true` — except code points XML 1.0 forbids (U+0000, the surrogates U+D800–U+DFFF, and controls
 *   U+0001–U+001F other than tab, line feed and carriage return), which are removed;
 * - a reference outside Unicode (above U+10FFFF, e.g. `&#x110000;` or `&#99999999;`), negative or not a number
 *   stays as written: nothing throws and no replacement or garbage character appears;
 * - a reference is a `&` followed by at most 32 characters up to the first `;`; the number is read like
 *   `parseInt` (leading digits), as the library does. Decoded text is never decoded again (`&amp;#8;` → `&#8;`).
 */
function decode(value: string): string {
  let decoded = '';
  let last = 0;
  let at = value.indexOf('&');
  while (at !== -1) {
    const end = value.indexOf(';', at + 1);
    const token = end !== -1 && end - at <= 33 ? value.slice(at + 1, end) : '';
    const replacement = token.startsWith('#') ? numericReference(token) : NAMED_ENTITIES.get(token);
    if (replacement === undefined) {
      at = value.indexOf('&', at + 1);
      continue;
    }
    decoded += value.slice(last, at) + replacement;
    last = end + 1;
    at = value.indexOf('&', last);
  }
  return decoded + value.slice(last);
}

/** `''` for a code point XML 1.0 forbids, `undefined` (keep the reference as written) for anything else. */
function numericReference(token: string): string | undefined {
  const hex = token[1] === 'x' || token[1] === 'X';
  const codePoint = Number.parseInt(token.slice(hex ? 2 : 1), hex ? 16 : 10);
  if (Number.isNaN(codePoint) || codePoint < 0 || codePoint > 0x10ffff) return undefined;
  const forbidden =
    codePoint === 0 ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff) ||
    (codePoint <= 0x1f && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d);
  return forbidden ? '' : undefined;
}

function encode(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
