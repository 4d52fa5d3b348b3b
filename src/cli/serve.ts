import type { Config } from '../config/config.js';
import { openService } from '../service/service.js';
import type { RunningService } from '../service/service-types.js';
import { failAll, type Env, type MainIo } from './io.js';
import { createLogger } from './logger.js';
import { folderMistakes, listenMistake } from './startup.js';

/**
 * `courier serve`: checks its folders, makes the one logger, starts the service and, once it listens, hands its
 * `close` to `io.serving`, which decides when it stops, and logs where it serves. Returns once the first build
 * is served. A start-up mistake (a folder, the port, the host) is one line on stderr, and exit 1.
 */
export async function serveCommand(config: Config, env: Env, io: MainIo): Promise<number> {
  const mistakes = await folderMistakes(config, ['content', 'feeds', 'state']);
  if (mistakes.length > 0) return failAll(io, mistakes);
  const terminal = io.terminal?.stdout === true;
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && terminal);
  const log = createLogger({
    write: (line) => io.stdout(line),
    format: pretty ? 'pretty' : 'json',
    colorize: terminal && env.NO_COLOR === undefined,
    now: () => io.now(),
  });
  let service: RunningService;
  try {
    const options = { elapsed: () => io.elapsed(), lowerOtherThreads: io.ownsProcess === true };
    service = await openService(config, () => io.now(), log, options);
  } catch (error) {
    const mistake = listenMistake(error, config);
    if (mistake === undefined) throw error;
    return failAll(io, [mistake]);
  }
  io.serving(() => service.close());
  const { contentDir, feedsDir, stateDir, schedule, accessLog } = config;
  log.info(`serving ${service.url}`, { url: service.url, contentDir, feedsDir, stateDir, schedule, accessLog });
  await service.ready;
  return 0;
}
