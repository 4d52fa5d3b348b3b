import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { redactKeys } from './redact.js';

export type AccessLog = (line: string) => void;

/** The listener, logging a line for every response it finishes. */
export function withAccessLog(listener: RequestListener, accessLog: AccessLog): RequestListener {
  return (req, res) => {
    res.once('finish', () => accessLog(accessLine(req, res)));
    listener(req, res);
  };
}

/** `GET /feeds/rss.xml 304 conditional "newsboat/2.21"`: enough to see who polls how, and nothing secret. */
function accessLine(req: IncomingMessage, res: ServerResponse): string {
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  const agent = JSON.stringify(req.headers['user-agent'] ?? '');
  const how = conditional ? 'conditional' : 'unconditional';
  return `${req.method} ${redactKeys(req.url ?? '')} ${res.statusCode} ${how} ${agent}`;
}
