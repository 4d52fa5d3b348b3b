import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small tmpfs of its own, mounted on a temporary folder: a disk that fills up, or turns read-only, on
 * purpose. Mounting needs root (CI runs as root); `mount` says why when it cannot.
 */
export class Tmpfs {
  private constructor(readonly dir: string) {}

  /** A tmpfs of `bytes` mounted on a new folder, or why none could be mounted. */
  static mount(bytes: number): Tmpfs | { reason: string } {
    const dir = mkdtempSync(join(tmpdir(), 'courier-tmpfs-'));
    try {
      mount(['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 1024)}k`, 'tmpfs', dir]);
      return new Tmpfs(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return { reason: `mounting a tmpfs is not permitted here (${firstLine(error)})` };
    }
  }

  /** Bytes still free for files. */
  get free(): number {
    const { bavail, bsize } = statfsSync(this.dir);
    return bavail * bsize;
  }

  /** Turns the file system read-only, or back. */
  remount(mode: 'ro' | 'rw'): void {
    mount(['-o', `remount,${mode}`, this.dir]);
  }

  /** Unmounts (lazily, should anything still hold it) and removes the mount point. */
  unmount(): void {
    execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  const text = stderr || (error instanceof Error ? error.message : String(error));
  return text.split('\n')[0] ?? text;
}
