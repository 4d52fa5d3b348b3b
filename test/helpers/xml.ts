import { parseStringPromise } from 'xml2js';

/**
 * An XML element as xml2js reads it with its default options: its text in `_`, its attributes in `$`, and the
 * child elements of each name in an array under that name (read them with `elements`, `texts` or `attributes`).
 */
export interface XmlElement {
  readonly _?: string;
  readonly $?: Readonly<Record<string, string>>;
  readonly [child: string]: unknown;
}

/** xml2js writes an element with neither attributes nor child elements as its bare text. */
type XmlNode = string | XmlElement;

const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));

const asElement = (node: XmlNode): XmlElement => (typeof node === 'string' ? { _: node } : node);

/** The document: one key, the root element's name. Rejects what is not well-formed XML. */
export async function parseXml(xml: string): Promise<XmlElement> {
  const document: unknown = await parseStringPromise(xml, { strict: true });
  if (!isNode(document) || typeof document === 'string') throw new TypeError('xml2js returned no document');
  return document;
}

/** The root element of a document, if it is named `name`. */
export function root(document: XmlElement, name: string): XmlElement | undefined {
  const value = document[name];
  if (value === undefined) return undefined;
  if (!isNode(value)) throw new TypeError(`expected the <${name}> element, found ${typeof value}`);
  return asElement(value);
}

/** The child elements under one name (`item.guid`, `channel.item`): none when there are none. */
export function elements(children: unknown): XmlElement[] {
  if (children === undefined) return [];
  if (!Array.isArray(children) || !children.every(isNode))
    throw new TypeError(`expected the child elements of one name, found ${typeof children}`);
  return children.map(asElement);
}

/** The text of each child element under one name (empty for one that has only attributes). */
export const texts = (children: unknown): string[] => elements(children).map((element) => element._ ?? '');

/** The text of the first child element under one name. */
export const firstText = (children: unknown): string | undefined => texts(children)[0];

/** The attributes of each child element under one name. */
export const attributes = (children: unknown): Array<Readonly<Record<string, string>>> =>
  elements(children).map((element) => element.$ ?? {});
