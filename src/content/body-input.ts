import { isErrnoException } from '../lib/errors.js';
import { readRecordBody } from './record-file.js';
import { renderBody, type RenderedBody } from './markdown.js';

/** A body's Markdown, or the record file it is read from (as ArticleLoader.readBody reads it). */
export type BodyText = { readonly markdown: string } | { readonly file: string };

/** One body to render: renderBody(markdown, url, summaryLimit). */
export type BodyInput = BodyText & {
  readonly url: string;
  /** Characters of plain text wanted for a summary (renderBody's textWanted). */
  readonly summaryLimit: number;
};

/** What a body renders to: undefined for a record file that could not be read (its caller reads it again). */
export type BodyOutput = RenderedBody | undefined;

/** renderBody of one input, reading its record file first when it names one. */
export function renderInput(input: BodyInput): BodyOutput {
  let markdown: string;
  try {
    markdown = 'markdown' in input ? input.markdown : readRecordBody(input.file);
  } catch (error) {
    if (isErrnoException(error)) return undefined;
    throw error;
  }
  return renderBody(markdown, input.url, input.summaryLimit);
}

/** What the calling thread sends a worker, and what the worker answers (body-worker.ts). */
export interface BodyBatch {
  readonly inputs: readonly BodyInput[];
}
export type BodyBatchResult = { readonly bodies: BodyOutput[] } | { readonly error: string };

/** Renders bodies, exactly as renderBody would, somewhere: what an ItemMaker takes. */
export interface BodyRenderer {
  /** `among`: every body its caller asks for in this run, these included (they decide whether workers start). */
  render(inputs: readonly BodyInput[], among?: number): Promise<BodyOutput[]>;
  /**
   * Renders on the calling thread some of the bodies waiting for a worker, for a caller with nothing else to do;
   * false when none waits.
   */
  renderSomeHere?(): boolean;
}
