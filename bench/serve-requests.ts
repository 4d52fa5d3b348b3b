/** The serve benchmark's checks before any load (serve.ts): single requests, and the headers they came with. */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Response {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** Headers that node:http adds by itself to every response: left out of what the bare server is given. */
const AUTOMATIC = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** One GET on a fresh connection, its body as sent (not decompressed). */
export function get(url: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The response's headers as a flat [name, value, …] list, less those node:http adds by itself. */
export function explicitHeaders(response: Response): string[] {
  const flat: string[] = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    const name = response.rawHeaders[i] ?? '';
    if (!AUTOMATIC.has(name.toLowerCase())) flat.push(name, response.rawHeaders[i + 1] ?? '');
  }
  return flat;
}

/** Whether each pair of responses names the same headers. */
export function sameHeaderNames(...pairs: ReadonlyArray<readonly [Response, Response]>): boolean {
  const names = (response: Response) => Object.keys(response.headers).sort().join(', ');
  return pairs.every(([one, other]) => names(one) === names(other));
}
