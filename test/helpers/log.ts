import assert from 'node:assert/strict';
import type { LogFields, Logger } from '../../src/lib/logger.js';

/** One entry as the logger was given it: its level, its message, and its fields. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields: LogFields;
}

/** A logger that keeps what it is told, for a test to read: the service's own logger, minus the writing. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  info(msg: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'info', msg, fields });
  }

  warn(msg: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'warn', msg, fields });
  }

  error(msg: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'error', msg, fields });
  }

  /** Every message, one a line: what a test of the wording reads. */
  text(): string {
    return this.entries.map((entry) => entry.msg).join('\n');
  }

  /** The entries a request made (the access log's: they have a method and a status). */
  requests(): LogEntry[] {
    return this.entries.filter((entry) => 'method' in entry.fields && 'status' in entry.fields);
  }

  /** Waits (five seconds at most) for an entry `matches`, which the server logs once a response is done. */
  async waitFor(matches: (entry: LogEntry) => boolean, what: string): Promise<LogEntry> {
    for (let waited = 0; waited < 5000; waited += 10) {
      const found = this.entries.find(matches);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail(`no entry ${what} in:\n${this.text()}`);
  }
}

/** The entries of a JSON-lines log (a process's stdout), each line parsed. */
export function parseJsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`not a JSON line: ${line}`, { cause: error });
      }
    });
}
