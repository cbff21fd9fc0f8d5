// Browser stand-in for the two `fast-xml-parser` classes `ringcentral-web-phone` 2.5.4 uses (its `RcMessage`:
// the `P-rc` header and SIP MESSAGE bodies `<Msg><Hdr …/><Bdy …/></Msg>`), built on the browser's own XML parser
// (`DOMParser`) and serializer (`XMLSerializer`) instead of shipping fast-xml-parser's ~25 KB (min+gzip) stack in
// the static resource. Supports exactly the options RcMessage passes — `ignoreAttributes: false`,
// `attributeNamePrefix: ''`, `attributesGroupName: '$'`, `suppressEmptyNode: true` — and produces the same shapes:
// parse('<Msg><Hdr SID="1"/></Msg>') → { Msg: { Hdr: { $: { SID: '1' } } } }; build() is the inverse.
// Aliased for the bundle only (scripts/build/build-softphone.mjs); Node code keeps the real library.

function elementToObject(element, group) {
  const out = {};
  if (element.attributes.length > 0) {
    const attributes = {};
    for (const attribute of Array.from(element.attributes)) attributes[attribute.name] = attribute.value;
    out[group] = attributes;
  }
  let text = '';
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === 1) {
      const value = elementToObject(child, group);
      const existing = out[child.nodeName];
      if (existing === undefined) out[child.nodeName] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else out[child.nodeName] = [existing, value];
    } else if (child.nodeType === 3 || child.nodeType === 4) {
      text += child.nodeValue ?? '';
    }
  }
  const trimmed = text.trim();
  if (trimmed !== '') {
    if (Object.keys(out).length === 0) return trimmed;
    out['#text'] = trimmed;
  }
  return Object.keys(out).length === 0 ? '' : out;
}

export class XMLParser {
  constructor(options = {}) {
    this.group = options.attributesGroupName || '$';
  }

  parse(xml) {
    const doc = new DOMParser().parseFromString(String(xml), 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    if (error) throw new Error(`Invalid XML: ${error.textContent ?? ''}`);
    const root = doc.documentElement;
    return { [root.nodeName]: elementToObject(root, this.group) };
  }
}

export class XMLBuilder {
  constructor(options = {}) {
    this.group = options.attributesGroupName || '$';
  }

  build(object) {
    const doc = document.implementation.createDocument(null, null, null);
    const append = (parent, name, value) => {
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        const element = doc.createElement(name);
        if (item !== null && typeof item === 'object') {
          for (const [key, child] of Object.entries(item)) {
            if (key === this.group) {
              for (const [attribute, attributeValue] of Object.entries(child ?? {})) {
                if (attributeValue !== undefined && attributeValue !== null)
                  element.setAttribute(attribute, String(attributeValue));
              }
            } else if (key === '#text') element.appendChild(doc.createTextNode(String(child)));
            else append(element, key, child);
          }
        } else if (item !== undefined && item !== null && item !== '') {
          element.appendChild(doc.createTextNode(String(item)));
        }
        parent.appendChild(element);
      }
    };
    const serializer = new XMLSerializer();
    let out = '';
    for (const [name, value] of Object.entries(object)) {
      const holder = doc.createElement('holder');
      append(holder, name, value);
      for (const node of Array.from(holder.childNodes)) out += serializer.serializeToString(node);
    }
    return out;
  }
}
