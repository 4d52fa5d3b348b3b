import { join } from 'node:path';
import type { HealthDetails } from '../http/health.js';
import { writeAtomically } from '../lib/files.js';

/** Where the running service leaves its detailed status for `courier status`: in the state folder, never served. */
export const STATUS_FILE = 'status.json';

/** The service's status as `courier status` reads it: the details, and when and by which process they were written. */
export interface StatusFile {
  readonly writtenAt: string;
  readonly pid: number;
  readonly details: HealthDetails;
}

export async function writeStatus(stateDir: string, details: HealthDetails, at: number, pid: number): Promise<void> {
  const status: StatusFile = { writtenAt: new Date(at).toISOString(), pid, details };
  await writeAtomically(join(stateDir, STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`);
}
