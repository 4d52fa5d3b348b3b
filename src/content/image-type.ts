const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The media type told by an image URL's extension (never the non-standard image/jpg), if any. */
export function imageType(url: string): string | undefined {
  const path = new URL(url).pathname.toLowerCase();
  const extension = /\.([a-z0-9]+)$/.exec(path)?.[1];
  return extension ? BY_EXTENSION[extension] : undefined;
}
