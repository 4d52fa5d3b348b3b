import type { Image } from './types.js';
import { FieldReader } from './fields.js';
import { imageType } from './image-type.js';

const IMAGE_FIELDS = ['url', 'alt', 'caption', 'credit', 'width', 'height', 'type', 'syndication', 'license', 'copyright'];

/** The lead image: a mapping whose URL is resolved against the article's URL. */
export function readImage(read: FieldReader, articleUrl: string): Image | undefined {
  if (!read.has('image')) return undefined;
  const inner = new FieldReader(read.file, read.raw('image'), IMAGE_FIELDS);
  const url = inner.absoluteUrl('url', { required: true, base: articleUrl });
  const image = {
    url,
    type: inner.plainText('type') ?? (url ? imageType(url) : undefined),
    alt: inner.plainText('alt'),
    caption: inner.plainText('caption'),
    credit: inner.plainText('credit'),
    width: inner.positiveInteger('width', { max: 100_000 }),
    height: inner.positiveInteger('height', { max: 100_000 }),
    syndication: inner.boolean('syndication'),
    license: inner.plainText('license'),
    copyright: inner.plainText('copyright'),
  };
  if (url && image.type === undefined) inner.fail('type', 'expected a media type such as image/jpeg; none can be told from the URL');
  else if (image.type !== undefined && !/^image\/[a-z0-9.+-]+$/.test(image.type)) {
    inner.fail('type', `expected an image media type such as image/jpeg, found ${JSON.stringify(image.type)}`);
  }
  inner.rejectUnknownFields();
  for (const problem of inner.problems) read.fail(`image.${problem.field}`, problem.message);
  return inner.problems.length > 0 ? undefined : dropUndefined(image) as Image;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
