/**
 * The elements of an XML document as written: each with its path, its attributes and its text both raw (as
 * in the file) and decoded. Some rules are about how a text is written, not only what it says (the W3C
 * validator reads "&#x26;" in plain text differently from "&amp;"), which no parser that decodes keeps.
 * Enough for the feeds Courier writes (no CDATA, no comments); a well-formedness check is the parser's job.
 */
export interface RawElement {
  /** Names from the root down, this element's last: ["rss", "channel", "item", "title"]. */
  readonly path: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own text, as written (not its children's). */
  readonly raw: string;
  /** The same, with references decoded. */
  readonly text: string;
}

const TOKEN = /<\?[^]*?\?>|<!--[^]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's references: the five named ones and numeric ones. */
export function decodeXml(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : NAMED[ref]!,
  );
}

export function rawElements(xml: string): RawElement[] {
  const done: RawElement[] = [];
  const open: Array<{ name: string; attributes: Record<string, string>; raw: string }> = [];
  const close = () => {
    const path = open.map((element) => element.name);
    const { attributes, raw } = open.pop()!;
    done.push({ path, attributes, raw, text: decodeXml(raw) });
  };
  for (const [, slash, name, attributeText, selfClosing, text] of xml.matchAll(TOKEN)) {
    if (text !== undefined) {
      if (open.length > 0) open.at(-1)!.raw += text;
    } else if (name === undefined) {
      continue;
    } else if (slash) {
      if (open.at(-1)?.name === name) close();
    } else {
      const attributes = Object.fromEntries(
        [...(attributeText ?? '').matchAll(ATTRIBUTE)].map(([, key, value]) => [key!, decodeXml(value!)]),
      );
      open.push({ name, attributes, raw: '' });
      if (selfClosing) close();
    }
  }
  return done;
}
