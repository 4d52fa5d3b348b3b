import type { PollerToday } from './poll-types.js';
import type { Poller } from './tally.js';

export function pollerToday({
  address,
  userAgent,
  agent,
  polls,
  conditional,
  notModified,
  refused,
  first,
  last,
}: Poller): PollerToday {
  return { address, userAgent, name: agent.name, polls, conditional, notModified, refused, first, last };
}
