import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import { formatLastGood, LAST_GOOD_FILE, partnersInForce, readLastGood } from './registry-state.js';
import { NONE_REVOKED, readRevoked, type Revoked } from './revoked.js';
import type { Partner } from './types.js';

/**
 * Which partners are in force, build after build: those of partners.yaml together with the last good partners
 * (see partnersInForce), which are kept in <stateDir>/partners.last-good.yaml so that a restart on a broken
 * partners.yaml serves them too. The file is read at every build, so a `revoke` or `remove` made meanwhile
 * counts; while it cannot be read (or saved), the partners this object last had in force stand in. Keys revoked
 * and partners removed with `courier partners` (<stateDir>/partners.revoked.yaml) are never brought back from
 * them. Without a state folder they are kept in memory only.
 */
export class LastGoodPartners {
  private memory: readonly Partner[] | undefined;
  /** Whether the last save failed, so that the file is older than the memory. */
  private unsaved = false;
  /** What was revoked, as last read: while the file cannot be read, what it last said stands. */
  private revoked: Revoked = NONE_REVOKED;

  constructor(private readonly stateDir: string | undefined) {}

  /**
   * `file` must have been read before this is called: the revoked keys and partners are read last, so that
   * whatever a command took away before the file was read is left out, even when the last good partners this
   * reads (or writes over) are older than the command; see docs/decisions.md.
   */
  async inForce(file: readonly Partner[]): Promise<{ partners: readonly Partner[]; problems: readonly Problem[] }> {
    const disk = this.stateDir === undefined ? undefined : await readLastGood(this.stateDir);
    const revoked = this.stateDir === undefined ? undefined : await readRevoked(this.stateDir);
    if (revoked?.problems.length === 0) this.revoked = revoked.revoked;
    const usable = disk?.partners !== undefined && disk.problems.length === 0 && !this.unsaved;
    const lastGood = (usable ? disk.partners : undefined) ?? this.memory ?? disk?.partners;
    const { partners, problems } = partnersInForce(file, lastGood, this.revoked);
    this.memory = partners;
    const saved = this.stateDir === undefined ? [] : await this.save(this.stateDir, partners, disk?.text);
    const read = [...(disk?.problems ?? []), ...(revoked?.problems ?? [])];
    return { partners, problems: [...read, ...problems, ...saved] };
  }

  /** Saves the partners in force when they changed; a disk that refuses is a problem, and the next build retries. */
  private async save(stateDir: string, partners: readonly Partner[], onDisk: string | undefined): Promise<Problem[]> {
    const path = join(stateDir, LAST_GOOD_FILE);
    const text = formatLastGood(partners);
    if (text === onDisk || (onDisk === undefined && partners.length === 0)) {
      this.unsaved = false;
      return [];
    }
    try {
      await writeAtomically(path, text);
      this.unsaved = false;
      return [];
    } catch (error) {
      // A full or read-only disk: the partners in force stay in memory and are saved at the next build.
      if (!isErrnoException(error)) throw withContext(`saving ${path}`, error);
      this.unsaved = true;
      const message = `expected to save the last good partners, found ${error.code}; kept in memory until saved`;
      return [{ file: path, field: '(file)', message }];
    }
  }
}
