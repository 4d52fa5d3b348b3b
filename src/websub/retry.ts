import { setTimeout as sleep } from 'node:timers/promises';

/** How often and how patiently a delivery is tried: attempts, the first wait, and the cap on any wait. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/** Five attempts over about half a minute: 1 s, 2 s, 4 s, 8 s apart (plus up to 20% jitter). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 1000, maxDelayMs: 60_000 };

/** What one attempt came to: done, worth another try, or never (a 4xx that says no). */
export type Attempt = 'done' | 'retry' | 'give-up';

/**
 * Tries `attempt` until it is done or gives up, waiting with exponential backoff and jitter between tries;
 * `retried` hears of each try that will be followed by another. Resolves with the last attempt's outcome
 * ('retry' when every attempt was spent), never rejects: `attempt` turns its errors into outcomes. A signal
 * that aborts (shutdown) ends the waits.
 */
export async function withRetries(
  policy: RetryPolicy,
  attempt: (index: number) => Promise<Attempt>,
  retried: () => void = () => undefined,
  signal?: AbortSignal,
): Promise<Attempt> {
  let outcome: Attempt = 'retry';
  for (let index = 0; index < policy.attempts; index += 1) {
    outcome = await attempt(index);
    if (outcome !== 'retry' || index === policy.attempts - 1 || signal?.aborted) return outcome;
    retried();
    const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** index);
    const aborted = await sleep(delay * (1 + Math.random() * 0.2), false, { signal, ref: false }).catch(() => true);
    if (aborted) return outcome;
  }
  return outcome;
}

/** The outcome of an HTTP status for a delivery: 2xx done, 408/429/5xx again later, any other 4xx never. */
export function outcomeOf(status: number): Attempt {
  if (status >= 200 && status < 300) return 'done';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'give-up';
}
