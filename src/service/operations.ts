import type { Logger } from '../lib/logger.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import { createOperatorServer } from '../http/operator.js';
import { errorMessage } from '../lib/errors.js';
import { CourierMetrics } from '../observe/metrics.js';
import { dateOf, PollStats } from '../observe/poll-stats.js';
import { readStats, writeStats } from '../observe/stats-file.js';
import { renderStatsPage } from '../observe/stats-page.js';

/** How often the poll statistics are saved while the service runs, in ms (and at shutdown). */
export const STATS_SAVE_INTERVAL_MS = 60_000;

/**
 * What the service offers its operators and not the public: the metrics (when COURIER_METRICS_PORT is set),
 * the poll statistics (unless COURIER_STATS=0), and the server of the metrics port that shows both.
 */
export class Operations {
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly config: Config,
    private readonly clock: () => number,
    private readonly log: Logger,
    readonly metrics: CourierMetrics | undefined,
    readonly polls: PollStats | undefined,
  ) {}

  /** Reads the saved statistics and makes the metrics; listens on nothing yet (see `start`). */
  static async open(config: Config, clock: () => number, log: Logger): Promise<Operations> {
    const metrics = config.metricsPort === undefined ? undefined : new CourierMetrics(new Registry());
    let polls: PollStats | undefined;
    if (config.pollStats) {
      const { saved, problems } = await readStats(config.stateDir, { setAside: true });
      for (const problem of problems) log.warn(`poll statistics: ${problem}`);
      polls = new PollStats(saved, clock(), { politenessMs: config.politenessInterval * 1000 });
    }
    return new Operations(config, clock, log, metrics, polls);
  }

  /** Listens on the metrics port, if one is set, and saves the statistics every minute from now on. */
  async start(): Promise<void> {
    const { config, metrics, polls } = this;
    if (polls) this.timer = setInterval(() => void this.save(), STATS_SAVE_INTERVAL_MS).unref();
    if (!metrics || config.metricsPort === undefined) return;
    const statsPage = polls ? () => renderStatsPage(polls.view(), dateOf(this.clock())) : undefined;
    const server = createOperatorServer({ registry: metrics.registry, log: this.log, ...(statsPage && { statsPage }) });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.metricsPort, config.metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** The metrics port's address, once it listens. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    const host = this.config.metricsHost;
    return address ? `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/` : undefined;
  }

  /**
   * Ends the day if it is over, and saves what changed. A failure is logged and the changes kept for the next
   * save: the statistics are informative and must never stop the service. Saves run one at a time.
   */
  save(): Promise<void> {
    const { polls } = this;
    if (!polls) return this.saving;
    this.saving = this.saving.then(async () => {
      polls.advance(this.clock());
      const changes = polls.takeChanges();
      try {
        await writeStats(this.config.stateDir, changes);
      } catch (error) {
        polls.keepChanges(changes);
        this.log.warn(`could not save the poll statistics: ${errorMessage(error)}`, { err: error });
      }
    });
    return this.saving;
  }

  /** Stops the saves and the metrics port, then saves the statistics a last time. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.save();
  }
}
