import type { Image } from './types.js';
import { FieldReader } from './fields.js';
import { imageType } from './image-type.js';

const IMAGE_FIELDS = [
  'url', 'alt', 'caption', 'credit', 'width', 'height', 'type', 'syndication', 'license', 'copyright',
];
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
