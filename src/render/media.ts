import type { Image } from '../content/types.js';
import { attributeList, element } from './xml.js';

export const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/** Media RSS `media:content` for a lead image, with its caption (or alt text) and its credit. */
export function mediaContent(image: Image, indent: string): string {
  const description = image.caption ?? image.alt;
  const inner = [
    description !== undefined ? element('media:description', description, { type: 'plain' }) : undefined,
    image.credit !== undefined ? element('media:credit', image.credit) : undefined,
    image.copyright !== undefined ? element('media:copyright', image.copyright) : undefined,
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
