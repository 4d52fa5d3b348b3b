import type { Config } from '../config/config.js';
import { openService } from '../service/service.js';
import type { Env, MainIo } from './io.js';
import { createLogger } from './logger.js';

/**
 * `courier serve`: makes the one logger, starts the service and, once it listens, hands its `close` to
 * `io.serving`, which decides when it stops, and logs where it serves. Returns once the first build is served.
 */
export async function serveCommand(config: Config, env: Env, io: MainIo): Promise<number> {
  const terminal = io.terminal?.stdout === true;
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && terminal);
  const log = createLogger({
    write: (line) => io.stdout(line),
    format: pretty ? 'pretty' : 'json',
    colorize: terminal && env.NO_COLOR === undefined,
    now: () => io.now(),
  });
  const service = await openService(config, () => io.now(), log, { elapsed: () => io.elapsed() });
  io.serving(() => service.close());
  const { contentDir, feedsDir, stateDir, schedule, accessLog } = config;
  log.info(`serving ${service.url}`, { url: service.url, contentDir, feedsDir, stateDir, schedule, accessLog });
  await service.ready;
  return 0;
}
