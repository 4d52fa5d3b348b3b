import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withContext } from '../lib/errors.js';

/** A verified subscription: a callback that receives a topic's new bytes until its lease expires. */
export interface Subscription {
  readonly callback: string;
  /** The feed's own URL (partner feeds by partner id, never by key). */
  readonly topic: string;
  /** The subscriber's hub.secret, for X-Hub-Signature; absent when it gave none. */
  readonly secret?: string | undefined;
  /** When the lease ends, epoch ms. */
  readonly expires: number;
}

/** The hub's database, in the state folder: kept across restarts, never served. */
export const HUB_DATABASE = 'websub-hub.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  callback TEXT NOT NULL,
  topic TEXT NOT NULL,
  secret TEXT,
  expires INTEGER NOT NULL,
  PRIMARY KEY (callback, topic)
);
CREATE INDEX IF NOT EXISTS subscriptions_by_topic ON subscriptions (topic, expires);
CREATE TABLE IF NOT EXISTS topics (
  topic TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL
);`;

interface Row {
  callback: string;
  topic: string;
  secret: string | null;
  expires: number;
}

/**
 * The built-in hub's subscriptions and the hash of what it last distributed of each topic, in SQLite
 * (better-sqlite3, synchronous: each call is a few microseconds on a local file). Every change is committed
 * at once, so a restart, or a crash, loses no verified subscription.
 */
export class SubscriptionStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (or creates) the database in `stateDir`. */
  static open(stateDir: string): SubscriptionStore {
    const file = join(stateDir, HUB_DATABASE);
    try {
      mkdirSync(stateDir, { recursive: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      return new SubscriptionStore(db);
    } catch (error) {
      throw withContext(`cannot open the WebSub hub's database ${file}`, error);
    }
  }

  /** Adds a subscription, or renews it: a second subscribe of the same callback and topic replaces the first. */
  save({ callback, topic, secret, expires }: Subscription): void {
    this.db
      .prepare(
        `INSERT INTO subscriptions (callback, topic, secret, expires) VALUES (?, ?, ?, ?)
         ON CONFLICT (callback, topic) DO UPDATE SET secret = excluded.secret, expires = excluded.expires`,
      )
      .run(callback, topic, secret ?? null, expires);
  }

  remove(callback: string, topic: string): boolean {
    return (
      this.db.prepare('DELETE FROM subscriptions WHERE callback = ? AND topic = ?').run(callback, topic).changes > 0
    );
  }

  /** The subscriptions of a topic whose lease has not ended at `now`. */
  active(topic: string, now: number): Subscription[] {
    const rows = this.db
      .prepare('SELECT callback, topic, secret, expires FROM subscriptions WHERE topic = ? AND expires > ?')
      .all(topic, now) as Row[];
    return rows.map(({ secret, ...rest }) => ({ ...rest, ...(secret !== null && { secret }) }));
  }

  /** Every topic with a subscription in force at `now`. */
  topics(now: number): string[] {
    const rows = this.db.prepare('SELECT DISTINCT topic FROM subscriptions WHERE expires > ?').all(now) as Row[];
    return rows.map((row) => row.topic);
  }

  /** Forgets the subscriptions whose lease ended by `now`; returns how many. */
  expire(now: number): number {
    return this.db.prepare('DELETE FROM subscriptions WHERE expires <= ?').run(now).changes;
  }

  count(now: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE expires > ?').get(now) as { n: number }).n;
  }

  /** The hash of the bytes last distributed (or current at the first subscription) of a topic. */
  lastHash(topic: string): string | undefined {
    const row = this.db.prepare('SELECT sha256 FROM topics WHERE topic = ?').get(topic) as
      { sha256: string } | undefined;
    return row?.sha256;
  }

  setLastHash(topic: string, sha256: string): void {
    this.db
      .prepare(
        'INSERT INTO topics (topic, sha256) VALUES (?, ?) ON CONFLICT (topic) DO UPDATE SET sha256 = excluded.sha256',
      )
      .run(topic, sha256);
  }

  close(): void {
    this.db.close();
  }
}
