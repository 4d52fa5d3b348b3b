import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const COURIER_BIN = join(ROOT, 'bin', 'courier.js');

/** How a run of `courier` ended. */
export interface Exit {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** When a build reached each phase of its write, in ms since it was spawned, as seen from outside by polling. */
export interface Phases {
  /** .staging/ appeared: the first staged file is being written. */
  readonly staging: number;
  /** .staging/manifest.json appeared: everything is staged, the commit (renames) begins. */
  readonly stagedManifest: number;
  /** The process exited. */
  readonly exit: number;
}

/** Where a kill lands: after an event of the build, then a delay. */
export interface KillPoint {
  readonly after: 'spawn' | 'staging' | 'stagedManifest';
  readonly delay: number;
}

/** What the folder held when the signal was sent. */
export interface Landing {
  readonly at: number;
  readonly staging: boolean;
  readonly stagedManifest: boolean;
  /** The process had already exited: the kill came too late to interrupt anything. */
  readonly finished: boolean;
}

const POLL_MS = 1;

/**
 * `courier build --content C --out O` as its own process, watched from outside: the phases of its write are seen
 * by polling for .staging/ and .staging/manifest.json. With a kill point, the signal is sent there.
 */
export function spawnBuild(
  content: string,
  out: string,
  kill?: { point: KillPoint; signal: NodeJS.Signals },
): Promise<{ exit: Exit; phases: Partial<Phases>; landing?: Landing }> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const child = spawn(process.execPath, [COURIER_BIN, 'build', '--content', content, '--out', out], {
    env: { PATH: process.env.PATH },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const phases: { -readonly [K in keyof Phases]?: number } = {};
  let landing: Landing | undefined;
  const staging = join(out, '.staging');
  const stagedManifest = join(staging, 'manifest.json');
  let killAt = kill?.point.after === 'spawn' ? kill.point.delay : undefined;
  const poll = setInterval(() => {
    if (phases.staging === undefined && existsSync(staging)) phases.staging = since();
    if (phases.stagedManifest === undefined && existsSync(stagedManifest)) phases.stagedManifest = since();
    if (kill && killAt === undefined && phases[kill.point.after as keyof Phases] !== undefined) {
      killAt = phases[kill.point.after as keyof Phases]! + kill.point.delay;
    }
    if (kill && landing === undefined && killAt !== undefined && since() >= killAt) {
      landing = {
        at: since(),
        staging: existsSync(staging),
        stagedManifest: existsSync(stagedManifest),
        finished: false,
      };
      child.kill(kill.signal);
    }
  }, POLL_MS);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.once('close', (status, signal) => {
      clearInterval(poll);
      phases.exit = since();
      // Sent too late (or never): the build had finished, whole, before the signal could stop it.
      if (kill && (landing === undefined || (signal !== kill.signal && status === 0))) {
        landing = { at: landing?.at ?? since(), staging: false, stagedManifest: false, finished: true };
      }
      resolve({ exit: { status, signal, stdout, stderr }, phases, ...(landing && { landing }) });
    });
  });
}

/** `courier build`, run to its end. */
export async function runBuild(content: string, out: string): Promise<Exit> {
  return (await spawnBuild(content, out)).exit;
}

/** A run that is expected to succeed: its exit, or an error saying how it failed. */
export async function buildOrThrow(content: string, out: string): Promise<Exit> {
  const exit = await runBuild(content, out);
  if (exit.status !== 0) throw new Error(`courier build exited ${exit.status ?? exit.signal}: ${exit.stderr}`);
  return exit;
}

/** The phases of an uninterrupted build, each one seen: what kill points are placed from. */
export async function observeBuild(content: string, out: string): Promise<Phases> {
  const { exit, phases } = await spawnBuild(content, out);
  if (exit.status !== 0) throw new Error(`courier build exited ${exit.status ?? exit.signal}: ${exit.stderr}`);
  const { staging, stagedManifest } = phases;
  if (staging === undefined || stagedManifest === undefined) {
    throw new Error(`the build's write was not seen (phases ${JSON.stringify(phases)}): nothing to place kills in`);
  }
  return { staging, stagedManifest, exit: phases.exit! };
}

/** Where a kill landed, for an assertion's message. */
export function describeLanding(landing: Landing | undefined): string {
  if (!landing) return 'no kill was sent';
  if (landing.finished) return `at ${landing.at} ms, after the build had finished`;
  const where = landing.stagedManifest
    ? 'during the commit'
    : landing.staging
      ? 'while staging'
      : 'before or after the write';
  return `at ${landing.at} ms, ${where}`;
}
