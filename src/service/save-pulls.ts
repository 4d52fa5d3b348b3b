import { errorMessage } from '../lib/errors.js';
import { writePulls } from '../partners/pulls.js';
import type { BuildRunnerDeps } from './build-runner-deps.js';

/** Saves the partner pulls recorded since the last save; a failure is logged and retried at the next save. */
export async function savePulls({
  state,
  stateDir,
  log,
}: Pick<BuildRunnerDeps, 'state' | 'stateDir' | 'log'>): Promise<void> {
  if (!state.pullsChanged) return;
  state.pullsChanged = false;
  try {
    await writePulls(stateDir, state.pulls);
  } catch (error) {
    // The record is informative: it must never stop a build or a shutdown. Kept as changed, so it is tried again.
    state.pullsChanged = true;
    log.warn(`could not save partner pulls: ${errorMessage(error)}`, { err: error });
  }
}
