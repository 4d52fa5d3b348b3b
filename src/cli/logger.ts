import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogFields, Logger } from '../lib/logger.js';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** Where each entry goes, one whole line at a time (the entry point binds it to stdout). */
  readonly write: (line: string) => void;
  readonly format: LogFormat;
  /** Colours in the pretty format (a terminal, and NO_COLOR unset). */
  readonly colorize?: boolean;
  /** The wall clock, epoch ms: the time of each entry. */
  readonly now: () => number;
}

/**
 * Fields whose value every message that carries them already says (`GET /feeds/rss.xml 200`): the pretty
 * format leaves them out of the line's tail, JSON keeps them for machines.
 */
const SAID_IN_THE_MESSAGE = 'method,path,status';

/**
 * The service's one logger, made here at the entry point and handed down (src/lib/logger.ts says how to use it).
 * pino writes each entry as one JSON line — `{"level":"info","time":"2026-…Z","msg":"…",…fields}`, the level as
 * its name and the time in ISO 8601 from the clock given — and in the pretty format pino-pretty turns that very
 * line into one a person reads on a terminal (an `err` gets its stack on the lines below).
 */
export function createLogger(options: LoggerOptions): Logger {
  const { write, now } = options;
  const prettify =
    options.format === 'pretty'
      ? prettyFactory({
          colorize: options.colorize ?? false,
          singleLine: true,
          translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
          ignore: SAID_IN_THE_MESSAGE,
        })
      : undefined;
  const destination = { write: prettify ? (line: string) => write(prettify(line)) : write };
  const logger = pino(
    {
      base: undefined,
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const entry = (level: 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) => {
    logger[level](fields ?? {}, message);
  };
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}
