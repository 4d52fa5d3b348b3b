import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { isMapping } from '../content/yaml.js';
import { isErrnoException } from '../lib/errors.js';
import { STATUS_FILE } from '../service/status-file.js';
import { fail, type Io } from './io.js';

/**
 * `courier status`: what the running service knows and /healthz does not say (reasons, problems, paths, disk
 * errors, records kept at their last good version), from the file it rewrites after every build. Exits 0 when
 * ok, 1 when degraded, failing or starting, 2 when there is no status to read.
 */
export async function statusCommand(config: Config, io: Io): Promise<number> {
  const path = join(config.stateDir, STATUS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      return fail(io, `no status in ${config.stateDir}: is \`courier serve\` running with this state folder?`, 2);
    }
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isMapping(parsed) || !isMapping(parsed.details)) return fail(io, `${path} is not a status file`, 2);
  const { details, writtenAt, pid } = parsed;
  const ageSeconds = typeof writtenAt === 'string' ? Math.round((io.now() - Date.parse(writtenAt)) / 1000) : NaN;
  io.stdout(
    `status: ${String(details.status)} (written ${String(writtenAt)}, ${ageSeconds} s ago, by pid ${String(pid)})\n`,
  );
  for (const reason of asStrings(details.reasons)) io.stdout(`  why: ${reason}\n`);
  io.stdout(`${JSON.stringify(details, null, 2)}\n`);
  return details.status === 'ok' ? 0 : 1;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}
