import type { Image, Rendition } from './types.js';
import { describeValue } from './problem.js';
import { FieldReader } from './fields.js';
import { imageType } from './image-type.js';

const IMAGE_FIELDS = [
  'url',
  'alt',
  'caption',
  'credit',
  'width',
  'height',
  'type',
  'syndication',
  'license',
  'copyright',
  'renditions',
];
const RENDITION_FIELDS = ['url', 'width', 'height', 'type'];
const MAX_RENDITIONS = 16;
const MEDIA_TYPE = /^image\/[a-z0-9.+-]+$/;

/** The lead image: a mapping whose URL is resolved against the article's URL. */
export function readImage(read: FieldReader, articleUrl: string): Image | undefined {
  if (!read.has('image')) return undefined;
  const inner = new FieldReader(read.file, read.raw('image'), IMAGE_FIELDS);
  const url = inner.absoluteUrl('url', { required: true, base: articleUrl });
  const type = inner.plainText('type') ?? (url ? imageType(url) : undefined);
  const details = readDetails(inner);
  checkType(inner, url, type);
  inner.rejectUnknownFields();
  for (const problem of inner.problems) read.fail(`image.${problem.field}`, problem.message);
  if (inner.problems.length > 0 || url === undefined || type === undefined) return undefined;
  return { url, type, ...details };
}

/** The optional fields, each left out when not given. */
function readDetails(inner: FieldReader): Omit<Image, 'url' | 'type'> {
  const alt = inner.plainText('alt');
  const caption = inner.plainText('caption');
  const credit = inner.plainText('credit');
  const width = inner.positiveInteger('width', { max: 100_000 });
  const height = inner.positiveInteger('height', { max: 100_000 });
  const syndication = inner.boolean('syndication');
  const license = inner.plainText('license');
  const copyright = inner.plainText('copyright');
  return {
    ...(alt !== undefined && { alt }),
    ...(caption !== undefined && { caption }),
    ...(credit !== undefined && { credit }),
    ...(width !== undefined && { width }),
    ...(height !== undefined && { height }),
    ...(syndication !== undefined && { syndication }),
    ...(license !== undefined && { license }),
    ...(copyright !== undefined && { copyright }),
  };
}

function checkType(inner: FieldReader, url: string | undefined, type: string | undefined): void {
  if (url && type === undefined) {
    inner.fail('type', 'expected a media type such as image/jpeg; none can be told from the URL');
  } else if (type !== undefined && !MEDIA_TYPE.test(type)) {
    inner.fail('type', `expected an image media type such as image/jpeg, found ${JSON.stringify(type)}`);
  }
}

/**
 * The other sizes of the lead image (`image.renditions`), each with its URL, width and height, from which a
 * partner profile picks the one that meets its minimum. Problems are reported by readImage's caller as
 * `image.renditions[i].field`; a list with a problem gives no renditions.
 */
export function readRenditions(read: FieldReader, articleUrl: string): Rendition[] | undefined {
  const image = read.raw('image');
  const list = image !== null && typeof image === 'object' ? (image as Record<string, unknown>).renditions : undefined;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RENDITIONS) {
    const expected = `a list of 1 to ${MAX_RENDITIONS} renditions (url, width, height)`;
    return read.fail('image.renditions', `expected ${expected}, found ${describeValue(list)}`);
  }
  const renditions = list.map((entry, index) => readRendition(read, `image.renditions[${index}]`, entry, articleUrl));
  return renditions.every((rendition) => rendition !== undefined) ? renditions : undefined;
}

function readRendition(read: FieldReader, field: string, entry: unknown, base: string): Rendition | undefined {
  const inner = new FieldReader(read.file, entry, RENDITION_FIELDS);
  const url = inner.absoluteUrl('url', { required: true, base });
  const width = inner.positiveInteger('width', { required: true, max: 100_000 });
  const height = inner.positiveInteger('height', { required: true, max: 100_000 });
  const type = inner.plainText('type') ?? (url ? imageType(url) : undefined);
  checkType(inner, url, type);
  inner.rejectUnknownFields();
  for (const problem of inner.problems) read.fail(`${field}.${problem.field}`, problem.message);
  if (inner.problems.length > 0 || !url || !width || !height || !type) return undefined;
  return { url, width, height, type };
}
