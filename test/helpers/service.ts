import { readConfig } from '../../src/config/read-config.js';
import { startService } from '../../src/service/service.js';
import type { RunningService } from '../../src/service/service-types.js';
import { GOLDEN_NOW, TempBuild } from './build.js';
import { RecordingLogger } from './log.js';

/** A real Courier service on 127.0.0.1 and a free port, over a temporary copy of the golden content. */
export async function startTestService(
  build = new TempBuild(),
  now = GOLDEN_NOW,
  env: Record<string, string> = {},
): Promise<{ service: RunningService; build: TempBuild; log: RecordingLogger }> {
  const { config, problems } = readConfig(
    { PORT: '0', HOST: '127.0.0.1', ...env },
    { content: build.content, out: build.out },
  );
  if (!config) throw new Error(problems.join('\n'));
  const log = new RecordingLogger();
  const service = await startService(config, () => now, log, { schedule: false });
  return { service, build, log };
}

/** A clock a test moves by hand: `clock()` reads it, `clock.set(ms)` moves it. */
export interface TestClock {
  (): number;
  set(now: number): void;
}

export function testClock(now = GOLDEN_NOW): TestClock {
  let current = now;
  return Object.assign(() => current, { set: (next: number) => void (current = next) });
}

/** Like startTestService, with a clock the test moves. */
export async function startClockedService(
  build: TempBuild,
  clock: TestClock,
  env: Record<string, string> = {},
): Promise<{ service: RunningService; log: RecordingLogger }> {
  const { config, problems } = readConfig(
    { PORT: '0', HOST: '127.0.0.1', ...env },
    { content: build.content, out: build.out },
  );
  if (!config) throw new Error(problems.join('\n'));
  const log = new RecordingLogger();
  const service = await startService(config, clock, log, { schedule: false });
  return { service, log };
}
