import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { readConfig } from '../../src/config/read-config.js';

describe('the configuration', () => {
  it('has defaults for everything', () => {
    const { config } = readConfig({});
    assert.equal(config?.port, 3000);
    assert.equal(config.schedule, '* * * * *');
    assert.deepEqual(config.cache, { maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 });
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.cache));
  });

  it('lets --content and --out win over the environment', () => {
    const { config } = readConfig({ COURIER_CONTENT_DIR: '/a', COURIER_FEEDS_DIR: '/b' }, { content: '/c', out: '/d' });
    assert.equal(config?.contentDir, '/c');
    assert.equal(config.feedsDir, '/d');
  });

  it('reports every bad variable at once, by name', () => {
    const { config, problems } = readConfig({
      PORT: 'eighty',
      COURIER_SCHEDULE: 'every minute',
      COURIER_MAX_AGE: '-1',
    });
    assert.equal(config, undefined);
    assert.deepEqual(problems, [
      'COURIER_SCHEDULE: expected a cron expression such as "* * * * *", found "every minute"',
      'PORT: expected a whole number from 0 to 65535, found "eighty"',
      'COURIER_MAX_AGE: expected a whole number from 0 to 31536000, found "-1"',
    ]);
  });

  it('keeps its state beside the feeds folder, never inside it, unless told where', () => {
    assert.equal(readConfig({}, { out: '/srv/courier/feeds' }).config?.stateDir, '/srv/courier/.courier-state');
    assert.equal(readConfig({ COURIER_STATE_DIR: '/var/lib/courier' }).config?.stateDir, '/var/lib/courier');
    assert.equal(readConfig({ COURIER_STATE_DIR: '/a' }, { state: '/b' }).config?.stateDir, '/b');
  });

  it('reads the publish guards and the shutdown deadline', () => {
    const { config } = readConfig({
      COURIER_MAX_DROP: '25',
      COURIER_FORCE_PUBLISH: '1',
      COURIER_SHUTDOWN_TIMEOUT: '3',
    });
    assert.equal(config?.maxDropShare, 0.25);
    assert.equal(config.forcePublish, true);
    assert.equal(config.shutdownTimeout, 3);
    assert.equal(readConfig({}).config?.maxDropShare, 0.1);
    assert.deepEqual(readConfig({ COURIER_FORCE_PUBLISH: 'yes' }).problems, [
      'COURIER_FORCE_PUBLISH: expected 1 or 0, found "yes"',
    ]);
  });

  it('builds in a worker thread unless told not to', () => {
    assert.equal(readConfig({}).config?.buildInWorker, true);
    assert.equal(readConfig({ COURIER_BUILD_IN_WORKER: '0' }).config?.buildInWorker, false);
    assert.deepEqual(readConfig({ COURIER_BUILD_IN_WORKER: 'no' }).problems, [
      'COURIER_BUILD_IN_WORKER: expected 1 or 0, found "no"',
    ]);
  });

  it('serves no metrics unless a port is set, and then on the loopback, never on the public port', () => {
    const none = readConfig({}).config;
    assert.equal(none?.metricsPort, undefined);
    const { config } = readConfig({ COURIER_METRICS_PORT: '9464' });
    assert.equal(config?.metricsPort, 9464);
    assert.equal(config.metricsHost, '127.0.0.1');
    assert.equal(readConfig({ COURIER_METRICS_PORT: '0', COURIER_METRICS_HOST: '::1' }).config?.metricsHost, '::1');
    assert.deepEqual(readConfig({ PORT: '8080', COURIER_METRICS_PORT: '8080' }).problems, [
      'COURIER_METRICS_PORT: must differ from PORT (8080): the metrics are never public',
    ]);
    assert.deepEqual(readConfig({ COURIER_METRICS_PORT: '3000' }).problems, [
      'COURIER_METRICS_PORT: must differ from PORT (3000): the metrics are never public',
    ]);
    assert.deepEqual(readConfig({ COURIER_METRICS_PORT: 'on' }).problems, [
      'COURIER_METRICS_PORT: expected a whole number from 0 to 65535, found "on"',
    ]);
  });

  it('counts polls unless told not to, and has no politeness policy unless given an interval', () => {
    assert.equal(readConfig({}).config?.pollStats, true);
    assert.equal(readConfig({ COURIER_STATS: '0' }).config?.pollStats, false);
    assert.equal(readConfig({}).config?.politenessInterval, 0);
    assert.equal(readConfig({ COURIER_POLITENESS_INTERVAL: '900' }).config?.politenessInterval, 900);
    assert.deepEqual(readConfig({ COURIER_STATS: 'yes', COURIER_POLITENESS_INTERVAL: '-5' }).problems, [
      'COURIER_STATS: expected 1 or 0, found "yes"',
      'COURIER_POLITENESS_INTERVAL: expected a whole number from 0 to 86400, found "-5"',
    ]);
    assert.deepEqual(readConfig({ COURIER_STATS: '0', COURIER_POLITENESS_INTERVAL: '60' }).problems, [
      'COURIER_POLITENESS_INTERVAL: needs COURIER_STATS=1, since the policy reads the poll statistics',
    ]);
  });

  it('reads the log format: auto unless told json or pretty', () => {
    assert.equal(readConfig({}).config?.logFormat, 'auto');
    assert.equal(readConfig({ COURIER_LOG_FORMAT: 'json' }).config?.logFormat, 'json');
    assert.equal(readConfig({ COURIER_LOG_FORMAT: 'pretty' }).config?.logFormat, 'pretty');
    assert.deepEqual(readConfig({ COURIER_LOG_FORMAT: 'text' }).problems, [
      'COURIER_LOG_FORMAT: expected json, pretty or auto, found "text"',
    ]);
  });

  it('watches the content folder by events unless told to poll (at an interval) or not to watch', () => {
    assert.equal(readConfig({}).config?.watch, 'events');
    assert.equal(readConfig({}).config?.watchInterval, 1000);
    const polling = readConfig({ COURIER_WATCH: 'poll', COURIER_WATCH_INTERVAL: '250' }).config;
    assert.deepEqual([polling?.watch, polling?.watchInterval], ['poll', 250]);
    assert.equal(readConfig({ COURIER_WATCH: 'off' }).config?.watch, 'off');
    assert.deepEqual(readConfig({ COURIER_WATCH: 'inotify', COURIER_WATCH_INTERVAL: '10' }).problems, [
      'COURIER_WATCH: expected events, poll or off, found "inotify"',
      'COURIER_WATCH_INTERVAL: expected a whole number from 100 to 60000, found "10"',
    ]);
  });

  it('renders article bodies on a worker thread a core unless told how many (0: none)', () => {
    assert.equal(readConfig({}).config?.buildThreads, Math.max(1, availableParallelism() - 1));
    assert.equal(readConfig({ COURIER_BUILD_THREADS: '0' }).config?.buildThreads, 0);
    assert.equal(readConfig({ COURIER_BUILD_THREADS: '3' }).config?.buildThreads, 3);
    assert.deepEqual(readConfig({ COURIER_BUILD_THREADS: '-1' }).problems, [
      'COURIER_BUILD_THREADS: expected a whole number from 0 to 256, found "-1"',
    ]);
    assert.deepEqual(readConfig({ COURIER_BUILD_THREADS: 'two' }).problems, [
      'COURIER_BUILD_THREADS: expected a whole number from 0 to 256, found "two"',
    ]);
  });
});

describe('the scale-out settings', () => {
  it('are off unless set: no Redis, no caches to purge, no proxy believed', () => {
    assert.deepEqual(readConfig({}).config?.scale, { redisUrl: undefined, purgeUrls: [], trustedProxies: [] });
  });

  it('read a Redis URL, the caches to purge and the trusted proxies, as lists', () => {
    const { config } = readConfig({
      COURIER_REDIS_URL: 'redis://10.0.0.5:6379/2',
      COURIER_PURGE_URLS: 'http://127.0.0.1:6081/, http://10.0.0.7:6081',
      COURIER_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8, ::1',
    });
    assert.deepEqual(config?.scale, {
      redisUrl: 'redis://10.0.0.5:6379/2',
      purgeUrls: ['http://127.0.0.1:6081', 'http://10.0.0.7:6081'],
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
    assert.ok(Object.isFrozen(config.scale));
  });

  it('report each malformed entry by name', () => {
    const { problems } = readConfig({
      COURIER_REDIS_URL: 'localhost:6379',
      COURIER_PURGE_URLS: 'varnish',
      COURIER_TRUSTED_PROXIES: '10.0.0.0/33,proxy.example',
    });
    assert.deepEqual(problems, [
      'COURIER_REDIS_URL: expected redis://host:port or rediss://…, found "localhost:6379"',
      'COURIER_PURGE_URLS: expected base URLs such as http://127.0.0.1:6081, found "varnish"',
      'COURIER_TRUSTED_PROXIES: expected addresses or IPv4 CIDRs, found "10.0.0.0/33"',
      'COURIER_TRUSTED_PROXIES: expected addresses or IPv4 CIDRs, found "proxy.example"',
    ]);
  });
});
