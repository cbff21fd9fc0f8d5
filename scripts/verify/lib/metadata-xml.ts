import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { listFiles } from './paths';

/**
 * One element of a metadata XML file, as the Metadata API reads it: `text` is the element's own character data
 * with entities decoded and whitespace kept exactly (Salesforce stores a leaf element's text verbatim, so
 * `<label> Play </label>` deploys the label `" Play "`).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** 1-based line of the start tag. */
  line: number;
  /** Concatenated character data directly inside this element (CDATA included). */
  text: string;
  children: XmlElement[];
}

/**
 * Parses an XML document with `saxes` (a strict, well-formedness-checking XML 1.0 parser) into a small tree with
 * the line of each start tag. Throws an `Error` whose message carries the line and column on malformed XML.
 */
export function parseXml(xml: string, fileName = 'document'): XmlElement {
  const parser = new SaxesParser({ position: true, fileName });
  const root: XmlElement = { name: '#document', attributes: {}, line: 1, text: '', children: [] };
  const stack: XmlElement[] = [root];
  const top = (): XmlElement => stack[stack.length - 1] as XmlElement;
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([key, value]) => [key, String(value)])),
      line: parser.line,
      text: '',
      children: [],
    };
    top().children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('text', (text) => {
    top().text += text;
  });
  parser.on('cdata', (text) => {
    top().text += text;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.write(xml).close();
  const element = root.children[0];
  if (!element) throw new Error(`${fileName}: no root element`);
  return element;
}

/** Every element of the tree, depth first, with its ancestors' names (`['CustomField', 'formula']`). */
export function* walk(
  element: XmlElement,
  ancestors: string[] = [],
): Generator<{ element: XmlElement; path: string[] }> {
  const names = [...ancestors, element.name];
  yield { element, path: names };
  for (const child of element.children) yield* walk(child, names);
}

/** The text of the first direct child named `name`, or `undefined` when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}

/**
 * Metadata XML files under `roots` (relative to `root`): source-format `*-meta.xml` files and other `.xml`
 * files (e.g. a call center definition to import in Setup), never the content of static resources.
 */
export function listMetadataXml(root: string, roots: readonly string[]): string[] {
  return roots
    .map((entry) => path.join(root, entry))
    .filter((entry) => existsSync(entry))
    .flatMap((entry) => (statSync(entry).isDirectory() ? listFiles(entry) : [entry]))
    .filter((file) => file.endsWith('.xml'))
    .filter((file) => !/\/staticresources\//.test(file) || file.endsWith('.resource-meta.xml'));
}

/** Reads and parses one metadata file (see {@link parseXml}); throws on malformed XML. */
export function readXml(file: string): XmlElement {
  return parseXml(readFileSync(file, 'utf8'), file);
}

/** Reads one metadata file, or returns why it is not well-formed XML (`line` 1-based, 0 when unknown). */
export function tryReadXml(file: string): XmlElement | { error: string; line: number } {
  try {
    return readXml(file);
  } catch (error) {
    const message = (error as Error).message;
    const where = /^.*?:(\d+):(\d+): (.*)$/s.exec(message);
    return { error: where?.[3] ?? message, line: Number(where?.[1] ?? 0) };
  }
}
