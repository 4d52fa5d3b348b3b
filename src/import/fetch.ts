import { open } from 'node:fs/promises';
import { isErrnoException } from '../lib/errors.js';

export interface FetchLimits {
  /** How long a URL may take, headers and body, in ms. */
  readonly timeoutMs: number;
  /** The most bytes read from a URL or a file. */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 256 * 1024 * 1024 };

/** The source's text, or why it could not be had: one line for the user. */
export type Fetched = { text: string } | { unreadable: string };

/** Reads a source from an http(s) URL or a file path, within the limits, decoded by its declared charset. */
export async function fetchSource(location: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<Fetched> {
  if (/^https?:\/\//i.test(location)) return fetchUrl(location, limits);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(location))
    return { unreadable: `${location}: expected an http or https URL or a file` };
  return readLocalFile(location, limits.maxBytes);
}

async function fetchUrl(url: string, { timeoutMs, maxBytes }: FetchLimits): Promise<Fetched> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { Accept: ACCEPT, 'User-Agent': 'Courier-import' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { unreadable: `${url}: the server answered ${response.status} ${response.statusText}` };
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > maxBytes) {
      await response.body?.cancel();
      return { unreadable: `${url}: ${length} bytes, more than the ${maxBytes} allowed` };
    }
    const bytes = await readBounded(response, maxBytes);
    if (bytes === undefined) return { unreadable: `${url}: more than the ${maxBytes} bytes allowed` };
    return { text: decode(bytes, /charset=([^;\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1]) };
  } catch (error) {
    // What the network or the other server did (refused, reset, unknown host, too slow): the source's problem,
    // told to the user in one line; the cause's code is what they can act on.
    if (signal.aborted) return { unreadable: `${url}: no whole answer within ${timeoutMs / 1000} s` };
    // fetch's TypeError ("fetch failed", "terminated") wraps the network's errno; anything else is ours.
    if (error instanceof TypeError) return { unreadable: `${url}: ${networkReason(error)}` };
    throw error;
  }
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8';

async function readBounded(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (isErrnoException(cause)) return `${cause.code} (${cause.message})`;
  return cause instanceof Error ? cause.message : String(cause);
}

async function readLocalFile(path: string, maxBytes: number): Promise<Fetched> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // A file the user named that cannot be opened: their mistake to fix, in one line.
    if (isErrnoException(error)) return { unreadable: `${path}: cannot be read (${error.code})` };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { unreadable: `${path}: ${size} bytes, more than the ${maxBytes} allowed` };
    return { text: decode(await handle.readFile(), undefined) };
  } finally {
    await handle.close();
  }
}

/** Text by the charset the server named, else the XML declaration's encoding, else UTF-8. */
function decode(bytes: Buffer, charset: string | undefined): string {
  const declared =
    charset ?? /^\s*<\?xml[^>]*encoding=["']([\w.-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch (error) {
    // TextDecoder's RangeError: a charset it does not know. UTF-8 is what nearly every feed is.
    if (error instanceof RangeError) return new TextDecoder('utf-8').decode(bytes);
    throw error;
  }
}
