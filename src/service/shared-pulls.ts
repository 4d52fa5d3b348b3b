import { Redis } from 'ioredis';
import type { Pulls } from '../partners/pulls.js';
import { PREFIX } from './shared-scripts.js';

/**
 * The pulls every instance recorded in Redis, for `courier partners list`; undefined when Redis does not answer
 * within a second or two (the list then shows this machine's record alone).
 */
export async function readSharedPulls(url: string): Promise<Pulls | undefined> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    commandTimeout: 1500,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // reported by the failed command below
  try {
    await redis.connect();
    const fields = await redis.hgetall(`${PREFIX}pulls`);
    const pulls: Record<string, Record<string, string>> = {};
    for (const [field, at] of Object.entries(fields)) {
      const [id = '', prefix = ''] = field.split('\n');
      (pulls[id] ??= {})[prefix] = at;
    }
    return pulls;
  } catch {
    // Redis is down: the caller says so and shows the local record.
    return undefined;
  } finally {
    redis.disconnect();
  }
}
