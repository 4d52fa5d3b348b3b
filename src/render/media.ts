import type { Image } from '../content/types.js';
import { attributeList, element, plainText, textConstruct } from './xml.js';

export const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/**
 * Media RSS `media:content` for a lead image, with its caption (or alt text) and its credit. The caption is
 * `type="plain"`, or `type="html"` escaped for HTML when it holds "<" or "&", which readers (and the W3C
 * validator) would otherwise take for markup.
 */
export function mediaContent(image: Image, indent: string): string {
  const description = image.caption ?? image.alt;
  const inner = [
    description !== undefined
      ? textConstruct('media:description', description, { text: 'plain', html: 'html' })
      : undefined,
    image.credit !== undefined ? element('media:credit', image.credit, {}, plainText) : undefined,
    image.copyright !== undefined ? element('media:copyright', image.copyright, {}, plainText) : undefined,
  ].filter((line) => line !== undefined);
  const attributes = attributeList({
    url: image.url,
    type: image.type,
    medium: 'image',
    width: image.width,
    height: image.height,
  });
  if (inner.length === 0) return `${indent}<media:content${attributes}/>\n`;
  return `${indent}<media:content${attributes}>\n${inner.map((line) => `${indent}  ${line}\n`).join('')}${indent}</media:content>\n`;
}
