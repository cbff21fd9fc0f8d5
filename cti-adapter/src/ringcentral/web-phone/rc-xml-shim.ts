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
 * entities `&amp; &lt; &gt; &quot; &apos;` and numeric references decoded/encoded.
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

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
  });
}

function encode(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
