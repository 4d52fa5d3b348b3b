import { readConfig } from '../../src/config/config.js';
import { startService, type RunningService } from '../../src/service/service.js';
import { GOLDEN_NOW, TempBuild } from './build.js';

/** A real Courier service on 127.0.0.1 and a free port, over a temporary copy of the golden content. */
export async function startTestService(
  build = new TempBuild(),
  now = GOLDEN_NOW,
  env: Record<string, string> = {},
): Promise<{ service: RunningService; build: TempBuild; lines: string[] }> {
  const { config, problems } = readConfig(
    { PORT: '0', HOST: '127.0.0.1', ...env },
    { content: build.content, out: build.out },
  );
  if (!config) throw new Error(problems.join('\n'));
  const lines: string[] = [];
  const service = await startService(
    config,
    () => now,
    (line) => lines.push(line),
    { schedule: false },
  );
  return { service, build, lines };
}
