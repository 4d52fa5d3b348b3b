/** What a record is once validated: the types every later layer reads. Dates are epoch milliseconds. */

export interface Author {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

export interface Image {
  readonly url: string;
  /** A media type such as image/jpeg. */
  readonly type: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
  readonly width?: number;
  readonly height?: number;
  /** False when the image is licensed for our own site only: partners never receive it. */
  readonly syndication?: boolean;
  readonly license?: string;
  readonly copyright?: string;
}

/** Another size of the lead image, for partners whose minimum the lead image does not meet. */
export interface Rendition {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly type: string;
}

export type Status = 'published' | 'draft' | 'retracted';

/** A validated article record. */
export interface Article {
  /** Path under the content folder, with forward slashes: what every problem names. */
  readonly file: string;
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly published: number;
  readonly updated?: number;
  readonly authors: readonly Author[];
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly summary?: string;
  readonly language: string;
  readonly url: string;
  readonly image?: Image;
  /** Other sizes of the image (same picture, same rights), from which partner profiles pick. */
  readonly imageRenditions?: readonly Rendition[];
  readonly label?: string;
  readonly sponsored: boolean;
  readonly status: Status;
  /** Which syndication partners may receive the article. */
  readonly syndication: Syndication;
  /** When and why a retracted article was withdrawn: what partners are told. */
  readonly retraction?: Retraction;
}

/** Which partners may receive an article: all of them (the default), none, or the ones named. */
export interface Syndication {
  readonly partners: 'all' | 'none' | readonly string[];
}

export interface Retraction {
  readonly at: number;
  /** A short public note: why the article was withdrawn. */
  readonly note: string;
}
