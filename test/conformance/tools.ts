import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';

/** What to install for each outside tool; a missing one fails the run, it is never skipped. */
const INSTALL: Record<string, string> = {
  xmllint: 'apt-get install libxml2-utils',
  trang: 'apt-get install trang',
  python3: 'apt-get install python3',
  newsboat: 'apt-get install newsboat',
  promtool: 'apt-get install prometheus',
};

export function requireTool(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0)
    throw new Error(`${name} is not installed: run \`${INSTALL[name] ?? `install ${name}`}\` (.ci/run does this)`);
}

/** Debian's Python, where apt installs python3-feedparser; another python3 may come first on PATH. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function requirePythonModule(module: string, debianPackage: string): void {
  requireTool('python3');
  const found = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (found.status !== 0)
    throw new Error(
      `the Python module ${module} is missing: run \`apt-get install ${debianPackage}\` (.ci/run does this)`,
    );
}

export function run(
  command: string,
  args: readonly string[],
  input?: string,
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const execFileAsync = promisify(execFile);

/** Like run, without blocking the event loop: for tools that talk to a server in this very process. */
export async function runAsync(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env },
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}
