// The few parts of pubsubhubbub (a WebSub subscriber, JavaScript without types) that the tests use.
declare module 'pubsubhubbub' {
  import type { EventEmitter } from 'node:events';
  import type { Server } from 'node:http';

  interface Options {
    callbackUrl?: string;
    secret?: string;
    leaseSeconds?: number;
  }
  interface PubSubHubbub extends EventEmitter {
    callbackUrl: string;
    secret: string | false;
    server: Server;
    listen(port: number, host: string, listening?: () => void): void;
    subscribe(topic: string, hub: string, callback?: (error: Error | null, topic?: string) => void): void;
    unsubscribe(topic: string, hub: string, callback?: (error: Error | null, topic?: string) => void): void;
  }
  const pubsubhubbub: { createServer(options: Options): PubSubHubbub };
  export default pubsubhubbub;
}
